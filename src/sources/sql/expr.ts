import type { Expr } from '../../model/catalog.js';
import type { Location } from '../../model/location.js';
import { quoteIdent, quoteLiteral } from '../../model/names.js';
import { normaliseTypeName } from '../../model/types.js';

const POSITION_KEYS = new Set(['location', 'rexpr_list_start', 'rexpr_list_end', 'stmt_location', 'stmt_len']);

/** Copy of a parse tree without source positions, so that equal expressions are equal. */
export function stripPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripPositions);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (!POSITION_KEYS.has(k)) out[k] = stripPositions(v);
    return out;
  }
  return node;
}

export function makeExpr(ast: unknown, loc: Location): Expr {
  const clean = stripPositions(ast);
  return { ast: clean, text: printExpr(clean), loc };
}

/** Smallest `location` anywhere in a subtree: where an expression starts in the source. */
export function firstLocation(node: unknown): number | undefined {
  let best: number | undefined;
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (k === 'location' && typeof v === 'number' && v >= 0) best = best === undefined ? v : Math.min(best, v);
        else if (typeof v === 'object') visit(v);
      }
    }
  };
  visit(node);
  return best;
}

/**
 * Expression with casts and redundant wrapping peeled away and identifiers unqualified: the form
 * in which two spellings of the same condition (`x::uuid`, `CAST(x AS uuid)`, `t.col`) compare equal.
 */
export function canonicalExpr(ast: unknown): string {
  return JSON.stringify(canon(ast));
}

