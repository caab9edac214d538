/**
 * SQL text from a libpg-query expression tree, written so that PostgreSQL's parser reads it back to
 * the same tree: generated DDL (ismslint sql) replays to the same model. Node kinds it cannot write
 * faithfully print as `…`, which is not SQL, so that a consumer's round-trip check fails loudly.
 */
import type { A_Const, A_Expr, Alias, FuncCall, SelectStmt, SQLValueFunction, SubLink, TypeName } from '@pgsql/types';
import { type NodeKind, type NodeOf, nodeAs } from '../../model/ast.js';
import { quoteLiteral, sqlIdent } from '../../model/names.js';

/** A possibly qualified name whose parts are joined by dots, as the model keeps opclasses and collations. */
export function sqlDottedName(parts: string[]): string {
  return parts.map(sqlIdent).join('.');
}

export function printExpr(node: unknown): string {
  return print(node);
}

const sval = (n: unknown): string => nodeAs(n, 'String')?.sval ?? '';

/** Nodes whose printed form binds tighter than any operator, so they never need parentheses. */
const ATOMIC = new Set([
  'ColumnRef',
  'ParamRef',
  'FuncCall',
  'TypeCast',
  'SQLValueFunction',
  'A_ArrayExpr',
  'CoalesceExpr',
  'MinMaxExpr',
  'NullIfExpr',
  'CaseExpr',
  'A_Indirection',
  'String',
  'Integer',
]);

function isNegativeConst(node: unknown): boolean {
  const c = nodeAs(node, 'A_Const');
  if (!c) return false;
  return (c.ival?.ival ?? 0) < 0 || String(c.fval?.fval ?? '').startsWith('-');
}

function kindOf(node: unknown): NodeKind | undefined {
  return node && typeof node === 'object' ? (Object.keys(node)[0] as NodeKind | undefined) : undefined;
}

/** The fields of `node`, whose kind `kindOf` has just read. */
function fieldsOf<K extends NodeKind>(node: unknown, kind: K): NodeOf<K> {
  return nodeAs(node, kind)!;
}

function isAtomic(node: unknown): boolean {
  const kind = kindOf(node);
  if (!kind) return false;
  switch (kind) {
    case 'A_Const':
      return true;
    case 'FuncCall': {
      // `x AT TIME ZONE z` is a call in the tree but an operator in the text.
      const a = fieldsOf(node, kind);
      return !(a.funcformat === 'COERCE_SQL_SYNTAX' && (a.funcname ?? []).map(sval).join('.') === 'pg_catalog.timezone');
    }
    case 'SubLink': {
      const a = fieldsOf(node, kind);
      return a.subLinkType !== 'ANY_SUBLINK' && a.subLinkType !== 'ALL_SUBLINK';
    }
    case 'RowExpr':
      return true;
    default:
      return ATOMIC.has(kind);
  }
}

/** An operand: parenthesised unless it binds tighter than any operator. */
function operand(node: unknown): string {
  const s = print(node);
  return isAtomic(node) ? s : `(${s})`;
}

/** The argument of `::type`, which binds tighter than unary minus: `(-1)::integer`, not `-1::integer`. */
function castOperand(node: unknown): string {
  return isNegativeConst(node) ? `(${print(node)})` : operand(node);
}

/** An argument of AND/OR: only another AND/OR binds as loosely. */
function boolArg(node: unknown): string {
  return kindOf(node) === 'BoolExpr' ? `(${print(node)})` : print(node);
}

function list(items: unknown[] | undefined): string {
  return (items ?? []).map(print).join(', ');
}

