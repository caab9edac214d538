import type { AlterObjectSchemaStmt, AlterSeqStmt, CreateSeqStmt, CreateTableAsStmt, DefElem, IntoClause, Node, RangeVar, SelectStmt, ViewStmt } from '@pgsql/types';
import type { Sequence, Table, View, ViewKind } from '../../../model/catalog.js';
import { tableKey } from '../../../model/catalog.js';
import { chooseName } from '../../../model/names.js';
import { field } from '../ast-helpers.js';
import type { Relation, StatementContext } from './context.js';
import { isSequence, isView, relationKindName, strings } from './context.js';
import { callsNextval, renameSequenceRefs } from '../expr.js';
import { columnsFromShape, queryShape } from './query-columns.js';

/** A new relation's name must be free among the schema's relations (tables, views, sequences, indexes). */
function nameTaken(ctx: StatementContext, schema: string, name: string): boolean {
  const key = tableKey(schema, name);
  const c = ctx.catalog;
  return c.tables.has(key) || c.views.has(key) || c.sequences.has(key) || ctx.state.names.hasRelation(schema, name);
}

/** A new, empty table as CREATE TABLE makes it; every optional field declared, so tables keep one shape. */
export function newTable(ctx: StatementContext, schema: string, rel: RangeVar, partitioned = false): Table {
  return {
    schema,
    name: rel.relname ?? '',
    module: ctx.module,
    columns: [],
    constraints: [],
    indexes: [],
    policies: [],
    triggers: [],
    privileges: [],
    rls: { enabled: false, forced: false, loc: undefined },
    partitioned,
    loc: ctx.nameAt(rel.location),
    declaredName: undefined,
    description: undefined,
    hypertable: undefined,
    partitionOf: undefined,
  };
}

/** CREATE [OR REPLACE] [MATERIALIZED] VIEW, CREATE TABLE … AS, SELECT … INTO. */
export function createView(ctx: StatementContext, stmt: ViewStmt): void {
  const rel = stmt.view;
  if (!rel?.relname) return;
  createFromQuery(ctx, rel, stmt.query, strings(stmt.aliases), 'view', { replace: Boolean(stmt.replace) });
}

export function createTableAs(ctx: StatementContext, stmt: CreateTableAsStmt): void {
  const into = stmt.into;
  if (!into?.rel?.relname) return;
  const kind = stmt.objtype === 'OBJECT_MATVIEW' ? 'materialized view' : 'table';
  createFromQuery(ctx, into.rel, stmt.query, strings(into.colNames), kind, { ifNotExists: Boolean(stmt.if_not_exists) });
}

/** SELECT … INTO new_table: CREATE TABLE … AS under another name. */
export function selectInto(ctx: StatementContext, stmt: SelectStmt): void {
  const into: IntoClause | undefined = stmt.intoClause;
  if (!into?.rel?.relname) return;
  createFromQuery(ctx, into.rel, { SelectStmt: { ...stmt, intoClause: undefined } }, strings(into.colNames), 'table', {});
}

function createFromQuery(ctx: StatementContext, rel: RangeVar, query: Node | undefined, aliases: string[], kind: ViewKind | 'table', opts: { replace?: boolean; ifNotExists?: boolean }): void {
  const name = rel.relname!;
  const schema = ctx.creationSchema(rel.schemaname);
  const key = tableKey(schema, name);
  const existing = ctx.catalog.views.get(key);
  if (opts.replace && existing && existing.relkind === 'view') {
    replaceView(ctx, existing, query, aliases);
    return;
  }
  if (nameTaken(ctx, schema, name)) {
    if (!opts.ifNotExists) ctx.problem(`relation "${schema}.${name}" already exists`, ctx.nameAt(rel.location));
    return;
  }
  const shape = queryShape(ctx, query);
  if (aliases.length > shape.columns.length && shape.complete) {
    ctx.problem(`CREATE ${kind === 'table' ? 'TABLE AS' : kind.toUpperCase()} specifies too many column names`, ctx.nameAt(rel.location));
    return;
  }
  const loc = ctx.nameAt(rel.location);
  const duplicate = duplicateName(columnsFromShape(shape, aliases, loc).map((c) => c.name));
  if (duplicate !== undefined && shape.complete) {
    ctx.problem(`column "${duplicate}" specified more than once`, loc);
    return;
  }
  const table = newTable(ctx, schema, rel);
  table.columns = columnsFromShape(shape, aliases, loc);
  if (!shape.complete) table.columnsIncomplete = true;
  ctx.noteDeclaredName(table, name, rel.location);
  ctx.state.names.addRelation(schema, name);
  if (kind === 'table') {
    ctx.catalog.tables.set(key, table);
    return;
  }
  const view: View = Object.assign(table, { relkind: kind, dependsOn: shape.dependsOn });
  ctx.catalog.views.set(key, view);
}

