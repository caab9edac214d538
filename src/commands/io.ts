import { chmodSync, lstatSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fsProblem } from '../engine/fs-error.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CommandIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard output is a terminal (colour). */
  isTTY: boolean;
  /** Standard error is a terminal (progress); its width in columns when known. */
  stderrIsTTY?: boolean;
  columns?: number;
}

/**
 * Write via a temporary file and rename, so a reader never sees half a report. An existing file keeps
 * its permissions, and a symbolic link is written through, not replaced. Failures are one-line
 * UsageErrors naming `shown` (the path as the user wrote it).
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, shown: string = path): void {
  let target = resolve(path);
  let mode: number | undefined;
  try {
    if (lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) target = realpathSync(target);
    const existing = statSync(target, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR', syscall: 'open' });
    mode = existing?.mode;
    mkdirSync(dirname(target), { recursive: true });
  } catch (e) {
    throw fsProblem('write', shown, e);
  }
  const tmp = `${target}.ismslint-tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content, { mode: 0o666 });
    if (mode !== undefined) chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw fsProblem('write', shown, e);
  }
}
