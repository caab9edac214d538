import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../engine/config/types.js';
import { toolVersion } from '../package-info.js';
import { formatQa, QA_REPORTERS, totals, type QaReporter } from '../qa/report.js';
import { runSuite, type SuiteResult } from '../qa/runtime/index.js';
import { writeError } from './generate-common.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';
import { moduleSuites, selectModules, type QaSelection } from './qa-common.js';
import { moduleMutants } from '../qa/mutants.js';
import { runMutation, type MutationRun } from '../qa/mutation.js';
import { formatMutationJson, formatMutationStylish, mutationTotals } from '../qa/mutation-report.js';

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
  const url = opts.databaseUrl ?? (io.env.ISMSLINT_DATABASE_URL?.trim() || undefined);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`the database URL must start with postgres:// or postgresql:// (got "${url.replace(/\/\/[^@/]*@/, '//…@')}")`);
  const sel = await selectModules(io, opts.args, opts.config);
  const base = pathToFileURL(resolve(io.cwd) + '/');
  if (opts.mutation) return runMutationAnalysis(io, opts, sel, base, url);
  const suites: SuiteResult[] = [];
  for (const m of moduleSuites(io, sel, resolve(io.cwd))) {
    try {
      suites.push(await runSuite(m.suite, { base, databaseUrl: url }));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (url && (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || /password|authentication|permission denied/i.test(err.message ?? ''))) {
        throw new UsageError(`cannot use the database server: ${err.message}`);
      }
      throw e;
    }
  }
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
  if (!(threshold >= 0 && threshold <= 100)) throw new UsageError(`--threshold must be a percentage from 0 to 100 (got ${opts.threshold})`);
  if (opts.reporter !== 'stylish' && opts.reporter !== 'json') throw new UsageError('--mutation reports as stylish or json');
  const runs: MutationRun[] = [];
  for (const m of moduleSuites(io, sel, resolve(io.cwd))) {
    runs.push(await runMutation(m.suite, moduleMutants(sel.model.catalog, sel.config.standard, m.suite.module), { base, databaseUrl: url }));
  }
  const text = opts.reporter === 'json' ? formatMutationJson(runs, threshold, toolVersion) : formatMutationStylish(runs, threshold);
  emit(io, opts.outputFile, text);
  const failed = runs.some((r) => r.baselineFailures.length) || mutationTotals(runs).score < threshold;
  return failed ? 1 : 0;
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