function duplicateName(names: string[]): string | undefined {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) return n;
    seen.add(n);
  }
  return undefined;
}

/** CREATE OR REPLACE VIEW: it may only add columns at the end, never drop, rename or retype one. */
function replaceView(ctx: StatementContext, view: View, query: Node | undefined, aliases: string[]): void {
  const shape = queryShape(ctx, query);
  const columns = columnsFromShape(shape, aliases, view.loc);
  if (shape.complete && !view.columnsIncomplete) {
    if (columns.length < view.columns.length) {
      ctx.problem(`cannot drop columns from view "${view.name}"`);
      return;
    }
    for (const [i, old] of view.columns.entries()) {
      const now = columns[i]!;
      if (now.name !== old.name) {
        ctx.problem(`cannot change name of view column "${old.name}" to "${now.name}"`);
        return;
      }
      if (now.type.name !== 'unknown' && old.type.name !== 'unknown' && now.type.text !== old.type.text) {
        ctx.problem(`cannot change data type of view column "${old.name}" from ${old.type.text} to ${now.type.text}`);
        return;
      }
    }
  }
  // Comments of kept columns stay, as in pg_description.
  view.columns = columns.map((c, i) => ({ ...c, comment: view.columns[i]?.comment }));
  view.columnsIncomplete = shape.complete ? undefined : true;
  view.dependsOn = shape.dependsOn;
}

/** CREATE SEQUENCE [IF NOT EXISTS] name [OWNED BY t.c]. */
export function createSequence(ctx: StatementContext, stmt: CreateSeqStmt): void {
  const rel = stmt.sequence;
  if (!rel?.relname) return;
  const schema = ctx.creationSchema(rel.schemaname);
  if (nameTaken(ctx, schema, rel.relname)) {
    if (!stmt.if_not_exists) ctx.problem(`relation "${schema}.${rel.relname}" already exists`, ctx.nameAt(rel.location));
    return;
  }
  const seq: Sequence = { schema, name: rel.relname, module: ctx.module, ownedBy: undefined, loc: ctx.nameAt(rel.location) };
  ctx.catalog.sequences.set(tableKey(schema, seq.name), seq);
  ctx.state.names.addRelation(schema, seq.name);
  setOwnedBy(ctx, seq, stmt.options);
}

export function alterSequence(ctx: StatementContext, stmt: AlterSeqStmt): void {
  const rel = stmt.sequence;
  if (!rel?.relname) return;
  const r = ctx.relation({ schemaname: rel.schemaname, relname: rel.relname, location: rel.location }, stmt.missing_ok);
  if (!r) return;
  if (!isSequence(r)) {
    ctx.problem(`"${r.name}" is not a sequence`, ctx.nameAt(rel.location));
    return;
  }
  setOwnedBy(ctx, r, stmt.options);
}

