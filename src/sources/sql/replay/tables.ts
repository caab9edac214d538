import type { Table } from '../../../model/catalog.js';
import { tableKey } from '../../../model/catalog.js';
import { addConstraint, columnFromDef } from './columns.js';
import type { StatementContext } from './context.js';
import { strings } from './context.js';

export function createTable(ctx: StatementContext, stmt: any): void {
  const rel = stmt.relation;
  const schema = ctx.creationSchema(rel.schemaname);
  const key = tableKey(schema, rel.relname);
  if (ctx.catalog.tables.has(key) || ctx.state.names.hasRelation(schema, rel.relname)) {
    if (!stmt.if_not_exists) ctx.problem(`relation "${schema}.${rel.relname}" already exists`, ctx.nameAt(rel.location));
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
    rls: { enabled: false, forced: false },
    partitioned: Boolean(stmt.partspec),
    loc: ctx.nameAt(rel.location),
  };
  ctx.noteDeclaredName(table, rel.relname, rel.location);
  ctx.catalog.tables.set(key, table);
  ctx.state.names.addRelation(schema, table.name);

  const parent = stmt.inhRelations?.[0]?.RangeVar;
  if (parent && stmt.partbound) {
    const from = ctx.table(parent);
    if (from) table.columns = from.columns.map((c) => ({ ...c }));
  }
  const pending: any[] = [];
  for (const elt of stmt.tableElts ?? []) {
    if (elt.ColumnDef) {
      const { column, constraints } = columnFromDef(ctx, elt.ColumnDef, table.name);
      if (table.columns.some((c) => c.name === column.name)) {
        ctx.problem(`column "${column.name}" specified more than once`, column.loc);
        continue;
      }
      table.columns.push(column);
      pending.push(...constraints);
    } else if (elt.Constraint) {
      pending.push(elt.Constraint);
    } else if (elt.TableLikeClause) {
      const from = ctx.table(elt.TableLikeClause.relation);
      if (from) for (const c of from.columns) table.columns.push({ ...c, default: undefined });
    }
  }
  // PostgreSQL names index-backed constraints first, then checks and foreign keys.
  const order = (c: any) => (c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_EXCLUSION' ? 0 : c.contype === 'CONSTR_CHECK' ? 1 : 2);
  for (const con of [...pending].sort((a, b) => order(a) - order(b))) addConstraint(ctx, table, con);
}

export function dropTable(ctx: StatementContext, stmt: any, names: string[]): void {
  const rel = names.length > 1 ? { schemaname: names[0], relname: names[1]! } : { relname: names[0]! };
  const table = ctx.table(rel, stmt.missing_ok);
  if (!table) return;
  removeTable(ctx, table);
}

export function removeTable(ctx: StatementContext, table: Table): void {
  const names = ctx.state.names;
  ctx.catalog.tables.delete(tableKey(table.schema, table.name));
  names.removeRelation(table.schema, table.name);
  for (const i of table.indexes) {
    names.removeRelation(table.schema, i.name);
    ctx.state.indexOwner.delete(`${table.schema}.${i.name}`);
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
  for (const i of table.indexes) {
    i.keys = i.keys.map((k) => ('column' in k && k.column === from ? { column: to } : k));
    i.include = swap(i.include);
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
    const uses = i.keys.some((k) => ('column' in k ? k.column === name : JSON.stringify(k.expr.ast).includes(`"sval":"${name}"`))) || i.include.includes(name);
    if (!uses) return true;
    names.removeRelation(table.schema, i.name);
    ctx.state.indexOwner.delete(`${table.schema}.${i.name}`);
    return false;
  });
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
