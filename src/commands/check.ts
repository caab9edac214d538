import { join, relative, resolve } from 'node:path';
import type { CommandIO } from './io.js';
import { runLint } from './lint.js';
import type { ReportOptions } from './report.js';
import { runReport } from './report.js';
import { runTest } from './test.js';
import { loadWorkspace } from './workspace.js';

/** Where `check` keeps the QA results the report reads, next to the report. */
export const QA_RESULTS_FILE = 'qa-results.json';

/**
 * The governance run in one command, for CI and for the Foreman: the lint's findings, the QA suites
 * on a fresh database (embedded PGlite, or ISMSLINT_DATABASE_URL), then the compliance report with
 * their results. The exit code is the report's verdict.
 */
export async function runCheck(io: CommandIO, opts: ReportOptions): Promise<number> {
  io.stdout('== Lint\n');
  // Without paths the three steps read the same workspace, the configured roots: it is loaded once.
  // With paths each loads its own, as lint, test and report do alone (lint reads them with the roots).
  const workspace = opts.paths.length === 0 ? await loadWorkspace(io, { paths: [], config: opts.config }) : undefined;
  await runLint(io, { paths: opts.paths, config: opts.config, format: 'stylish', quiet: false, workspace });
  const qaResults = join(resolve(io.cwd, opts.outDir), QA_RESULTS_FILE);
  io.stdout(`\n== QA suites (${io.env.ISMSLINT_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})\n`);
  // The summary goes to stderr when the results go to a file; here it belongs with the rest.
  await runTest({ ...io, stderr: io.stdout }, { args: opts.paths, config: opts.config, reporter: 'json', outputFile: qaResults, workspace });
  io.stdout(`results: ${relative(io.cwd, qaResults)}\n`);
  io.stdout('\n== Compliance report\n');
  return runReport(io, { ...opts, qaResults: [...opts.qaResults, qaResults], check: false, workspace });
}
