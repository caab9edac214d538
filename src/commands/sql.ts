import { resolve } from 'node:path';
import { UsageError } from '../engine/config/types.js';
import { generateModuleSql, SqlGenerationError } from '../generators/sql/index.js';
import type { Catalog } from '../model/catalog.js';
import type { BuiltModel } from '../sources/build.js';
import { readSchemaJson } from '../sources/schema-json/index.js';
import { requireModules, shownPath, warnIfIncomplete, writeError } from './generate-common.js';
import { parseSqlFile } from '../sources/sql/parser.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';

export interface SqlOptions {
  model: BuiltModel;
  module: string;
  /** File to write (relative to the working directory); standard output when absent. */
  out?: string;
}

/**
 * schema.json is the source of truth: where a module has one, its DDL comes from it, also when the
 * module has migrations (whose first one is usually this very output). The other modules stay as read.
 */
function declaredCatalog(model: BuiltModel, module: string): Catalog {
  const path = model.catalog.modules.find((m) => m.name === module)?.files.find((f) => f === 'schema.json' || f.endsWith('/schema.json'));
  const source = path === undefined ? undefined : model.sources.get(path);
  if (path === undefined || source === undefined) return model.catalog;
  const read = readSchemaJson({ path, bytes: Buffer.from(source.text, 'utf8') }, module, { catalog: model.catalog });
  if (read.findings.some((f) => f.ruleId === 'parse-error' || f.ruleId === 'schema-definition-invalid')) return model.catalog;
  const tables = new Map([...model.catalog.tables].filter(([, t]) => t.module !== module));
  for (const t of read.tables) tables.set(`${t.schema}.${t.name}`, t);
  const enums = new Map([...model.catalog.enums].filter(([, e]) => e.module !== module));
  for (const e of read.enums) enums.set(`${e.schema}.${e.name}`, e);
  return { ...model.catalog, tables, enums };
}

/** `ismslint sql <module> [--out file]`: exit 0; 1 when the generated DDL does not parse; or a UsageError (exit 2) for an unknown module or an unwritable file. */
export async function runSql(io: CommandIO, opts: SqlOptions): Promise<number> {
  requireModules(opts.model, [opts.module]);
  warnIfIncomplete(io, opts.model, opts.module);
  let sql: string;
  try {
    sql = generateModuleSql(declaredCatalog(opts.model, opts.module), opts.module);
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
