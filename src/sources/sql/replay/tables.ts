import type { Expr, Table } from '../../../model/catalog.js';
import { tableKey } from '../../../model/catalog.js';
import { renameColumnRefs } from '../expr.js';
import { addConstraint, columnFromDef } from './columns.js';
import type { StatementContext } from './context.js';
import { strings } from './context.js';

const MAX_COLUMNS = 1600;

export function createTable(ctx: StatementContext, stmt: any): void {
  const rel = stmt.relation;
  const schema = ctx.creationSchema(rel.schemaname);
  const key = tableKey(schema, rel.relname);
  if (ctx.catalog.tables.has(key) || ctx.state.names.hasRelation(schema, rel.relname)) {
    if (!stmt.if_not_exists) ctx.problem(`relation "${schema}.${rel.relname}" already exists`, ctx.nameAt(rel.location));
    return;
  }
  // PostgreSQL's MaxHeapAttributeNumber; refusing wider tables up front also keeps replay linear.
  if ((stmt.tableElts ?? []).filter((e: any) => e.ColumnDef).length > MAX_COLUMNS) {
    ctx.problem(`tables can have at most ${MAX_COLUMNS} columns`, ctx.nameAt(rel.location));
    return;
  }
  const table: Table = {
    schema,
    name: rel.relname,
    module: ctx.module,
    columns: [],
    constraints: [],
    indexes: [],
    policies: [],
    triggers: [],
    privileges: [],
    rls: { enabled: false, forced: false, loc: undefined },
    partitioned: Boolean(stmt.partspec),
    loc: ctx.nameAt(rel.location),
    // Declared now, set later: objects keep one shape and no out-of-line property store.
    declaredName: undefined,
    description: undefined,
    hypertable: undefined,
    partitionOf: undefined,
  };
  ctx.noteDeclaredName(table, rel.relname, rel.location);
  ctx.catalog.tables.set(key, table);
  ctx.state.names.addRelation(schema, table.name);

  const parent = stmt.inhRelations?.[0]?.RangeVar;
  if (parent && stmt.partbound) {
    const from = ctx.table(parent);
    if (from) {
      table.columns = from.columns.map((c) => ({ ...c }));
      table.partitionOf = { schema: from.schema, table: from.name };
    }
  } else {
    // INHERITS (a, b): the parents' columns come first, so keys and checks may name them.
    for (const inh of stmt.inhRelations ?? []) {
      const from = ctx.table(inh.RangeVar);
      for (const c of from?.columns ?? []) if (!table.columns.some((x) => x.name === c.name)) table.columns.push({ ...c });
    }
  }
  const inherited = new Set(table.columns.map((c) => c.name));
  const pending: any[] = [];
  for (const elt of stmt.tableElts ?? []) {
    if (elt.ColumnDef) {
      const { column, constraints, mysqlIndex } = columnFromDef(ctx, elt.ColumnDef, table.name);
      if (inherited.delete(column.name)) {
        // A column declared again merges with the inherited one (PostgreSQL: NOTICE, not an error);
        // a partition's `col WITH OPTIONS …` has no type of its own.
        const typed = Boolean(elt.ColumnDef.typeName);
        table.columns = table.columns.map((c) => (c.name === column.name ? { ...c, ...column, type: typed ? column.type : c.type, notNull: column.notNull || c.notNull } : c));
        pending.push(...constraints);
        continue;
      }
      if (table.columns.some((c) => c.name === column.name)) {
        // A second MySQL inline INDEX is already reported as such; "index" twice would be noise.
        if (!mysqlIndex) ctx.problem(`column "${column.name}" specified more than once`, column.loc);
        continue;
      }
      table.columns.push(column);
      for (const con of constraints) pending.push(con);
    } else if (elt.Constraint) {
      pending.push(elt.Constraint);
    } else if (elt.TableLikeClause) {
      const from = ctx.table(elt.TableLikeClause.relation);
      if (from) for (const c of from.columns) table.columns.push({ ...c, default: undefined });
    }
  }
  // PostgreSQL creates (and so names) the checks with the table, then the indexes of index-backed
  // constraints, primary key first, then the foreign keys.
  const checks: any[] = [];
  const indexBacked: any[] = [];
  const rest: any[] = [];
  for (const c of pending) {
    const t = c.contype;
    if (t === 'CONSTR_CHECK') checks.push(c);
    else if (t === 'CONSTR_PRIMARY' || t === 'CONSTR_UNIQUE' || t === 'CONSTR_EXCLUSION') indexBacked.push(c);
    else rest.push(c);
  }
  for (const con of checks) addConstraint(ctx, table, con);
  for (const con of mergeDuplicateKeys(indexBacked)) addConstraint(ctx, table, con);
  for (const con of rest) addConstraint(ctx, table, con);
}

