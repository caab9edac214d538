import type { A_Const, ColumnRef, Node, RangeVar, ResTarget } from '@pgsql/types';
import type { Column, Table, TypeRef, ViewDependency } from '../../../model/catalog.js';
import { makeTypeRef } from '../../../model/types.js';
import { field, nodeKind } from '../ast-helpers.js';
import { newColumn, typeRefOf } from './columns.js';
import type { StatementContext } from './context.js';
import { isSequence, str } from './context.js';
import { figureColname } from './indexes.js';

/** A column type the static replay cannot work out (a function call, an operator …). */
export const UNKNOWN_TYPE: TypeRef = makeTypeRef('unknown');

export interface QueryColumn {
  name: string;
  type: TypeRef;
}

export interface QueryShape {
  columns: QueryColumn[];
  /** False when a `*` expands over something whose columns are not known (a function, an unknown relation). */
  complete: boolean;
  dependsOn: ViewDependency[];
}

/** One FROM item: its name for qualified references, and its columns. */
interface FromItem {
  alias: string;
  columns: QueryColumn[];
  complete: boolean;
  /** The table or view behind it, for dependencies. */
  source?: Table;
}

interface Scope {
  ctx: StatementContext;
  ctes: Map<string, QueryShape>;
  deps: Map<Table, ViewDependency>;
  /** Inside a LATERAL subquery, which may name the columns of FROM items before it. */
  lateral: number;
}

/**
 * The result columns of a query (names and, where knowable, types) and the relations and columns it reads,
 * as PostgreSQL's analysis of a CREATE VIEW / CREATE TABLE … AS query would find them. Types not worked
 * out statically are UNKNOWN_TYPE.
 */
export function queryShape(ctx: StatementContext, query: Node | undefined): QueryShape {
  const scope: Scope = { ctx, ctes: new Map(), deps: new Map(), lateral: 0 };
  const shape = selectShape(scope, query);
  return { ...shape, dependsOn: [...scope.deps.values()] };
}

function selectShape(scope: Scope, query: Node | undefined): QueryShape {
  const select = field(query, 'SelectStmt');
  if (!select) return { columns: [], complete: false, dependsOn: [] };
  for (const cte of select.withClause?.ctes ?? []) {
    const c = field(cte, 'CommonTableExpr');
    if (!c?.ctename) continue;
    const aliases = (c.aliascolnames ?? []).map(str);
    // WITH RECURSIVE: the query reads its own result, whose columns are known only as far as it names them.
    if (select.withClause?.recursive) scope.ctes.set(c.ctename, { columns: aliases.map((name) => ({ name, type: UNKNOWN_TYPE })), complete: false, dependsOn: [] });
    const shape = selectShape(scope, c.ctequery);
    scope.ctes.set(c.ctename, { ...shape, columns: shape.columns.map((col, i) => ({ ...col, name: aliases[i] ?? col.name })) });
  }
  if (select.op && select.op !== 'SETOP_NONE') {
    const left = selectShape(scope, select.larg ? { SelectStmt: select.larg } : undefined);
    const right = selectShape(scope, select.rarg ? { SelectStmt: select.rarg } : undefined);
    // The result takes the left branch's names; a type both branches agree on is the result's type.
    const columns = left.columns.map((c, i) => ({ name: c.name, type: right.columns[i]?.type === c.type ? c.type : UNKNOWN_TYPE }));
    return { columns, complete: left.complete && right.complete, dependsOn: [] };
  }
  if (select.valuesLists?.length) {
    const first = field(select.valuesLists[0], 'List')?.items ?? [];
    const columns = first.map((v, i) => ({ name: `column${i + 1}`, type: expressionType([], v) }));
    return { columns, complete: true, dependsOn: [] };
  }
  const from: FromItem[] = [];
  // Whether every FROM item's columns are known (to judge column references), and whether every `*`
  // expanded to known columns (so the result's column names are all known).
  let fromKnown = true;
  let complete = true;
  for (const item of select.fromClause ?? []) fromKnown = addFromItem(scope, item, from) && fromKnown;
  const columns: QueryColumn[] = [];
  for (const t of select.targetList ?? []) {
    const target = field(t, 'ResTarget');
    if (!target) continue;
    const star = starOf(target);
    if (star !== undefined) {
      const items = star === '' ? from : from.filter((f) => f.alias === star);
      if (items.length === 0) complete = false;
      for (const f of items) {
        columns.push(...f.columns);
        complete &&= f.complete;
        if (f.source)
          use(
            scope,
            f.source,
            f.columns.map((c) => c.name),
          );
      }
      continue;
    }
    columns.push({ name: targetName(target), type: expressionType(from, target.val) });
    if (fromKnown && scope.lateral === 0) checkColumnRef(scope.ctx, from, field(target.val, 'ColumnRef'));
  }
  // Columns named anywhere in the query are what the view depends on (its WHERE, joins, sorting …).
  collectColumnRefs(select, (ref) => {
    const fields = ref.fields ?? [];
    const names = fields.map(str);
    const col = names[names.length - 1];
    if (!col) return;
    const items = names.length >= 2 ? from.filter((f) => f.alias === names[names.length - 2]) : from;
    const owner = items.find((f) => f.columns.some((c) => c.name === col));
    if (owner?.source) use(scope, owner.source, [col]);
  });
  return { columns, complete, dependsOn: [] };
}

