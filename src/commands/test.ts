import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../engine/config/types.js';
import { toolVersion } from '../package-info.js';
import { formatQa, QA_REPORTERS, totals, type QaReporter } from '../qa/report.js';
import { abortOpenDatabases, DatabaseServerError, runSuite, type SuiteResult } from '../qa/runtime/index.js';
import { writeError } from './generate-common.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';
import { progress } from './progress.js';
import { moduleSuites, selectModules, type QaSelection } from './qa-common.js';
import type { Workspace } from './workspace.js';
import { moduleMutants } from '../qa/mutants.js';
import { runMutation, type MutationRun } from '../qa/mutation.js';
import { formatMutationJson, formatMutationStylish, mutationFailed } from '../qa/mutation-report.js';

export interface TestOptions {
  args: string[];
  config?: string;
  databaseUrl?: string;
  reporter: string;
  outputFile?: string;
  /** Run the mutation analysis instead of the suites. */
  mutation?: boolean;
  /** Minimum mutation score in percent (default: the configuration's qa.mutationThreshold). */
  threshold?: number;
  /** The configured roots' workspace, already loaded (`ismslint check` shares one). */
  workspace?: Workspace;
}

/** `ismslint test`: generate the suites in memory, run each on a fresh database, report; exit 1 on any failure. */
export async function runTest(io: CommandIO, opts: TestOptions): Promise<number> {
  if (!QA_REPORTERS.includes(opts.reporter as QaReporter)) throw new UsageError(`--reporter must be one of ${QA_REPORTERS.join(', ')} (got "${opts.reporter}")`);
  if (opts.threshold !== undefined && !opts.mutation) throw new UsageError('--mutation-threshold applies to --mutation only');
  if (opts.threshold !== undefined && !(opts.threshold >= 0 && opts.threshold <= 100)) throw new UsageError(`--mutation-threshold must be a percentage from 0 to 100 (got ${opts.threshold})`);
  if (opts.mutation && opts.reporter !== 'stylish' && opts.reporter !== 'json') throw new UsageError(`--mutation reports as stylish or json (got "${opts.reporter}")`);
  const url = opts.databaseUrl ?? (io.env.ISMSLINT_DATABASE_URL?.trim() || undefined);
  if (url !== undefined) checkDatabaseUrl(url);
  const sel = await selectModules(io, opts.args, opts.config, opts.workspace);
  const base = pathToFileURL(resolve(io.cwd) + '/');
  try {
    const run = () => (opts.mutation ? runMutationAnalysis(io, opts, sel, base, url) : runSuites(io, opts, sel, base, url));
    return await (url ? droppingOnInterrupt(io, run) : run());
  } catch (e) {
    // Both paths open their databases through openDatabase, which raises this for a server that cannot
    // be reached, refuses the login or will not create the run's database: one line, exit 2.
    if (e instanceof DatabaseServerError) throw new UsageError(`cannot use the database server at ${shownUrl(url!)}: ${e.message}`);
    throw e;
  }
}

/**
 * While `fn` runs on a server, Ctrl-C or SIGTERM first drops the run's databases (and the role it made),
 * then ends the process as the signal would have: an interrupted run leaves nothing on the server.
 */
async function droppingOnInterrupt<T>(io: CommandIO, fn: () => Promise<T>): Promise<T> {
  let exiting: Promise<never> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    io.stderr(`ismslint: ${signal}: dropping this run's databases on the server\n`);
    exiting = abortOpenDatabases().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await fn();
    return exiting ? await exiting : result;
  } catch (e) {
    // The queries the drop cut short fail: not an error to report, the process is ending.
    if (exiting) return await exiting;
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A URL the pg client can read, naming PostgreSQL; its password is never shown. */
function checkDatabaseUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // Reported below.
  }
  if (!parsed || !/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new UsageError(`the database URL must be postgres://[user[:password]@]host[:port]/database (got "${url.replace(/\/\/[^@/]*@/, '//…@')}")`);
  }
}

function shownUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `:${u.port}` : ''}`;
}

async function runSuites(io: CommandIO, opts: TestOptions, sel: QaSelection, base: URL, url: string | undefined): Promise<number> {
  const suites: SuiteResult[] = [];
  for (const m of moduleSuites(io, sel, resolve(io.cwd))) suites.push(await runSuite(m.suite, { base, databaseUrl: url }));
  const run = { version: toolVersion, suites };
  const text = formatQa(run, opts.reporter as QaReporter);
  emit(io, opts.outputFile, text);
  if (opts.outputFile) {
    const t = totals(run);
    io.stderr(`${t.passed} of ${t.requirements} requirements passed\n`);
  }
  return totals(run).failed ? 1 : 0;
}

async function runMutationAnalysis(io: CommandIO, opts: TestOptions, sel: QaSelection, base: URL, url: string | undefined): Promise<number> {
  const threshold = opts.threshold ?? sel.config.qaMutationThreshold;
  const runs: MutationRun[] = [];
  const shown = progress(io);
  for (const m of moduleSuites(io, sel, resolve(io.cwd))) {
    const mutants = moduleMutants(sel.model.catalog, sel.config.standard, m.suite.module);
    const onProgress = (done: number, total: number) => shown.update(`mutation analysis of ${m.suite.module}`, done, total);
    runs.push(await runMutation(m.suite, mutants, { base, databaseUrl: url, onProgress }));
  }
  shown.done();
  const text = opts.reporter === 'json' ? formatMutationJson(runs, threshold, toolVersion) : formatMutationStylish(runs, threshold);
  emit(io, opts.outputFile, text);
  return mutationFailed(runs, threshold) ? 1 : 0;
}

function emit(io: CommandIO, outputFile: string | undefined, text: string): void {
  if (outputFile === undefined) {
    io.stdout(text);
    return;
  }
  const target = resolve(io.cwd, outputFile);
  try {
    writeFileAtomic(target, text);
  } catch (e) {
    throw writeError(io, target, e);
  }
}
