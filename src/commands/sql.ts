import { resolve } from 'node:path';
import { UsageError } from '../engine/config/types.js';
import { generateModuleSql, SqlGenerationError } from '../generators/sql/index.js';
import type { BuiltModel } from '../sources/build.js';
import { requireModules, warnIfIncomplete, writeError } from './generate-common.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';

export interface SqlOptions {
  model: BuiltModel;
  module: string;
  /** File to write (relative to the working directory); standard output when absent. */
  out?: string;
}

/** `ismslint sql <module> [--out file]`: exit 0, or a UsageError (exit 2) for an unknown module or an unwritable file. */
export async function runSql(io: CommandIO, opts: SqlOptions): Promise<number> {
  requireModules(opts.model, [opts.module]);
  warnIfIncomplete(io, opts.model, opts.module);
  let sql: string;
  try {
    sql = generateModuleSql(opts.model.catalog, opts.module);
  } catch (e) {
    if (e instanceof SqlGenerationError) throw new UsageError(`cannot generate SQL for module "${opts.module}": ${e.message}`);
    throw e;
  }
  if (opts.out === undefined) {
    io.stdout(sql);
    return 0;
  }
  const target = resolve(io.cwd, opts.out);
  try {
    writeFileAtomic(target, sql);
  } catch (e) {
    throw writeError(io, target, e);
  }
  return 0;
}