/**
 * transformIndexConstraints: in one CREATE TABLE, a PRIMARY KEY or UNIQUE identical to an earlier one
 * (e.g. `id int PRIMARY KEY UNIQUE`) makes no second index. The primary key is kept first, and a kept
 * constraint without a name takes the name of a duplicate that has one.
 */
function mergeDuplicateKeys(cons: any[]): any[] {
  if (cons.length < 2) return cons;
  const pk = cons.find((c) => c.contype === 'CONSTR_PRIMARY');
  const kept: any[] = pk ? [{ ...pk }] : [];
  const signature = (c: any) =>
    c.contype === 'CONSTR_EXCLUSION' ? undefined : JSON.stringify([strings(c.keys), strings(c.including), !!c.nulls_not_distinct, !!c.deferrable, !!c.initdeferred]);
  for (const c of cons) {
    if (c === pk) continue;
    // A second PRIMARY KEY is an error addConstraint reports, not a duplicate to merge.
    const prior = c.contype === 'CONSTR_PRIMARY' || signature(c) === undefined ? undefined : kept.find((k) => signature(k) === signature(c));
    if (!prior) kept.push({ ...c });
    else if (!prior.conname && c.conname) prior.conname = c.conname;
  }
  return kept;
}

/**
 * DROP TABLE a, b [CASCADE]. Without CASCADE PostgreSQL refuses the whole statement while a foreign key
 * of a table not being dropped references one that is; with CASCADE it drops those foreign keys.
 */
export function dropTables(ctx: StatementContext, stmt: any, objects: string[][]): void {
  const tables: Table[] = [];
  for (const names of objects) {
    const rel = names.length > 1 ? { schemaname: names[0], relname: names[1]! } : { relname: names[0]! };
    const table = ctx.table(rel, stmt.missing_ok);
    if (table && !tables.includes(table)) tables.push(table);
  }
  const dropping = new Set(tables);
  const dependants = (table: Table) =>
    [...ctx.catalog.tables.values()].flatMap((t) =>
      dropping.has(t) ? [] : t.constraints.filter((c) => c.references?.schema === table.schema && c.references.table === table.name).map((c) => ({ t, c })),
    );
  if (stmt.behavior !== 'DROP_CASCADE') {
    for (const table of tables) {
      const deps = dependants(table);
      if (deps.length === 0) continue;
      const list = deps.map(({ t, c }) => `constraint ${c.name} on table ${t.name}`).join(', ');
      ctx.problem(`cannot drop table ${table.name} because other objects depend on it (${list}): drop those foreign keys first, or use DROP TABLE … CASCADE`);
      return;
    }
  }
  for (const table of tables) {
    for (const { t, c } of dependants(table)) {
      t.constraints = t.constraints.filter((x) => x !== c);
      ctx.state.names.removeConstraint(t.schema, c.name);
    }
    removeTable(ctx, table);
  }
}

export function removeTable(ctx: StatementContext, table: Table): void {
  const names = ctx.state.names;
  ctx.catalog.tables.delete(tableKey(table.schema, table.name));
  names.removeRelation(table.schema, table.name);
  for (const i of table.indexes) {
    names.removeRelation(table.schema, i.name);
    ctx.state.indexOwner.delete(table.schema, i.name);
  }
  for (const c of table.constraints) {
    names.removeConstraint(table.schema, c.name);
    if (c.kind === 'primary key' || c.kind === 'unique' || c.kind === 'exclude') names.removeRelation(table.schema, c.name);
  }
}

export function renameTable(ctx: StatementContext, table: Table, newName: string): void {
  const names = ctx.state.names;
  if (names.hasRelation(table.schema, newName)) {
    ctx.problem(`relation "${newName}" already exists`);
    return;
  }
  const { catalog } = ctx;
  catalog.tables.delete(tableKey(table.schema, table.name));
  names.removeRelation(table.schema, table.name);
  // References to the table follow it, as they do in pg_constraint.
  for (const t of catalog.tables.values()) {
    for (const c of t.constraints) {
      if (c.references && c.references.schema === table.schema && c.references.table === table.name) c.references.table = newName;
    }
    if (t.partitionOf?.schema === table.schema && t.partitionOf.table === table.name) t.partitionOf.table = newName;
  }
  table.name = newName;
  table.declaredName = undefined;
  catalog.tables.set(tableKey(table.schema, newName), table);
  names.addRelation(table.schema, newName);
}