function setOwnedBy(ctx: StatementContext, seq: Sequence, options: Node[] | undefined): void {
  for (const o of options ?? []) {
    const def: DefElem | undefined = field(o, 'DefElem');
    if (def?.defname !== 'owned_by') continue;
    const parts = strings(field(def.arg, 'List')?.items);
    if (parts.length === 1 && parts[0] === 'none') {
      seq.ownedBy = undefined;
      continue;
    }
    if (parts.length < 2) {
      ctx.problem('invalid OWNED BY option: specify OWNED BY table.column or OWNED BY NONE');
      continue;
    }
    const column = parts[parts.length - 1]!;
    const relname = parts[parts.length - 2]!;
    const table = ctx.relation({ schemaname: parts.length > 2 ? parts[parts.length - 3] : undefined, relname });
    if (!table) continue;
    if (isSequence(table) || (isView(table) && table.relkind === 'view')) {
      ctx.problem(`sequence cannot be owned by relation "${table.name}"`);
      continue;
    }
    if (table.schema !== seq.schema) {
      ctx.problem('sequence must be in same schema as table it is linked to');
      continue;
    }
    if (!table.columns.some((c) => c.name === column)) {
      ctx.problem(`column "${column}" of relation "${table.name}" does not exist`);
      continue;
    }
    seq.ownedBy = { schema: table.schema, table: table.name, column };
  }
}

/** The implicit sequence of a serial or identity column: `<table>_<column>_seq`, made unique as PostgreSQL does. */
export function addOwnedSequence(ctx: StatementContext, table: Table, column: string, options?: Node[]): void {
  const names = ctx.state.names;
  // Identity options may name the sequence: `GENERATED … AS IDENTITY (SEQUENCE NAME s.x_id_seq …)`, as pg_dump writes.
  const given = (options ?? []).map((o) => field(o, 'DefElem')).find((d) => d?.defname === 'sequence_name');
  const parts = given ? strings(field(given.arg, 'List')?.items) : [];
  const schema = parts.length > 1 ? parts[parts.length - 2]! : table.schema;
  const name = parts.length ? parts[parts.length - 1]! : chooseName(table.name, column, 'seq', (n) => nameTaken(ctx, table.schema, n));
  if (parts.length && nameTaken(ctx, schema, name)) {
    ctx.problem(`relation "${name}" already exists`);
    return;
  }
  ctx.catalog.sequences.set(tableKey(schema, name), { schema, name, module: ctx.module, ownedBy: { schema: table.schema, table: table.name, column }, loc: table.loc });
  names.addRelation(schema, name);
}

/** Sequences owned by a table's column (or by any of its columns when `column` is not given) go with it. */
export function dropOwnedSequences(ctx: StatementContext, table: Table, column?: string): void {
  for (const [key, seq] of ctx.catalog.sequences) {
    const o = seq.ownedBy;
    if (o && o.schema === table.schema && o.table === table.name && (column === undefined || o.column === column)) {
      ctx.catalog.sequences.delete(key);
      ctx.state.names.removeRelation(seq.schema, seq.name);
    }
  }
}

/** Follow a table or column rename in the OWNED BY links. */
export function renameOwnedBy(ctx: StatementContext, schema: string, table: string, newTable: string, column?: string, newColumn?: string): void {
  for (const seq of ctx.catalog.sequences.values()) {
    const o = seq.ownedBy;
    if (!o || o.schema !== schema || o.table !== table) continue;
    o.table = newTable;
    if (column !== undefined && o.column === column) o.column = newColumn!;
  }
}

/** Views whose queries read a table (or one of the given columns of it), other than those in `except`. */
export function dependentViews(ctx: StatementContext, table: Table, columns?: string[], except?: Set<Relation>): View[] {
  const out: View[] = [];
  for (const v of ctx.catalog.views.values()) {
    if (except?.has(v)) continue;
    const dep = v.dependsOn.find((d) => d.schema === table.schema && d.table === table.name);
    if (!dep) continue;
    if (columns && !dep.wholeRow && !dep.columns.some((c) => columns.includes(c))) continue;
    out.push(v);
  }
  return out;
}

