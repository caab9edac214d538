import type { IndexElem, IndexStmt, Node } from '@pgsql/types';
import type { Constraint, Index, IndexKey, IndexKeyOptions, Table } from '../../../model/catalog.js';
import { asNode, nodeAs } from '../../../model/ast.js';
import { chooseName, columnsAddition } from '../../../model/names.js';
import { makeExpr } from '../expr.js';
import type { RelationName, StatementContext } from './context.js';
import { isSequence, isView, relationKindName, str } from './context.js';
import { cloneIndexes } from './clone.js';

/** FigureIndexColname: the name PostgreSQL gives an index expression's column, `expr` when it finds none. */
export function expressionColumnName(expr: unknown): string {
  return figureColname(asNode(expr))[0] ?? 'expr';
}

/** FigureColnameInternal from parse_target.c: a name and its strength (2 beats a type cast's 1). */
export function figureColname(node: Node | undefined): [string | undefined, number] {
  if (!node) return [undefined, 0];
  const lastString = (list: Node[] | undefined) =>
    (list ?? [])
      .filter((x) => 'String' in x)
      .map(str)
      .pop();
  if ('ColumnRef' in node) {
    const name = lastString(node.ColumnRef.fields);
    return name ? [name, 2] : [undefined, 0];
  }
  if ('A_Indirection' in node) {
    const name = lastString(node.A_Indirection.indirection);
    return name ? [name, 2] : figureColname(node.A_Indirection.arg);
  }
  if ('FuncCall' in node) {
    const funcname = node.FuncCall.funcname ?? [];
    return [str(funcname[funcname.length - 1]), 2];
  }
  if ('A_Expr' in node) return node.A_Expr.kind === 'AEXPR_NULLIF' ? ['nullif', 2] : [undefined, 0];
  if ('TypeCast' in node) {
    const { arg, typeName } = node.TypeCast;
    const inner = figureColname(arg);
    if (inner[1] > 1 || !typeName) return inner;
    const names = typeName.names ?? [];
    return [str(names[names.length - 1]), 1];
  }
  if ('CollateClause' in node) return figureColname(node.CollateClause.arg);
  if ('CaseExpr' in node) {
    const inner = figureColname(node.CaseExpr.defresult);
    return inner[1] > 1 ? inner : ['case', 1];
  }
  if ('A_ArrayExpr' in node) return ['array', 2];
  if ('RowExpr' in node) return ['row', 2];
  if ('CoalesceExpr' in node) return ['coalesce', 2];
  if ('MinMaxExpr' in node) return [node.MinMaxExpr.op === 'IS_GREATEST' ? 'greatest' : 'least', 2];
  if ('SQLValueFunction' in node)
    return [
      String(node.SQLValueFunction.op)
        .replace(/^SVFOP_/, '')
        .replace(/_N$/, '')
        .toLowerCase(),
      2,
    ];
  return [undefined, 0];
}

/** Operator class, collation and sort order of an IndexElem, leaving out what is PostgreSQL's default. */
function keyOptions(e: IndexElem): IndexKeyOptions | undefined {
  // Plain ascending keys with no options are nearly all keys: no options object for them.
  if (!e.opclass?.length && !e.collation?.length && (e.ordering === 'SORTBY_DEFAULT' || e.ordering === undefined) && (e.nulls_ordering === 'SORTBY_NULLS_DEFAULT' || e.nulls_ordering === undefined)) {
    return undefined;
  }
  const out: IndexKeyOptions = {};
  if (e.opclass?.length) out.opclass = e.opclass.map(str).join('.');
  if (e.collation?.length) out.collation = e.collation.map(str).join('.');
  const descending = e.ordering === 'SORTBY_DESC';
  if (descending) out.descending = true;
  const nullsFirst = e.nulls_ordering === 'SORTBY_NULLS_FIRST' ? true : e.nulls_ordering === 'SORTBY_NULLS_LAST' ? false : descending;
  if (nullsFirst !== descending) out.nullsFirst = nullsFirst;
  return out;
}

