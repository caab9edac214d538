import type { Index, IndexKey, Table } from '../../../model/catalog.js';
import { tableKey } from '../../../model/catalog.js';
import { chooseName, columnsAddition } from '../../../model/names.js';
import { makeExpr } from '../expr.js';
import type { StatementContext } from './context.js';
import { str } from './context.js';

/** FigureColname for an index expression: a function's name, else `expr`, as PostgreSQL names it. */
function expressionColumnName(expr: any): string {
  if (expr?.FuncCall) {
    const names = expr.FuncCall.funcname ?? [];
    return str(names[names.length - 1]);
  }
  if (expr?.TypeCast) return expressionColumnName(expr.TypeCast.arg) || 'expr';
  return 'expr';
}

export function createIndex(ctx: StatementContext, stmt: any): void {
  const table = ctx.table(stmt.relation);
  if (!table) return;
  const keys: IndexKey[] = [];
  const colNames: string[] = [];
  for (const p of stmt.indexParams ?? []) {
    const e = p.IndexElem;
    if (e.name) {
      if (!table.columns.some((c) => c.name === e.name)) ctx.problem(`column "${e.name}" does not exist in table "${table.name}"`);
      keys.push({ column: e.name });
      colNames.push(e.name);
    } else {
      keys.push({ expr: makeExpr(e.expr, ctx.statementLoc()) });
      colNames.push(expressionColumnName(e.expr));
    }
  }
  const include = (stmt.indexIncludingParams ?? []).map((p: any) => p.IndexElem.name as string);
  const names = ctx.state.names;
  const schema = table.schema;
  let name: string = stmt.idxname;
  if (name && names.hasRelation(schema, name)) {
    if (!stmt.if_not_exists) ctx.problem(`relation "${name}" already exists`);
    return;
  }
  // ChooseIndexColumnNames: key and INCLUDE columns, each made unique with a number suffix.
  name ||= chooseName(table.name, columnsAddition(uniqueColumnNames([...colNames, ...include])), stmt.unique ? 'key' : 'idx', (n) => names.hasRelation(schema, n));
  const index: Index = {
    name,
    unique: Boolean(stmt.unique),
    method: stmt.accessMethod ?? 'btree',
    keys,
    include,
    predicate: stmt.whereClause ? makeExpr(stmt.whereClause, ctx.statementLoc()) : undefined,
    loc: ctx.statementLoc(),
  };
  ctx.noteDeclaredName(index, name);
  table.indexes.push(index);
  names.addRelation(schema, name);
  ctx.state.indexOwner.set(`${schema}.${name}`, tableKey(table.schema, table.name));
}

function uniqueColumnNames(cols: string[]): string[] {
  const seen = new Set<string>();
  return cols.map((c) => {
    let name = c;
    for (let i = 1; seen.has(name); i++) name = `${c}${i}`;
    seen.add(name);
    return name;
  });
}

function findIndex(ctx: StatementContext, schemaname: string | undefined, name: string): { table: Table; index: Index } | undefined {
  const schemas = schemaname ? [schemaname] : ctx.searchPath;
  for (const s of schemas) {
    const owner = ctx.state.indexOwner.get(`${s}.${name}`);
    const table = owner ? ctx.catalog.tables.get(owner) : undefined;
    const index = table?.indexes.find((i) => i.name === name);
    if (table && index) return { table, index };
  }
  return undefined;
}

export function dropIndex(ctx: StatementContext, stmt: any, parts: string[]): void {
  const name = parts[parts.length - 1]!;
  const found = findIndex(ctx, parts.length > 1 ? parts[0] : undefined, name);
  if (!found) {
    const backing = [...ctx.catalog.tables.values()].find((t) => t.constraints.some((c) => c.name === name && (c.kind === 'primary key' || c.kind === 'unique')));
    if (backing) ctx.problem(`cannot drop index ${name} because constraint ${name} on table ${backing.name} requires it`);
    else if (!stmt.missing_ok) ctx.problem(`index "${name}" does not exist`);
    return;
  }
  found.table.indexes = found.table.indexes.filter((i) => i !== found.index);
  ctx.state.names.removeRelation(found.table.schema, name);
  ctx.state.indexOwner.delete(`${found.table.schema}.${name}`);
}

export function renameIndex(ctx: StatementContext, relation: any, newName: string, missingOk: boolean): void {
  const found = findIndex(ctx, relation.schemaname, relation.relname);
  if (!found) {
    if (!missingOk) ctx.problem(`index "${relation.relname}" does not exist`);
    return;
  }
  const { table, index } = found;
  ctx.state.names.removeRelation(table.schema, index.name);
  ctx.state.indexOwner.delete(`${table.schema}.${index.name}`);
  index.name = newName;
  index.declaredName = undefined;
  ctx.state.names.addRelation(table.schema, newName);
  ctx.state.indexOwner.set(`${table.schema}.${newName}`, tableKey(table.schema, table.name));
}
