import { resolve } from 'node:path';
import { UsageError } from '../engine/config/types.js';
import { generateModuleSql, SqlGenerationError } from '../generators/sql/index.js';
import type { BuiltModel } from '../sources/build.js';
import { parseSqlFile } from '../sources/sql/parser.js';
import { requireModules, shownPath, warnIfIncomplete, writeError } from './generate-common.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';

export interface SqlOptions {
  model: BuiltModel;
  module: string;
  /** File to write (relative to the working directory); standard output when absent. */
  out?: string;
}

/** `ismslint sql <module> [--out file]`: exit 0; 1 when the generated DDL does not parse; or a UsageError (exit 2) for an unknown module or an unwritable file. */
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
  // What we print must be what PostgreSQL accepts; a statement it cannot parse is our failure to report.
  const { errors } = parseSqlFile(sql);
  if (errors.length > 0) {
    const line = sql.slice(0, errors[0]!.start).split('\n').length;
    io.stderr(`ismslint: the DDL generated for module "${opts.module}" does not parse (line ${line}: ${errors[0]!.message}); nothing written\n`);
    return 1;
  }
  if (opts.out === undefined) {
    io.stdout(sql);
    return 0;
  }
  const target = resolve(io.cwd, opts.out);
  try {
    writeFileAtomic(target, sql, shownPath(io, target));
  } catch (e) {
    throw writeError(io, target, e);
  }
  return 0;
}
