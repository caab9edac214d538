import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../engine/config/types.js';
import { toolVersion } from '../package-info.js';
import { formatQa, QA_REPORTERS, totals, type QaReporter } from '../qa/report.js';
import { runSuite, type SuiteResult } from '../qa/runtime/index.js';
import { writeError } from './generate-common.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';
import { moduleSuites, selectModules } from './qa-common.js';

export interface TestOptions {
  args: string[];
  config?: string;
  databaseUrl?: string;
  reporter: string;
  outputFile?: string;
}

/** `ismslint test`: generate the suites in memory, run each on a fresh database, report; exit 1 on any failure. */
export async function runTest(io: CommandIO, opts: TestOptions): Promise<number> {
  if (!QA_REPORTERS.includes(opts.reporter as QaReporter)) throw new UsageError(`--reporter must be one of ${QA_REPORTERS.join(', ')} (got "${opts.reporter}")`);
  const url = opts.databaseUrl ?? (io.env.ISMSLINT_DATABASE_URL?.trim() || undefined);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`the database URL must start with postgres:// or postgresql:// (got "${url.replace(/\/\/[^@/]*@/, '//…@')}")`);
  const sel = await selectModules(io, opts.args, opts.config);
  const base = pathToFileURL(resolve(io.cwd) + '/');
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
  if (opts.outputFile) {
    const target = resolve(io.cwd, opts.outputFile);
    try {
      writeFileAtomic(target, text);
    } catch (e) {
      throw writeError(io, target, e);
    }
    const t = totals(run);
    io.stderr(`${t.passed} of ${t.requirements} requirements passed\n`);
  } else {
    io.stdout(text);
  }
  return totals(run).failed ? 1 : 0;
}