function print(node: unknown): string {
  const kind = kindOf(node);
  if (!kind) return '…';
  switch (kind) {
    case 'A_Const': {
      const a = fieldsOf(node, kind);
      return printConst(a);
    }
    case 'Integer': {
      const a = fieldsOf(node, kind);
      return String(a.ival ?? 0);
    }
    case 'String': {
      const a = fieldsOf(node, kind);
      return quoteLiteral(a.sval ?? '');
    }
    case 'ColumnRef': {
      const a = fieldsOf(node, kind);
      return (a.fields ?? []).map((f) => (nodeAs(f, 'A_Star') ? '*' : sqlIdent(sval(f)))).join('.');
    }
    case 'ParamRef': {
      const a = fieldsOf(node, kind);
      return `$${a.number ?? 0}`;
    }
    case 'FuncCall': {
      const a = fieldsOf(node, kind);
      return printFuncCall(a);
    }
    case 'NamedArgExpr': {
      const a = fieldsOf(node, kind);
      return `${sqlIdent(a.name ?? '')} => ${print(a.arg)}`;
    }
    case 'TypeCast': {
      const a = fieldsOf(node, kind);
      return `${castOperand(a.arg)}::${printTypeName(a.typeName)}`;
    }
    case 'A_Expr': {
      const a = fieldsOf(node, kind);
      return printAExpr(a);
    }
    case 'BoolExpr': {
      const a = fieldsOf(node, kind);
      if (a.boolop === 'NOT_EXPR') return `NOT ${operand(a.args?.[0])}`;
      return (a.args ?? []).map(boolArg).join(a.boolop === 'OR_EXPR' ? ' OR ' : ' AND ');
    }
    case 'NullTest': {
      const a = fieldsOf(node, kind);
      return `${operand(a.arg)} ${a.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL'}`;
    }
    case 'BooleanTest': {
      const a = fieldsOf(node, kind);
      const test = String(a.booltesttype ?? '')
        .replace(/^IS_/, '')
        .replace(/_/g, ' ');
      return `${operand(a.arg)} IS ${test}`;
    }
    case 'SQLValueFunction': {
      const a = fieldsOf(node, kind);
      return printValueFunction(a);
    }
    case 'A_ArrayExpr': {
      const a = fieldsOf(node, kind);
      return `ARRAY[${list(a.elements)}]`;
    }
    case 'CoalesceExpr': {
      const a = fieldsOf(node, kind);
      return `COALESCE(${list(a.args)})`;
    }
    case 'MinMaxExpr': {
      const a = fieldsOf(node, kind);
      return `${a.op === 'IS_GREATEST' ? 'GREATEST' : 'LEAST'}(${list(a.args)})`;
    }
    case 'NullIfExpr': {
      const a = fieldsOf(node, kind);
      return `NULLIF(${list(a.args)})`;
    }
    case 'RowExpr': {
      const a = fieldsOf(node, kind);
      // `(a, b)` is an implicit row; a one-element row must be written ROW(a).
      return a.row_format === 'COERCE_IMPLICIT_CAST' && (a.args ?? []).length > 1 ? `(${list(a.args)})` : `ROW(${list(a.args)})`;
    }
    case 'CaseExpr': {
      const a = fieldsOf(node, kind);
      const whens = (a.args ?? []).map((w) => ` WHEN ${print(nodeAs(w, 'CaseWhen')?.expr)} THEN ${print(nodeAs(w, 'CaseWhen')?.result)}`).join('');
      return `CASE${a.arg ? ' ' + print(a.arg) : ''}${whens}${a.defresult ? ' ELSE ' + print(a.defresult) : ''} END`;
    }
    case 'CollateClause': {
      const a = fieldsOf(node, kind);
      return `${castOperand(a.arg)} COLLATE ${sqlDottedName((a.collname ?? []).map(sval))}`;
    }
    case 'A_Indirection': {
      const a = fieldsOf(node, kind);
      return `(${print(a.arg)})${(a.indirection ?? []).map(printIndirection).join('')}`;
    }
    case 'SubLink': {
      const a = fieldsOf(node, kind);
      return printSubLink(a);
    }
    case 'List': {
      const a = fieldsOf(node, kind);
      return list(a.items);
    }
    default:
      return '…';
  }
}

function printConst(a: A_Const): string {
  if (a.isnull) return 'NULL';
  if (a.sval) return quoteLiteral(a.sval.sval ?? '');
  if (a.ival) return String(a.ival.ival ?? 0);
  if (a.fval) return String(a.fval.fval ?? '0');
  if (a.boolval) return a.boolval.boolval ? 'true' : 'false';
  if (a.bsval) {
    // The parser keeps the prefix: `b101` for B'101', `x1f` for X'1F'.
    const v = String(a.bsval.bsval ?? '');
    return `${v[0] === 'x' ? 'X' : 'B'}'${v.slice(1)}'`;
  }
  return '…';
}

function printIndirection(i: unknown): string {
  const name = nodeAs(i, 'String');
  if (name) return '.' + sqlIdent(name.sval ?? '');
  if (nodeAs(i, 'A_Star')) return '.*';
  const x = nodeAs(i, 'A_Indices');
  if (x) {
    if (!x.is_slice) return `[${print(x.uidx)}]`;
    return `[${x.lidx ? print(x.lidx) : ''}:${x.uidx ? print(x.uidx) : ''}]`;
  }
  return '…';
}