/** A plain column of the select list that none of the (fully known) FROM items has: PostgreSQL rejects the query. */
function checkColumnRef(ctx: StatementContext, from: FromItem[], ref: ColumnRef | undefined): void {
  const names = (ref?.fields ?? []).map(str);
  if (names.length === 0 || names.length > 2 || names.some((n) => n === '')) return;
  const col = names[names.length - 1]!;
  const items = names.length === 2 ? from.filter((f) => f.alias === names[0]) : from;
  if (names.length === 2 && items.length === 0) {
    ctx.problem(`missing FROM-clause entry for table "${names[0]}"`, ctx.nameAt(ref?.location));
    return;
  }
  // A one-part name may also be a whole-row reference to a FROM item.
  if (names.length === 1 && from.some((f) => f.alias === col)) return;
  if (!items.some((f) => f.columns.some((c) => c.name === col))) ctx.problem(`column "${names.join('.')}" does not exist`, ctx.nameAt(ref?.location));
}

function use(scope: Scope, table: Table, columns: string[]): void {
  let dep = scope.deps.get(table);
  if (!dep) scope.deps.set(table, (dep = { schema: table.schema, table: table.name, columns: [], wholeRow: false }));
  for (const c of columns) if (!dep.columns.includes(c)) dep.columns.push(c);
}

/** Add a FROM item's columns; false when they are not all known. */
function addFromItem(scope: Scope, node: Node, out: FromItem[]): boolean {
  const kind = nodeKind(node);
  if (kind === 'RangeVar') {
    const rv = (node as { RangeVar: RangeVar }).RangeVar;
    const alias = rv.alias?.aliasname ?? rv.relname ?? '';
    const cte = !rv.schemaname && rv.relname ? scope.ctes.get(rv.relname) : undefined;
    if (cte) {
      out.push({ alias, columns: renamed(cte.columns, rv.alias?.colnames), complete: cte.complete });
      return cte.complete;
    }
    const name = { schemaname: rv.schemaname, relname: rv.relname ?? '', location: rv.location };
    // System catalogs and views (pg_catalog, information_schema) and relations the model does not hold
    // (foreign tables) are read, not modelled: their columns are unknown, and that is no error.
    const system = rv.schemaname === 'pg_catalog' || rv.schemaname === 'information_schema' || (!rv.schemaname && name.relname.startsWith('pg_'));
    const rel = scope.ctx.relation(name, system || scope.ctx.state.isOpaqueRelation(rv.schemaname ?? scope.ctx.searchPath, name.relname));
    if (!rel) {
      out.push({ alias, columns: [], complete: false });
      return false;
    }
    if (isSequence(rel)) {
      out.push({ alias, columns: [], complete: false });
      return false;
    }
    use(scope, rel, []);
    const columns = rel.columns.map((c) => ({ name: c.name, type: storedType(c.type) }));
    out.push({ alias, columns: renamed(columns, rv.alias?.colnames), complete: !rel.columnsIncomplete, source: rel });
    return !rel.columnsIncomplete;
  }
  if (kind === 'JoinExpr') {
    const j = field(node, 'JoinExpr')!;
    let ok = true;
    if (j.larg) ok = addFromItem(scope, j.larg, out) && ok;
    if (j.rarg) ok = addFromItem(scope, j.rarg, out) && ok;
    // USING / NATURAL merge columns and a join alias hides its inputs: not followed.
    return ok && !j.usingClause?.length && !j.isNatural && !j.alias;
  }
  if (kind === 'RangeSubselect') {
    const sub = field(node, 'RangeSubselect')!;
    if (sub.lateral) scope.lateral++;
    const shape = selectShape(scope, sub.subquery);
    if (sub.lateral) scope.lateral--;
    out.push({ alias: sub.alias?.aliasname ?? '', columns: renamed(shape.columns, sub.alias?.colnames), complete: shape.complete });
    return shape.complete;
  }
  out.push({ alias: '', columns: [], complete: false });
  return false;
}