export function createIndex(ctx: StatementContext, stmt: IndexStmt): void {
  const rv = stmt.relation;
  if (!rv) return;
  let table = ctx.findTable(rv);
  if (!table) {
    const relation = ctx.relation(rv);
    if (!relation) return;
    // Of the relations that are not tables, only a materialized view has indexes.
    if (isSequence(relation) || (isView(relation) && relation.relkind === 'view')) {
      ctx.problem(`cannot create index on relation "${relation.name}": it is a ${relationKindName(relation)}`, ctx.nameAt(rv.location));
      return;
    }
    table = relation;
  }
  const keys: IndexKey[] = [];
  const colNames: string[] = [];
  for (const p of stmt.indexParams ?? []) {
    const e = nodeAs(p, 'IndexElem');
    if (!e) continue;
    if (e.name) {
      if (!table.columns.some((c) => c.name === e.name)) ctx.problem(`column "${e.name}" does not exist in table "${table.name}"`);
      const options = keyOptions(e);
      keys.push(options ? { column: e.name, ...options } : { column: e.name });
      colNames.push(e.name);
    } else {
      keys.push({ expr: makeExpr(e.expr, ctx.statementLoc()), ...keyOptions(e) });
      colNames.push(expressionColumnName(e.expr));
    }
  }
  const include = (stmt.indexIncludingParams ?? []).map((p) => nodeAs(p, 'IndexElem')?.name ?? '');
  const names = ctx.state.names;
  const schema = table.schema;
  let name = stmt.idxname ?? '';
  if (name && names.hasRelation(schema, name)) {
    if (!stmt.if_not_exists) ctx.problem(`relation "${name}" already exists`);
    return;
  }
  // ChooseIndexColumnNames: key and INCLUDE columns, each made unique with a number suffix. A unique
  // index is `_idx` too: only UNIQUE constraints get `_key`.
  name ||= chooseName(table.name, columnsAddition(uniqueColumnNames([...colNames, ...include])), 'idx', (n) => names.hasRelation(schema, n));
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
  ctx.state.indexOwner.set(schema, name, table);
  // Without ONLY, an index on a partitioned table is made on each partition too.
  if (table.partitioned && rv.inh === true) {
    const source = { ...table, constraints: [], indexes: [index] };
    for (const part of partitionsOf(ctx, table)) cloneIndexes(ctx, source, part, true);
  }
}

export function partitionsOf(ctx: StatementContext, table: Table): Table[] {
  const out: Table[] = [];
  for (const t of ctx.catalog.tables.values()) if (t.partitionOf?.schema === table.schema && t.partitionOf.table === table.name) out.push(t);
  return out;
}

export function uniqueColumnNames(cols: string[]): string[] {
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
    const table = ctx.state.indexOwner.get(s, name);
    const index = table?.indexes.find((i) => i.name === name);
    if (table && index) return { table, index };
  }
  return undefined;
}

export function dropIndex(ctx: StatementContext, stmt: { missing_ok?: boolean }, parts: string[]): void {
  const name = parts[parts.length - 1]!;
  const found = findIndex(ctx, parts.length > 1 ? parts[0] : undefined, name);
  if (!found) {
    const backing = [...ctx.catalog.tables.values()].find((t) => t.constraints.some((c) => c.name === name && (c.kind === 'primary key' || c.kind === 'unique')));
    if (backing) ctx.problem(`cannot drop index ${name} because constraint ${name} on table ${backing.name} requires it`);
    else if (!stmt.missing_ok) ctx.problem(`index "${name}" does not exist`);
    return;
  }
  found.table.indexes = found.table.indexes.filter((i) => i !== found.index);
  const columns = found.index.keys.flatMap((k) => ('column' in k ? [k.column] : []));
  (found.table.droppedIndexes ??= []).push({ name, columns, definedAt: found.index.loc, loc: ctx.statementLoc() });
  ctx.state.names.removeRelation(found.table.schema, name);
  ctx.state.indexOwner.delete(found.table.schema, name);
}

export function renameIndex(ctx: StatementContext, relation: RelationName, newName: string, missingOk: boolean): void {
  const relname = relation.relname ?? '';
  const found = findIndex(ctx, relation.schemaname, relname);
  if (!found) {
    const backing = constraintIndex(ctx, relation.schemaname, relname);
    if (backing) renameConstraintIndex(ctx, backing.table, backing.constraint, newName);
    else if (!missingOk) ctx.problem(`index "${relname}" does not exist`);
    return;
  }
  const { table, index } = found;
  if (ctx.state.names.hasRelation(table.schema, newName)) {
    ctx.problem(`relation "${newName}" already exists`);
    return;
  }
  ctx.state.names.removeRelation(table.schema, index.name);
  ctx.state.indexOwner.delete(table.schema, index.name);
  index.name = newName;
  index.declaredName = undefined;
  ctx.state.names.addRelation(table.schema, newName);
  ctx.state.indexOwner.set(table.schema, newName, table);
}

/** The primary key, unique or exclusion constraint whose index has this name. */
function constraintIndex(ctx: StatementContext, schemaname: string | undefined, name: string): { table: Table; constraint: Constraint } | undefined {
  for (const s of schemaname ? [schemaname] : ctx.searchPath) {
    if (!ctx.state.names.hasRelation(s, name)) continue;
    for (const table of [...ctx.catalog.tables.values(), ...ctx.catalog.views.values()]) {
      if (table.schema !== s) continue;
      const constraint = table.constraints.find((c) => c.name === name && (c.kind === 'primary key' || c.kind === 'unique' || c.kind === 'exclude'));
      if (constraint) return { table, constraint };
    }
  }
  return undefined;
}

/** Renaming the index behind a constraint renames the constraint too (RenameRelationInternal). */
function renameConstraintIndex(ctx: StatementContext, table: Table, constraint: Constraint, newName: string): void {
  const names = ctx.state.names;
  if (names.hasRelation(table.schema, newName)) {
    ctx.problem(`relation "${newName}" already exists`);
    return;
  }
  names.removeRelation(table.schema, constraint.name);
  names.removeConstraint(table.schema, constraint.name);
  constraint.name = newName;
  constraint.declaredName = undefined;
  constraint.implicitName = false;
  names.addRelation(table.schema, newName);
  names.addConstraint(table.schema, newName);
}