function canon(node: any): any {
  if (Array.isArray(node)) return node.map(canon);
  if (!node || typeof node !== 'object') return node;
  if (node.ColumnRef) {
    const fields = node.ColumnRef.fields ?? [];
    return { ColumnRef: { fields: [fields[fields.length - 1]] } };
  }
  if (node.FuncCall) {
    const names = (node.FuncCall.funcname ?? []).map((n: any) => n.String?.sval);
    const name = names[names.length - 1];
    const args = canon(node.FuncCall.args ?? []);
    return { FuncCall: { name: name === 'now' ? 'current_timestamp' : name, args } };
  }
  if (node.SQLValueFunction && node.SQLValueFunction.op === 'SVFOP_CURRENT_TIMESTAMP') {
    return { FuncCall: { name: 'current_timestamp', args: [] } };
  }
  if (node.TypeCast) {
    return { TypeCast: { arg: canon(node.TypeCast.arg), type: typeNameText(node.TypeCast.typeName) } };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (!POSITION_KEYS.has(k)) out[k] = canon(v);
  return out;
}

export function typeNameText(typeName: any): string {
  const names: string[] = (typeName?.names ?? []).map((n: any) => n.String?.sval);
  const base = normaliseTypeName(names.join('.'));
  const mods = (typeName?.typmods ?? []).map((m: any) => m.A_Const?.ival?.ival ?? m.A_Const?.ival ?? '?');
  const arr = (typeName?.arrayBounds ?? []).length;
  return base + (mods.length ? `(${mods.join(',')})` : '') + '[]'.repeat(arr);
}

const BOOL_OPS: Record<string, string> = { AND_EXPR: 'AND', OR_EXPR: 'OR' };

/** A readable SQL rendering of an expression tree; unknown node kinds print as `…`. */
export function printExpr(node: any): string {
  return print(node, 0);
}

function print(node: any, depth: number): string {
  if (!node || typeof node !== 'object') return String(node);
  const [kind, v] = Object.entries(node)[0] ?? [];
  const p = (n: any) => print(n, depth + 1);
  const wrap = (n: any) => {
    const s = p(n);
    const k = n && Object.keys(n)[0];
    return k === 'BoolExpr' || k === 'A_Expr' ? `(${s})` : s;
  };
  const a: any = v;
  switch (kind) {
    case 'A_Const':
      if (a.isnull) return 'NULL';
      if (a.sval) return quoteLiteral(a.sval.sval ?? '');
      if (a.ival) return String(a.ival.ival ?? 0);
      if (a.fval) return String(a.fval.fval);
      if (a.boolval) return a.boolval.boolval ? 'true' : 'false';
      if (a.bsval) return `B'${a.bsval.bsval}'`;
      return a.ival === undefined && Object.keys(a).length === 0 ? '0' : '0';
    case 'Integer':
      return String(a.ival ?? 0);
    case 'String':
      return quoteLiteral(a.sval ?? '');
    case 'ColumnRef':
      return (a.fields ?? []).map((f: any) => (f.A_Star ? '*' : quoteIdent(f.String?.sval ?? ''))).join('.');
    case 'ParamRef':
      return `$${a.number}`;
    case 'FuncCall': {
      const name = (a.funcname ?? []).map((n: any) => n.String?.sval).filter((s: string) => s !== 'pg_catalog' || (a.funcname ?? []).length === 1).join('.');
      const args = a.agg_star ? '*' : (a.args ?? []).map(p).join(', ');
      return `${name}(${a.agg_distinct ? 'DISTINCT ' : ''}${args})`;
    }
    case 'TypeCast':
      return `${wrap(a.arg)}::${typeNameText(a.typeName)}`;
    case 'A_Expr': {
      const op = (a.name ?? []).map((n: any) => n.String?.sval).join('.');
      switch (a.kind) {
        case 'AEXPR_IN': {
          const list = (a.rexpr?.List?.items ?? []).map(p).join(', ');
          return `${wrap(a.lexpr)} ${op === '<>' ? 'NOT IN' : 'IN'} (${list})`;
        }
        case 'AEXPR_LIKE':
          return `${wrap(a.lexpr)} ${op === '!~~' ? 'NOT LIKE' : 'LIKE'} ${wrap(a.rexpr)}`;
        case 'AEXPR_ILIKE':
          return `${wrap(a.lexpr)} ${op === '!~~*' ? 'NOT ILIKE' : 'ILIKE'} ${wrap(a.rexpr)}`;
        case 'AEXPR_BETWEEN':
        case 'AEXPR_NOT_BETWEEN': {
          const [lo, hi] = a.rexpr?.List?.items ?? [];
          return `${wrap(a.lexpr)} ${a.kind === 'AEXPR_NOT_BETWEEN' ? 'NOT BETWEEN' : 'BETWEEN'} ${p(lo)} AND ${p(hi)}`;
        }
        case 'AEXPR_DISTINCT':
          return `${wrap(a.lexpr)} IS DISTINCT FROM ${wrap(a.rexpr)}`;
        case 'AEXPR_NOT_DISTINCT':
          return `${wrap(a.lexpr)} IS NOT DISTINCT FROM ${wrap(a.rexpr)}`;
        case 'AEXPR_OP_ANY':
          return `${wrap(a.lexpr)} ${op} ANY (${p(a.rexpr)})`;
        case 'AEXPR_OP_ALL':
          return `${wrap(a.lexpr)} ${op} ALL (${p(a.rexpr)})`;
        default:
          return a.lexpr ? `${wrap(a.lexpr)} ${op} ${wrap(a.rexpr)}` : `${op} ${wrap(a.rexpr)}`;
      }
    }
    case 'BoolExpr': {
      if (a.boolop === 'NOT_EXPR') return `NOT ${wrap(a.args?.[0])}`;
      return (a.args ?? []).map(wrap).join(` ${BOOL_OPS[a.boolop] ?? a.boolop} `);
    }
    case 'NullTest':
      return `${wrap(a.arg)} ${a.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL'}`;
    case 'BooleanTest': {
      const t = String(a.booltesttype ?? '').replace(/^IS_/, '').replace(/_/g, ' ').toUpperCase();
      return `${wrap(a.arg)} IS ${t}`;
    }
    case 'SQLValueFunction':
      return String(a.op ?? '').replace(/^SVFOP_/, '').replace(/_N$/, '');
    case 'A_ArrayExpr':
      return `ARRAY[${(a.elements ?? []).map(p).join(', ')}]`;
    case 'CoalesceExpr':
      return `COALESCE(${(a.args ?? []).map(p).join(', ')})`;
    case 'MinMaxExpr':
      return `${a.op === 'IS_GREATEST' ? 'GREATEST' : 'LEAST'}(${(a.args ?? []).map(p).join(', ')})`;
    case 'NullIfExpr':
      return `NULLIF(${(a.args ?? []).map(p).join(', ')})`;
    case 'RowExpr':
      return `ROW(${(a.args ?? []).map(p).join(', ')})`;
    case 'CaseExpr': {
      const whens = (a.args ?? []).map((w: any) => `WHEN ${p(w.CaseWhen?.expr)} THEN ${p(w.CaseWhen?.result)}`).join(' ');
      return `CASE ${a.arg ? p(a.arg) + ' ' : ''}${whens}${a.defresult ? ' ELSE ' + p(a.defresult) : ''} END`;
    }
    case 'CollateClause':
      return `${wrap(a.arg)} COLLATE ${(a.collname ?? []).map((n: any) => quoteIdent(n.String?.sval ?? '')).join('.')}`;
    case 'A_Indirection':
      return `(${p(a.arg)})${(a.indirection ?? []).map((i: any) => (i.String ? '.' + i.String.sval : '[…]')).join('')}`;
    case 'SubLink':
      return a.subLinkType === 'EXISTS_SUBLINK' ? 'EXISTS (…)' : '(SELECT …)';
    case 'List':
      return (a.items ?? []).map(p).join(', ');
    default:
      return '…';
  }
}