function renamed(columns: QueryColumn[], colnames: Node[] | undefined): QueryColumn[] {
  if (!colnames?.length) return columns;
  const names = colnames.map(str);
  return columns.map((c, i) => ({ ...c, name: names[i] ?? c.name }));
}

/** `*` → '', `t.*` → 't', anything else undefined. */
function starOf(target: ResTarget): string | undefined {
  const fields = field(target.val, 'ColumnRef')?.fields;
  if (!fields || nodeKind(fields[fields.length - 1]) !== 'A_Star') return undefined;
  return fields.length >= 2 ? str(fields[fields.length - 2]) : '';
}

function targetName(target: ResTarget): string {
  if (target.name) return target.name;
  return figureColname(target.val)[0] ?? '?column?';
}

/** The type PostgreSQL gives a select-list expression in a view or CREATE TABLE … AS, where it is plain to see. */
export function expressionType(from: FromItem[], node: Node | undefined): TypeRef {
  switch (nodeKind(node)) {
    case 'A_Const':
      return constantType(field(node, 'A_Const')!);
    case 'TypeCast': {
      const cast = field(node, 'TypeCast')!;
      const names = (cast.typeName?.names ?? []).map(str);
      // A cast to a type the replay cannot judge (%TYPE, a serial pseudo-type) stays unknown.
      if (names.length === 0 || cast.typeName?.pct_type) return UNKNOWN_TYPE;
      return typeRefOf(cast.typeName).ref;
    }
    case 'ColumnRef': {
      const names = (field(node, 'ColumnRef')!.fields ?? []).map(str);
      const col = names[names.length - 1];
      const items = names.length >= 2 ? from.filter((f) => f.alias === names[names.length - 2]) : from;
      const found = items.flatMap((f) => f.columns.filter((c) => c.name === col));
      // Serial pseudo-types are integers once stored; a query sees the stored type.
      return found.length === 1 ? storedType(found[0]!.type) : UNKNOWN_TYPE;
    }
    default:
      return UNKNOWN_TYPE;
  }
}

const SERIAL_STORED: Record<string, string> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };

export function storedType(t: TypeRef): TypeRef {
  const stored = SERIAL_STORED[t.name];
  return stored ? makeTypeRef(stored, [], t.arrayDims) : t;
}

function constantType(c: A_Const): TypeRef {
  if (c.isnull || c.sval) return makeTypeRef('text');
  if (c.ival) return makeTypeRef('integer');
  if (c.boolval) return makeTypeRef('boolean');
  if (c.fval) {
    const v = c.fval.fval ?? '';
    // The lexer hands integers too large for int4 over as floats; PostgreSQL makes them bigint if they fit.
    if (/^-?\d+$/.test(v)) return BigInt(v) <= 9223372036854775807n && BigInt(v) >= -9223372036854775808n ? makeTypeRef('bigint') : makeTypeRef('numeric');
    return makeTypeRef('numeric');
  }
  if (c.bsval) return makeTypeRef('bit', [(c.bsval.bsval ?? 'b').length - 1]);
  // `A_Const {}` is the integer 0 (libpg-query leaves out zero values).
  return makeTypeRef('integer');
}

function collectColumnRefs(node: unknown, visit: (ref: ColumnRef) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) collectColumnRefs(n, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const ref = (node as { ColumnRef?: ColumnRef }).ColumnRef;
  if (ref) {
    visit(ref);
    return;
  }
  // A nested query has FROM items of its own: its names are not this level's (a dependency missed
  // there can only let a DROP through that PostgreSQL refuses, never refuse one it allows).
  if ('SelectStmt' in node) return;
  for (const v of Object.values(node)) if (v && typeof v === 'object') collectColumnRefs(v, visit);
}

/** Columns for a new view or CREATE TABLE … AS: the query's, renamed by an explicit column list. */
export function columnsFromShape(shape: QueryShape, names: string[], loc: Column['loc']): Column[] {
  return shape.columns.map((c, i) => newColumn(names[i] ?? c.name, c.type, loc));
}
