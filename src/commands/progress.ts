import type { CommandIO } from './io.js';

/** Progress shows only once a run has taken this long: quick runs stay silent. */
const SHOW_AFTER_MS = 1000;
const EVERY_MS = 100;

export interface Progress {
  /** `step` of `total` done in `phase`; cheap to call often. */
  update(phase: string, step: number, total: number): void;
  /** Erase the progress line, before the report is printed. */
  done(): void;
}

/**
 * One line on standard error, rewritten in place, when standard error is a terminal. Called from the
 * synchronous work itself (a timer could not fire while it runs).
 */
export function progress(io: CommandIO, now: () => number = () => performance.now()): Progress {
  const started = now();
  let shownAt = -Infinity;
  let shown = false;
  if (!io.stderrIsTTY || io.env.CI) return { update() {}, done() {} };
  return {
    update(phase, step, total) {
      const t = now();
      if (t - started < SHOW_AFTER_MS || t - shownAt < EVERY_MS) return;
      shownAt = t;
      shown = true;
      io.stderr(`\r\x1b[Kismslint: ${phase} ${step}/${total}…`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}