const VALUE_FUNCTIONS: Record<string, string> = {
  SVFOP_CURRENT_DATE: 'CURRENT_DATE',
  SVFOP_CURRENT_TIME: 'CURRENT_TIME',
  SVFOP_CURRENT_TIME_N: 'CURRENT_TIME',
  SVFOP_CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP',
  SVFOP_CURRENT_TIMESTAMP_N: 'CURRENT_TIMESTAMP',
  SVFOP_LOCALTIME: 'LOCALTIME',
  SVFOP_LOCALTIME_N: 'LOCALTIME',
  SVFOP_LOCALTIMESTAMP: 'LOCALTIMESTAMP',
  SVFOP_LOCALTIMESTAMP_N: 'LOCALTIMESTAMP',
  SVFOP_CURRENT_ROLE: 'CURRENT_ROLE',
  SVFOP_CURRENT_USER: 'CURRENT_USER',
  SVFOP_USER: 'USER',
  SVFOP_SESSION_USER: 'SESSION_USER',
  SVFOP_CURRENT_CATALOG: 'CURRENT_CATALOG',
  SVFOP_CURRENT_SCHEMA: 'CURRENT_SCHEMA',
};

function printValueFunction(a: SQLValueFunction): string {
  const name = VALUE_FUNCTIONS[a.op!] ?? '…';
  return String(a.op).endsWith('_N') ? `${name}(${a.typmod ?? 0})` : name;
}

function printFuncCall(a: FuncCall): string {
  const names: string[] = (a.funcname ?? []).map(sval);
  if (a.funcformat === 'COERCE_SQL_SYNTAX' && names[0] === 'pg_catalog') {
    const special = printSqlSyntaxCall(names[1]!, a.args ?? []);
    if (special) return special;
  }
  if (a.over || a.agg_within_group) return '…';
  const args = a.agg_star ? '*' : (a.args ?? []).map(print).join(', ');
  const variadic = a.func_variadic ? 'VARIADIC ' : '';
  const order = a.agg_order?.length ? ` ORDER BY ${a.agg_order.map(printSortBy).join(', ')}` : '';
  const distinct = a.agg_distinct ? 'DISTINCT ' : '';
  const filter = a.agg_filter ? ` FILTER (WHERE ${print(a.agg_filter)})` : '';
  const argText = variadic && a.args?.length ? [...a.args.slice(0, -1).map(print), variadic + print(a.args[a.args.length - 1])].join(', ') : args;
  return `${sqlDottedName(names)}(${distinct}${argText}${order})${filter}`;
}

/** The SQL-standard call syntaxes the parser turns into pg_catalog functions. */
function printSqlSyntaxCall(name: string, args: unknown[]): string | undefined {
  const b = (n: unknown) => operand(n);
  switch (name) {
    case 'extract':
      return args.length === 2 ? `EXTRACT(${print(args[0])} FROM ${print(args[1])})` : undefined;
    case 'timezone':
      if (args.length === 2) return `${operand(args[1])} AT TIME ZONE ${operand(args[0])}`;
      return args.length === 1 ? `${operand(args[0])} AT LOCAL` : undefined;
    case 'position':
      return args.length === 2 ? `POSITION(${b(args[1])} IN ${b(args[0])})` : undefined;
    case 'substring':
      if (args.length === 3) return `SUBSTRING(${print(args[0])} FROM ${print(args[1])} FOR ${print(args[2])})`;
      return args.length === 2 ? `SUBSTRING(${print(args[0])} FROM ${print(args[1])})` : undefined;
    case 'overlay':
      if (args.length === 4) return `OVERLAY(${print(args[0])} PLACING ${print(args[1])} FROM ${print(args[2])} FOR ${print(args[3])})`;
      return args.length === 3 ? `OVERLAY(${print(args[0])} PLACING ${print(args[1])} FROM ${print(args[2])})` : undefined;
    case 'btrim':
    case 'ltrim':
    case 'rtrim': {
      const where = name === 'btrim' ? 'BOTH' : name === 'ltrim' ? 'LEADING' : 'TRAILING';
      if (args.length === 1) return `TRIM(${where} FROM ${print(args[0])})`;
      return args.length === 2 ? `TRIM(${where} ${print(args[1])} FROM ${print(args[0])})` : undefined;
    }
    default:
      return undefined;
  }
}