/** Remove a view or materialized view, with the views that depend on it (CASCADE). */
export function removeView(ctx: StatementContext, view: View): void {
  const key = tableKey(view.schema, view.name);
  if (!ctx.catalog.views.has(key)) return;
  ctx.catalog.views.delete(key);
  const names = ctx.state.names;
  names.removeRelation(view.schema, view.name);
  for (const i of view.indexes) {
    names.removeRelation(view.schema, i.name);
    ctx.state.indexOwner.delete(view.schema, i.name);
  }
  for (const v of dependentViews(ctx, view)) removeView(ctx, v);
}

/** A dependent-objects refusal, PostgreSQL's wording: DROP … without CASCADE while views read the object. */
export function refuseForDependants(ctx: StatementContext, what: string, views: View[]): void {
  const list = views.map((v) => `${v.relkind} ${v.name}`).join(', ');
  ctx.problem(`cannot drop ${what} because other objects depend on it (${list}): drop those first, or use CASCADE`);
}

/** DROP VIEW / MATERIALIZED VIEW / SEQUENCE a, b [CASCADE]. */
export function dropRelations(ctx: StatementContext, stmt: { missing_ok?: boolean; behavior?: string }, objects: string[][], kind: ViewKind | 'sequence'): void {
  const found: Relation[] = [];
  for (const parts of objects) {
    const rel = { schemaname: parts.length > 1 ? parts[parts.length - 2] : undefined, relname: parts[parts.length - 1]! };
    const r = ctx.relation(rel, stmt.missing_ok);
    if (!r) continue;
    if (relationKindName(r) !== kind) {
      ctx.problem(`"${r.name}" is not a ${kind}: use DROP ${relationKindName(r).toUpperCase()}`);
      return;
    }
    found.push(r);
  }
  const dropping = new Set(found);
  if (stmt.behavior !== 'DROP_CASCADE') {
    for (const r of found) {
      if (isSequence(r)) {
        // A default that calls nextval() of the sequence depends on it.
        const users = sequenceDefaults(ctx, r);
        if (users.length > 0) {
          ctx.problem(
            `cannot drop sequence ${r.name} because other objects depend on it (${users.map(({ t, c }) => `default value for column ${c.name} of table ${t.name}`).join(', ')}): use DROP … CASCADE`,
          );
          return;
        }
        continue;
      }
      const deps = dependentViews(ctx, r, undefined, dropping);
      if (deps.length > 0) {
        refuseForDependants(ctx, `${kind} ${r.name}`, deps);
        return;
      }
    }
  }
  for (const r of found) {
    if (isSequence(r)) {
      for (const { c } of sequenceDefaults(ctx, r)) c.default = undefined;
      ctx.catalog.sequences.delete(tableKey(r.schema, r.name));
      ctx.state.names.removeRelation(r.schema, r.name);
    } else if (isView(r)) removeView(ctx, r);
  }
}

/**
 * Whether a nextval() literal's name parts name `seq`. An unqualified name was read through the search path
 * when the default was set, which the replay no longer knows: it names this sequence unless another of that
 * name is in the current path.
 */
function namesSequence(ctx: StatementContext, seq: Sequence): (parts: string[]) => boolean {
  const name = seq.name;
  return (parts) =>
    parts[parts.length - 1] === name && (parts.length > 1 ? parts[parts.length - 2] === seq.schema : !ctx.searchPath.some((s) => s !== seq.schema && ctx.catalog.sequences.has(tableKey(s, name))));
}

/** Columns whose default calls nextval() of the sequence. */
function sequenceDefaults(ctx: StatementContext, seq: Sequence): { t: Table; c: Table['columns'][number] }[] {
  const matches = namesSequence(ctx, seq);
  return [...ctx.catalog.tables.values()].flatMap((t) => t.columns.filter((c) => c.default && callsNextval(c.default, matches)).map((c) => ({ t, c })));
}