export function renameColumn(ctx: StatementContext, table: Table, from: string, to: string): void {
  const column = table.columns.find((c) => c.name === from);
  if (!column) {
    ctx.problem(`column "${from}" of relation "${table.name}" does not exist`);
    return;
  }
  if (table.columns.some((c) => c.name === to)) {
    ctx.problem(`column "${to}" of relation "${table.name}" already exists`);
    return;
  }
  column.name = to;
  column.declaredName = undefined;
  const swap = (cols: string[]) => cols.map((c) => (c === from ? to : c));
  for (const c of table.constraints) c.columns = swap(c.columns);
  const rename = (e: Expr) => renameColumnRefs(e, from, to);
  for (const c of table.constraints) if (c.check) c.check = rename(c.check);
  for (const col of table.columns) if (col.generated) col.generated = rename(col.generated);
  for (const i of table.indexes) {
    i.keys = i.keys.map((k) => ('column' in k ? (k.column === from ? { ...k, column: to } : k) : { ...k, expr: rename(k.expr) }));
    i.include = swap(i.include);
    if (i.predicate) i.predicate = rename(i.predicate);
  }
  for (const p of table.policies) {
    if (p.using) p.using = rename(p.using);
    if (p.withCheck) p.withCheck = rename(p.withCheck);
  }
  if (table.hypertable?.timeColumn === from) table.hypertable.timeColumn = to;
  for (const t of ctx.catalog.tables.values()) {
    for (const c of t.constraints) {
      if (c.references && c.references.schema === table.schema && c.references.table === table.name) c.references.columns = swap(c.references.columns);
    }
  }
}

/** DROP COLUMN: PostgreSQL drops the indexes and constraints that use the column with it. */
export function dropColumn(ctx: StatementContext, table: Table, name: string, missingOk: boolean): void {
  if (!table.columns.some((c) => c.name === name)) {
    if (!missingOk) ctx.problem(`column "${name}" of relation "${table.name}" does not exist`);
    return;
  }
  const names = ctx.state.names;
  table.columns = table.columns.filter((c) => c.name !== name);
  table.constraints = table.constraints.filter((c) => {
    if (!c.columns.includes(name)) return true;
    names.removeConstraint(table.schema, c.name);
    if (c.kind !== 'foreign key' && c.kind !== 'check') names.removeRelation(table.schema, c.name);
    return false;
  });
  table.indexes = table.indexes.filter((i) => {
    // A column used in an expression, INCLUDE or the WHERE of a partial index takes the index with it.
    const uses =
      i.keys.some((k) => ('column' in k ? k.column === name : mentionsColumn(k.expr.ast, name))) ||
      i.include.includes(name) ||
      (i.predicate !== undefined && mentionsColumn(i.predicate.ast, name));
    if (!uses) return true;
    names.removeRelation(table.schema, i.name);
    ctx.state.indexOwner.delete(table.schema, i.name);
    return false;
  });
}

function mentionsColumn(node: any, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => mentionsColumn(n, name));
  if (!node || typeof node !== 'object') return false;
  const fields = node.ColumnRef?.fields;
  if (fields) return fields[fields.length - 1]?.String?.sval === name;
  return Object.values(node).some((v) => mentionsColumn(v, name));
}

export function commentOn(ctx: StatementContext, stmt: any): void {
  const parts = strings(stmt.object?.List?.items);
  if (stmt.objtype === 'OBJECT_TABLE') {
    const rel = parts.length > 1 ? { schemaname: parts[0], relname: parts[1]! } : { relname: parts[0]! };
    const t = ctx.table(rel);
    if (t) t.description = stmt.comment ?? undefined;
  } else if (stmt.objtype === 'OBJECT_COLUMN') {
    const col = parts[parts.length - 1]!;
    const rel = parts.length > 2 ? { schemaname: parts[0], relname: parts[1]! } : { relname: parts[0]! };
    const t = ctx.table(rel);
    const c = t?.columns.find((x) => x.name === col);
    if (t && !c) ctx.problem(`column "${col}" of relation "${t.name}" does not exist`);
    if (c) c.comment = stmt.comment ?? undefined;
  }
}