function printAExpr(a: A_Expr): string {
  const names: string[] = (a.name ?? []).map(sval);
  const op = names.length > 1 ? `OPERATOR(${names.slice(0, -1).map(sqlIdent).join('.')}.${names[names.length - 1]})` : (names[0] ?? '');
  const l = () => operand(a.lexpr);
  const r = () => operand(a.rexpr);
  switch (a.kind) {
    case 'AEXPR_OP':
      return a.lexpr ? `${l()} ${op} ${r()}` : `${op} ${r()}`;
    case 'AEXPR_OP_ANY':
      return `${l()} ${op} ANY (${print(a.rexpr)})`;
    case 'AEXPR_OP_ALL':
      return `${l()} ${op} ALL (${print(a.rexpr)})`;
    case 'AEXPR_DISTINCT':
      return `${l()} IS DISTINCT FROM ${r()}`;
    case 'AEXPR_NOT_DISTINCT':
      return `${l()} IS NOT DISTINCT FROM ${r()}`;
    case 'AEXPR_NULLIF':
      return `NULLIF(${print(a.lexpr)}, ${print(a.rexpr)})`;
    case 'AEXPR_IN':
      return `${l()} ${op === '<>' ? 'NOT IN' : 'IN'} (${list(nodeAs(a.rexpr, 'List')?.items)})`;
    case 'AEXPR_LIKE':
      return `${l()} ${op === '!~~' ? 'NOT LIKE' : 'LIKE'} ${likePattern(a.rexpr)}`;
    case 'AEXPR_ILIKE':
      return `${l()} ${op === '!~~*' ? 'NOT ILIKE' : 'ILIKE'} ${likePattern(a.rexpr)}`;
    case 'AEXPR_SIMILAR': {
      const call = nodeAs(a.rexpr, 'FuncCall');
      const [pattern, escapeChar] = call?.args ?? [];
      if (!call || sval(call.funcname?.[1]) !== 'similar_to_escape') return '…';
      return `${l()} ${op === '!~' ? 'NOT SIMILAR TO' : 'SIMILAR TO'} ${operand(pattern)}${escapeChar ? ` ESCAPE ${operand(escapeChar)}` : ''}`;
    }
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN':
    case 'AEXPR_BETWEEN_SYM':
    case 'AEXPR_NOT_BETWEEN_SYM': {
      const [lo, hi] = nodeAs(a.rexpr, 'List')?.items ?? [];
      const not = a.kind.includes('NOT') ? 'NOT ' : '';
      const sym = a.kind.endsWith('_SYM') ? ' SYMMETRIC' : '';
      return `${l()} ${not}BETWEEN${sym} ${operand(lo)} AND ${operand(hi)}`;
    }
    default:
      return '…';
  }
}

/** LIKE's right side; `LIKE p ESCAPE e` parses to a like_escape() call. */
function likePattern(node: unknown): string {
  const call = nodeAs(node, 'FuncCall');
  const names: string[] = (call?.funcname ?? []).map(sval);
  if (call && names[0] === 'pg_catalog' && names[1] === 'like_escape' && call.funcformat === 'COERCE_EXPLICIT_CALL' && call.args?.length === 2) {
    // Only the parser writes pg_catalog.like_escape this way; a user's own call prints as such and fails the round trip check.
    return `${operand(call.args[0])} ESCAPE ${operand(call.args[1])}`;
  }
  return operand(node);
}

function printSubLink(a: SubLink): string {
  const select = printSelect(nodeAs(a.subselect, 'SelectStmt'));
  switch (a.subLinkType) {
    case 'EXISTS_SUBLINK':
      return `EXISTS (${select})`;
    case 'EXPR_SUBLINK':
      return `(${select})`;
    case 'ARRAY_SUBLINK':
      return `ARRAY(${select})`;
    case 'ANY_SUBLINK': {
      if (!a.operName) return `${operand(a.testexpr)} IN (${select})`;
      return `${operand(a.testexpr)} ${(a.operName ?? []).map(sval).join('.')} ANY (${select})`;
    }
    case 'ALL_SUBLINK':
      return `${operand(a.testexpr)} ${(a.operName ?? []).map(sval).join('.')} ALL (${select})`;
    default:
      return '…';
  }
}

