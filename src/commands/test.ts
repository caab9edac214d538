import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../engine/config/types.js';
import { toolVersion } from '../package-info.js';
import { formatQa, QA_REPORTERS, totals, type QaReporter } from '../qa/report.js';
import { runSuite, type SuiteResult } from '../qa/runtime/index.js';
import { writeError } from './generate-common.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';
import { progress } from './progress.js';
import { moduleSuites, selectModules, type QaSelection } from './qa-common.js';
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
  /** Minimum mutation score in percent (default 95). */
  threshold?: number;
}

/** `ismslint test`: generate the suites in memory, run each on a fresh database, report; exit 1 on any failure. */
export async function runTest(io: CommandIO, opts: TestOptions): Promise<number> {
  if (!QA_REPORTERS.includes(opts.reporter as QaReporter)) throw new UsageError(`--reporter must be one of ${QA_REPORTERS.join(', ')} (got "${opts.reporter}")`);
  if (opts.threshold !== undefined && !opts.mutation) throw new UsageError('--mutation-threshold applies to --mutation only');
  if (opts.threshold !== undefined && !(opts.threshold >= 0 && opts.threshold <= 100)) throw new UsageError(`--mutation-threshold must be a percentage from 0 to 100 (got ${opts.threshold})`);
  if (opts.mutation && opts.reporter !== 'stylish' && opts.reporter !== 'json') throw new UsageError(`--mutation reports as stylish or json (got "${opts.reporter}")`);
  const url = opts.databaseUrl ?? (io.env.ISMSLINT_DATABASE_URL?.trim() || undefined);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`the database URL must start with postgres:// or postgresql:// (got "${url.replace(/\/\/[^@/]*@/, '//…@')}")`);
  const sel = await selectModules(io, opts.args, opts.config);
  const base = pathToFileURL(resolve(io.cwd) + '/');
  if (opts.mutation) return runMutationAnalysis(io, opts, sel, base, url);
  const suites: SuiteResult[] = [];
  for (const m of moduleSuites(io, sel, resolve(io.cwd))) suites.push(await onServer(url, () => runSuite(m.suite, { base, databaseUrl: url })));
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
  const threshold = opts.threshold ?? 95;
  const runs: MutationRun[] = [];
  const shown = progress(io);
  for (const m of moduleSuites(io, sel, resolve(io.cwd))) {
    const mutants = moduleMutants(sel.model.catalog, sel.config.standard, m.suite.module);
    const onProgress = (done: number, total: number) => shown.update(`mutation analysis of ${m.suite.module}`, done, total);
    runs.push(await onServer(url, () => runMutation(m.suite, mutants, { base, databaseUrl: url, onProgress })));
  }
  shown.done();
  const text = opts.reporter === 'json' ? formatMutationJson(runs, threshold, toolVersion) : formatMutationStylish(runs, threshold);
  emit(io, opts.outputFile, text);
  return mutationFailed(runs, threshold) ? 1 : 0;
}

/** Runs `fn`; a server that refuses the connection or the user is a usage problem (exit 2), not a crash. */
async function onServer<T>(url: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (url && (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || /password|authentication|permission denied/i.test(err.message ?? ''))) {
      throw new UsageError(`cannot use the database server: ${err.message}`);
    }
    throw e;
  }
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
