import { sourceFinding } from '../../engine/source-messages.js';
import type { RawFinding, SuppressionDirective } from '../../engine/suppressions.js';
import type { Catalog, EnumType, Table } from '../../model/catalog.js';
import { emptyCatalog, tableKey } from '../../model/catalog.js';
import { isSnakeCase } from '../../model/names.js';
import type { InputFile, InputModule, SchemaJsonLoader } from '../build.js';
import type { SourceFile } from '../source-file.js';
import { ReplayState } from '../sql/replay/context.js';
import { DefinitionBuilder, type BuiltTable } from './build-tables.js';
import type { ModuleDefinition } from './definition.js';
import { compareWithMigrations } from './drift.js';
import { readJsonFile, type JsonDocument } from './json-document.js';
import { validateModuleDefinition } from './module-schema.js';
import { readWaivers } from './waivers.js';

export type { ModuleDefinition } from './definition.js';

export interface SchemaJsonOptions {
  /** The date waivers expire against, `YYYY-MM-DD` (default: today in UTC). */
  today?: string;
}

/** One schema.json read, validated and turned into tables. */
export interface SchemaJsonModel {
  source?: SourceFile;
  doc?: JsonDocument;
  /** Set when the document passed the JSON Schema. */
  definition?: ModuleDefinition;
  /** The module name: `module` of the file when it is valid, else the one given. */
  module: string;
  built: BuiltTable[];
  /** The enum types it declares, registered in the catalog it was read into. */
  enums: EnumType[];
  /** parse-error, schema-definition-invalid and waiver-expired findings. */
  findings: RawFinding[];
  directives: SuppressionDirective[];
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Read a schema.json into `state` (its catalog and name spaces). Nothing is built from a document that
 * is not JSON or whose tables break the JSON Schema: the findings say what to fix first.
 */
function readInto(file: InputFile, fallbackModule: string, state: ReplayState, today: string): SchemaJsonModel {
  const read = readJsonFile(file.path, file.bytes, fallbackModule);
  if (!read.ok) return { source: read.source, module: fallbackModule, built: [], enums: [], findings: [read.finding], directives: [] };
  const doc = read.doc;
  const value = doc.value as Partial<ModuleDefinition> | undefined;
  const named = value && typeof value === 'object' && typeof value.module === 'string' && isSnakeCase(value.module) ? value.module : undefined;
  const module = named ?? fallbackModule;
  const model: SchemaJsonModel = { source: doc.source, doc, module, built: [], enums: [], findings: [], directives: [] };
  const problems = validateModuleDefinition(value);
  for (const p of problems) {
    model.findings.push(sourceFinding('schema-definition-invalid', 'schemaViolation', { message: p.message }, { loc: p.atKey ? doc.keyLoc(p.at) : doc.loc(p.at), module }));
  }
  if (!value || !Array.isArray(value.tables) || problems.some((p) => p.at.length === 0 || p.at[0] === 'tables')) return model;
  if (problems.length === 0) model.definition = value as ModuleDefinition;
  const builder = new DefinitionBuilder(doc, state, module);
  // Enums first, as a migration creates them before the tables that use them; none from a broken list.
  if (!problems.some((p) => p.at[0] === 'enums')) model.enums = builder.buildEnums(value as ModuleDefinition);
  model.built = builder.buildAll(value as ModuleDefinition);
  for (const p of builder.problems) model.findings.push(sourceFinding('schema-definition-invalid', 'invalidDefinition', { message: p.message }, { loc: p.loc, module }));
  const waivers = readWaivers(model.built, doc, module, today);
  model.findings.push(...waivers.findings);
  model.directives.push(...waivers.directives);
  return model;
}

/** Name spaces as the module's migrations saw them: every other module's tables, indexes, constraints and enums. */
function stateWithout(catalog: Catalog, module: string): ReplayState {
  const state = new ReplayState(emptyCatalog());
  for (const [key, e] of catalog.enums) if (e.module !== module) state.catalog.enums.set(key, e);
  for (const [key, t] of catalog.tables) {
    if (t.module === module) continue;
    state.catalog.tables.set(key, t);
    state.names.addRelation(t.schema, t.name);
    for (const i of t.indexes) state.names.addRelation(t.schema, i.name);
    for (const c of t.constraints) {
      state.names.addConstraint(t.schema, c.name);
      if (c.kind === 'primary key' || c.kind === 'unique' || c.kind === 'exclude') state.names.addRelation(t.schema, c.name);
    }
  }
  return state;
}

/**
 * A schema.json on its own, e.g. for generating DDL or docs from it: its tables are built in a catalog
 * of their own (seeded with the other modules of `catalog`, so that implicit names come out as they
 * would next to them).
 */
export function readSchemaJson(file: InputFile, module: string, opts: SchemaJsonOptions & { catalog?: Catalog } = {}): SchemaJsonModel & { tables: Table[] } {
  const state = opts.catalog ? stateWithout(opts.catalog, module) : new ReplayState(emptyCatalog());
  const model = readInto(file, module, state, opts.today ?? todayUtc());
  return { ...model, tables: model.built.map((b) => b.table) };
}

/**
 * The loader buildModel uses for schema.json. A module without migrations is defined by its schema.json:
 * its tables join the catalog and every rule judges them. A module with migrations is judged on them;
 * its schema.json is built apart and compared with their final state (schema-drift).
 */
export function createSchemaJsonLoader(opts: SchemaJsonOptions = {}): SchemaJsonLoader {
  const today = opts.today ?? todayUtc();
  return (file: InputFile, module: InputModule, ctx) => {
    const hasMigrations = module.migrations.length > 0;
    const state = hasMigrations ? stateWithout(ctx.catalog, module.name) : ctx.state;
    const model = readInto(file, module.name, state, today);
    if (model.source) ctx.sources.set(file.path, model.source);
    const info = ctx.catalog.modules.find((m) => m.name === module.name && m.dir === module.dir);
    if (info && model.definition) {
      if (model.definition.version !== undefined) info.version = model.definition.version;
      if (model.definition.description !== undefined) info.description = model.definition.description;
    }
    ctx.findings.push(...model.findings);
    ctx.directives.push(...model.directives);
    if (!hasMigrations) {
      if (info) info.name = model.module;
      return;
    }
    carryDeclarations(model.built, ctx.catalog, module.name);
    const definitionProblems = model.findings.some((f) => f.ruleId === 'schema-definition-invalid');
    if (!model.doc || !model.definition || definitionProblems) return;
    const actual = [...ctx.catalog.tables.values()].filter((t) => t.module === module.name);
    const actualEnums = [...ctx.catalog.enums.values()].filter((e) => e.module === module.name);
    const lookup = (s: string, n: string) => ctx.catalog.tables.get(tableKey(s, n));
    ctx.findings.push(...compareWithMigrations(model.built, actual, model.doc, model.module, lookup, { declared: model.enums, actual: actualEnums }));
  };
}

/**
 * Migrations cannot declare a table's kind or a cross-module reference (neither has DDL): what
 * schema.json declares is carried onto the same migrated table and column, so the rules and the
 * documentation see it on the model they judge.
 */
function carryDeclarations(built: BuiltTable[], catalog: Catalog, module: string): void {
  for (const { table } of built) {
    const actual = catalog.tables.get(tableKey(table.schema, table.name));
    if (!actual || actual.module !== module) continue;
    if (table.kind && !actual.kind) actual.kind = table.kind;
    for (const c of table.columns) {
      if (!c.crossModuleReference) continue;
      const target = actual.columns.find((a) => a.name === c.name);
      if (target) target.crossModuleReference = c.crossModuleReference;
    }
  }
}