// --- Types ---------------------------------------------------------------------------------------

/** SQL-standard spellings of the types the grammar itself maps to pg_catalog names. */
const SYSTEM_TYPES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  numeric: 'numeric',
  bool: 'boolean',
  bpchar: 'character',
  varchar: 'character varying',
  bit: 'bit',
  varbit: 'bit varying',
  json: 'json',
};

/** A TypeName node as the parser reads it back: `pg_catalog.int4` as integer, a user type quoted where needed. */
export function printTypeName(t: TypeName | undefined): string {
  if (!t || t.setof || t.pct_type) return '…';
  const names: string[] = (t.names ?? []).map(sval);
  const mods = t.typmods ?? [];
  const modText = mods.length ? `(${mods.map(print).join(', ')})` : '';
  const arrays = (t.arrayBounds ?? []).map((b) => ((nodeAs(b, 'Integer')?.ival ?? -1) >= 0 ? `[${nodeAs(b, 'Integer')!.ival}]` : '[]')).join('');
  let base: string;
  const system = names.length === 2 && names[0] === 'pg_catalog' ? names[1]! : undefined;
  const time = system?.match(/^(timestamp|time)(tz)?$/);
  if (time) {
    base = `${time[1]}${modText} ${time[2] ? 'with' : 'without'} time zone`;
  } else if (system === 'interval') {
    const spelled = intervalType(mods.map((m) => Number(nodeAs(m, 'A_Const')?.ival?.ival ?? 0)));
    if (spelled === undefined) return '…';
    base = spelled;
  } else if (system && SYSTEM_TYPES[system]) {
    base = SYSTEM_TYPES[system] + modText;
  } else {
    base = sqlDottedName(names) + modText;
  }
  return base + arrays;
}

// INTERVAL's first typmod is a mask of fields (datetime.h: YEAR 2, MONTH 1, DAY 3, HOUR 10, MINUTE 11, SECOND 12).
const INTERVAL_FULL_RANGE = 0x7fff;
const INTERVAL_FIELDS: Record<number, string> = {
  [1 << 2]: 'year',
  [1 << 1]: 'month',
  [1 << 3]: 'day',
  [1 << 10]: 'hour',
  [1 << 11]: 'minute',
  [1 << 12]: 'second',
  [(1 << 2) | (1 << 1)]: 'year to month',
  [(1 << 3) | (1 << 10)]: 'day to hour',
  [(1 << 3) | (1 << 10) | (1 << 11)]: 'day to minute',
  [(1 << 3) | (1 << 10) | (1 << 11) | (1 << 12)]: 'day to second',
  [(1 << 10) | (1 << 11)]: 'hour to minute',
  [(1 << 10) | (1 << 11) | (1 << 12)]: 'hour to second',
  [(1 << 11) | (1 << 12)]: 'minute to second',
};

/** `interval`, `interval(3)`, `interval day`, `interval second(3)` from the typmods the grammar builds. */
export function intervalType(mods: number[]): string | undefined {
  if (mods.length === 0) return 'interval';
  const [range, precision] = mods;
  const p = precision === undefined ? '' : `(${precision})`;
  if (range === INTERVAL_FULL_RANGE) return precision === undefined ? undefined : `interval${p}`;
  const fields = INTERVAL_FIELDS[range!];
  // Only SECOND takes a precision in the grammar (`day to second(3)` too).
  if (!fields || (p && !fields.endsWith('second'))) return undefined;
  return `interval ${fields}${p}`;
}

// --- Sub-selects ---------------------------------------------------------------------------------

function printSortBy(node: unknown): string {
  const s = nodeAs(node, 'SortBy');
  if (!s) return '…';
  let out = print(s.node);
  if (s.sortby_dir === 'SORTBY_ASC') out += ' ASC';
  else if (s.sortby_dir === 'SORTBY_DESC') out += ' DESC';
  else if (s.sortby_dir === 'SORTBY_USING') out += ` USING ${(s.useOp ?? []).map(sval).join('.')}`;
  if (s.sortby_nulls === 'SORTBY_NULLS_FIRST') out += ' NULLS FIRST';
  else if (s.sortby_nulls === 'SORTBY_NULLS_LAST') out += ' NULLS LAST';
  return out;
}

const SET_OPS: Record<string, string> = { SETOP_UNION: 'UNION', SETOP_INTERSECT: 'INTERSECT', SETOP_EXCEPT: 'EXCEPT' };

