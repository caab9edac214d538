/** A module's suite: its requirements, the sources its database is built from, and the hash of its inputs. */
import { createHash } from 'node:crypto';
import type { Catalog } from '../model/catalog.js';
import type { Standard } from '../engine/standard.js';
import { generateModuleSql } from '../generators/sql/index.js';
import type { BuildSource, Suite } from './runtime/types.js';
import { buildRequirements } from './requirements.js';
import { uuidV7Call, uuidV7FunctionSql } from '../generators/sql/uuidv7-function.js';

export interface ModuleSuite {
  suite: Suite;
  /** Input files, relative to the project (the configuration's directory), in build order. */
  inputs: string[];
  /** SHA-256 over the generator version and every input's path and bytes. */
  hash: string;
}

export interface SuiteInputs {
  catalog: Catalog;
  standard: Standard;
  module: string;
  version: string;
  /** Reads an input file by its shown path. */
  read(path: string): Uint8Array;
  /** An input's path as the header names it and the hash covers: relative to the project, so the same wherever the command runs. */
  projectPath(path: string): string;
  /** A migration's path as the suite names it (relative to where the suite lives). */
  pathFor(path: string): string;
}

const isSql = (f: string) => f.toLowerCase().endsWith('.sql');

/** Migrations of the global module, then the module's; a module without migrations is built from `ismslint sql`. */
export function moduleSuite(inputs: SuiteInputs): ModuleSuite {
  const { catalog, standard, module } = inputs;
  const order = [standard.globalModule, module].filter((m, i, all) => all.indexOf(m) === i);
  const build: BuildSource[] = [];
  const files: string[] = [];
  for (const name of order) {
    const info = catalog.modules.find((m) => m.name === name);
    if (!info) continue;
    files.push(...info.files);
    const sql = info.files.filter(isSql);
    if (sql.length) for (const f of sql) build.push({ file: inputs.pathFor(f) });
    else build.push({ name: `ismslint sql ${name}`, sql: generateModuleSql(catalog, name, { defaultSchema: standard.defaultSchema }) });
  }
  const fn = standard.uuidV7Function;
  const defined = [...catalog.functions].some((f) => f === fn || f.endsWith(`.${fn}`));
  if (!defined && build.some((b) => 'sql' in b && b.sql.includes(uuidV7Call(fn)))) build.unshift({ name: `ismslint's ${fn}()`, sql: uuidV7FunctionSql(fn), note: uuidV7Note(fn) });
  const hash = createHash('sha256');
  hash.update(`ismslint ${inputs.version}\0`);
  for (const f of files) {
    hash.update(`${inputs.projectPath(f)}\0`);
    hash.update(inputs.read(f));
    hash.update('\0');
  }
  return { suite: { ...buildRequirements({ catalog, standard, module }), build }, inputs: files.map(inputs.projectPath), hash: hash.digest('hex') };
}

function uuidV7Note(name: string): string {
  return `no migration defines ${name}(), which the design's defaults call: the database uses ismslint's UUIDv7 ${name}()`;
}