/** ALTER SEQUENCE … RENAME TO (or ALTER TABLE on a sequence). */
export function renameRelation(ctx: StatementContext, seq: Sequence, newName: string): void {
  if (nameTaken(ctx, seq.schema, newName)) {
    ctx.problem(`relation "${newName}" already exists`);
    return;
  }
  ctx.catalog.sequences.delete(tableKey(seq.schema, seq.name));
  ctx.state.names.removeRelation(seq.schema, seq.name);
  // Defaults hold the sequence itself, not its name.
  const isRenamed = namesSequence(ctx, seq);
  for (const t of ctx.catalog.tables.values()) for (const c of t.columns) if (c.default) c.default = renameSequenceRefs(c.default, isRenamed, newName);
  seq.name = newName;
  ctx.catalog.sequences.set(tableKey(seq.schema, newName), seq);
  ctx.state.names.addRelation(seq.schema, newName);
}

/**
 * ALTER TABLE / VIEW / MATERIALIZED VIEW / SEQUENCE … SET SCHEMA: the relation moves with its indexes,
 * constraints and owned sequences; references to it follow.
 */
export function setSchema(ctx: StatementContext, stmt: AlterObjectSchemaStmt): void {
  const rv = stmt.relation;
  const newSchema = stmt.newschema;
  if (!rv?.relname || !newSchema) return;
  const r = ctx.relation({ schemaname: rv.schemaname, relname: rv.relname, location: rv.location }, stmt.missing_ok);
  if (!r || r.schema === newSchema) return;
  if (isSequence(r) && r.ownedBy) {
    ctx.problem(`cannot move an owned sequence into another schema: sequence "${r.name}" belongs to ${r.ownedBy.table}.${r.ownedBy.column}; move the table instead`);
    return;
  }
  if (nameTaken(ctx, newSchema, r.name)) {
    ctx.problem(`relation "${r.name}" already exists in schema "${newSchema}"`);
    return;
  }
  const { catalog, state } = ctx;
  const oldSchema = r.schema;
  const oldKey = tableKey(oldSchema, r.name);
  const newKey = tableKey(newSchema, r.name);
  state.names.removeRelation(oldSchema, r.name);
  state.names.addRelation(newSchema, r.name);
  if (isSequence(r)) {
    catalog.sequences.delete(oldKey);
    r.schema = newSchema;
    catalog.sequences.set(newKey, r);
    return;
  }
  for (const i of r.indexes) {
    state.names.removeRelation(oldSchema, i.name);
    state.indexOwner.delete(oldSchema, i.name);
    state.names.addRelation(newSchema, i.name);
    state.indexOwner.set(newSchema, i.name, r);
  }
  for (const c of r.constraints) {
    state.names.removeConstraint(oldSchema, c.name);
    state.names.addConstraint(newSchema, c.name);
    if (c.kind === 'primary key' || c.kind === 'unique' || c.kind === 'exclude') {
      state.names.removeRelation(oldSchema, c.name);
      state.names.addRelation(newSchema, c.name);
    }
  }
  for (const t of [...catalog.tables.values(), ...catalog.views.values()]) {
    for (const c of t.constraints) if (c.references?.schema === oldSchema && c.references.table === r.name) c.references.schema = newSchema;
    if (t.partitionOf?.schema === oldSchema && t.partitionOf.table === r.name) t.partitionOf.schema = newSchema;
  }
  for (const v of catalog.views.values()) for (const d of v.dependsOn) if (d.schema === oldSchema && d.table === r.name) d.schema = newSchema;
  // Sequences owned by the table's columns move with it.
  for (const q of [...catalog.sequences.values()]) {
    if (q.ownedBy?.schema !== oldSchema || q.ownedBy.table !== r.name) continue;
    q.ownedBy.schema = newSchema;
    if (q.schema !== oldSchema || nameTaken(ctx, newSchema, q.name)) continue;
    catalog.sequences.delete(tableKey(oldSchema, q.name));
    state.names.removeRelation(oldSchema, q.name);
    q.schema = newSchema;
    catalog.sequences.set(tableKey(newSchema, q.name), q);
    state.names.addRelation(newSchema, q.name);
  }
  const map: Map<string, Table> = isView(r) ? catalog.views : catalog.tables;
  map.delete(oldKey);
  r.schema = newSchema;
  map.set(newKey, r);
}
