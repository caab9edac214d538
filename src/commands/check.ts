import type { CommandIO } from './io.js';
import { runLint } from './lint.js';
import type { ReportOptions } from './report.js';
import { runReport } from './report.js';

/**
 * The governance run in one command, for CI and for the Foreman: the lint's findings on the
 * terminal, then the compliance report; the exit code is the report's verdict.
 */
export async function runCheck(io: CommandIO, opts: ReportOptions): Promise<number> {
  io.stdout('== Lint\n');
  await runLint(io, { paths: opts.paths, config: opts.config, format: 'stylish', quiet: false });
  io.stdout('\n== Compliance report\n');
  return runReport(io, { ...opts, check: false });
}