/** A sub-select of a policy or CHECK: the clauses such conditions use; anything else prints `…`. */
export function printSelect(s: SelectStmt | undefined): string {
  if (!s || s.withClause || s.lockingClause?.length || s.intoClause) return '…';
  if (s.op && s.op !== 'SETOP_NONE') {
    const op = SET_OPS[s.op] ?? '…';
    return `(${printSelect(s.larg)}) ${op}${s.all ? ' ALL' : ''} (${printSelect(s.rarg)})${printTail(s)}`;
  }
  if (s.valuesLists) return `VALUES ${s.valuesLists.map((v) => `(${list(nodeAs(v, 'List')?.items)})`).join(', ')}${printTail(s)}`;
  let out = 'SELECT ';
  if (s.distinctClause) {
    const on = s.distinctClause.filter((d) => Object.keys(d).length > 0);
    out += on.length ? `DISTINCT ON (${list(on)}) ` : 'DISTINCT ';
  }
  out += (s.targetList ?? [])
    .map((t) => {
      const r = nodeAs(t, 'ResTarget');
      return r?.name ? `${print(r.val)} AS ${sqlIdent(r.name)}` : print(r?.val);
    })
    .join(', ');
  if (s.fromClause?.length) out += ` FROM ${s.fromClause.map(printFromItem).join(', ')}`;
  if (s.whereClause) out += ` WHERE ${print(s.whereClause)}`;
  if (s.groupClause?.length) out += ` GROUP BY ${list(s.groupClause)}`;
  if (s.havingClause) out += ` HAVING ${print(s.havingClause)}`;
  return out + printTail(s);
}

function printTail(s: SelectStmt): string {
  let out = '';
  if (s.sortClause?.length) out += ` ORDER BY ${s.sortClause.map(printSortBy).join(', ')}`;
  if (s.limitOption === 'LIMIT_OPTION_WITH_TIES') return out + ' …';
  if (s.limitCount) out += ` LIMIT ${print(s.limitCount)}`;
  if (s.limitOffset) out += ` OFFSET ${print(s.limitOffset)}`;
  return out;
}

function printAlias(alias: Alias | undefined): string {
  if (!alias) return '';
  const cols = alias.colnames?.length ? `(${alias.colnames.map((c) => sqlIdent(sval(c))).join(', ')})` : '';
  return ` AS ${sqlIdent(alias.aliasname ?? '')}${cols}`;
}

const JOINS: Record<string, string> = { JOIN_INNER: 'JOIN', JOIN_LEFT: 'LEFT JOIN', JOIN_FULL: 'FULL JOIN', JOIN_RIGHT: 'RIGHT JOIN' };

function printFromItem(node: unknown): string {
  const kind = kindOf(node);
  switch (kind) {
    case 'RangeVar': {
      const a = fieldsOf(node, kind);
      const name = a.schemaname ? `${sqlIdent(a.schemaname)}.${sqlIdent(a.relname!)}` : sqlIdent(a.relname!);
      return `${a.inh === false || a.inh === undefined ? 'ONLY ' : ''}${name}${printAlias(a.alias)}`;
    }
    case 'RangeSubselect': {
      const a = fieldsOf(node, kind);
      return `${a.lateral ? 'LATERAL ' : ''}(${printSelect(nodeAs(a.subquery, 'SelectStmt'))})${printAlias(a.alias)}`;
    }
    case 'JoinExpr': {
      const a = fieldsOf(node, kind);
      const join = JOINS[a.jointype!] ?? '…';
      const left = printFromItem(a.larg);
      const right = kindOf(a.rarg) === 'JoinExpr' ? `(${printFromItem(a.rarg)})` : printFromItem(a.rarg);
      let out: string;
      if (a.isNatural) out = `${left} NATURAL ${join} ${right}`;
      else if (a.usingClause?.length) out = `${left} ${join} ${right} USING (${a.usingClause.map((c) => sqlIdent(sval(c))).join(', ')})`;
      else if (a.quals) out = `${left} ${join} ${right} ON ${print(a.quals)}`;
      else if (a.jointype === 'JOIN_INNER') out = `${left} CROSS JOIN ${right}`;
      else return '…';
      return a.alias ? `(${out})${printAlias(a.alias)}` : out;
    }
    default:
      return '…';
  }
}
