import type { Constraint, Expr, Index, Table } from './catalog.js';

/** Any structure that PostgreSQL can use as an index: CREATE INDEX, primary key, unique or exclusion constraint. */
export interface IndexLike {
  name: string;
  /** Key columns in order; `undefined` where a key is an expression. */
  keys: (string | undefined)[];
  unique: boolean;
  partial: boolean;
  method: string;
  source: Index | Constraint;
}

export function indexLikes(table: Table): IndexLike[] {
  const out: IndexLike[] = [];
  for (const c of table.constraints) {
    if (c.kind === 'primary key' || c.kind === 'unique') {
      out.push({ name: c.name, keys: c.columns, unique: true, partial: false, method: 'btree', source: c });
    }
  }
  for (const i of table.indexes) {
    out.push({ name: i.name, keys: i.keys.map((k) => ('column' in k ? k.column : undefined)), unique: i.unique, partial: Boolean(i.predicate), method: i.method, source: i });
  }
  return out;
}

/**
 * True when the columns are exactly the leading keys of the index, in any order: such an index
 * serves lookups on those columns. Partial and expression keys do not count.
 */
export function leadsWith(index: IndexLike, columns: string[]): boolean {
  if (index.partial || columns.length === 0 || index.keys.length < columns.length) return false;
  if (index.method !== 'btree' && index.method !== 'hash' && index.method !== 'gist' && index.method !== 'brin' && index.method !== 'spgist') return false;
  const lead = index.keys.slice(0, columns.length);
  if (lead.some((k) => k === undefined)) return false;
  const want = new Set(columns);
  return want.size === columns.length && lead.every((k) => want.has(k!));
}

export function coveringIndex(table: Table, columns: string[]): IndexLike | undefined {
  return indexLikes(table).find((i) => leadsWith(i, columns));
}

/** The function name of a call expression (`generate_uuidv7()` → `generate_uuidv7`), ignoring schema and casts. */
export function calledFunction(expr: Expr | undefined): string | undefined {
  let node: any = expr?.ast;
  while (node?.TypeCast) node = node.TypeCast.arg;
  const names = node?.FuncCall?.funcname;
  if (!names) return undefined;
  return names[names.length - 1]?.String?.sval;
}

/** A constant boolean true: `true`, `'t'::boolean`, `1 = 1`. */
export function isConstantTrue(node: any): boolean {
  while (node?.TypeCast) node = node.TypeCast.arg;
  if (node?.A_Const?.boolval) return node.A_Const.boolval.boolval === true;
  if (node?.A_Const?.sval) return ['t', 'true', 'y', 'yes', 'on', '1'].includes(String(node.A_Const.sval.sval).toLowerCase());
  const e = node?.A_Expr;
  if (e?.kind === 'AEXPR_OP' && e.name?.[0]?.String?.sval === '=') {
    const l = JSON.stringify(e.lexpr);
    const r = JSON.stringify(e.rexpr);
    return l === r && (Boolean(e.lexpr?.A_Const) || Boolean(e.lexpr?.TypeCast?.arg?.A_Const));
  }
  if (node?.BoolExpr?.boolop === 'OR_EXPR') return (node.BoolExpr.args ?? []).some(isConstantTrue);
  if (node?.BoolExpr?.boolop === 'AND_EXPR') return (node.BoolExpr.args ?? []).every(isConstantTrue);
  return false;
}

function columnName(node: any): string | undefined {
  while (node?.TypeCast) node = node.TypeCast.arg;
  const fields = node?.ColumnRef?.fields;
  return fields ? fields[fields.length - 1]?.String?.sval : undefined;
}

/** `current_setting('<setting>'[, missing_ok])` cast to uuid (or compared as text). */
function isTenantSetting(node: any, setting: string): boolean {
  let n = node;
  let casted = false;
  while (n?.TypeCast) {
    casted = true;
    n = n.TypeCast.arg;
  }
  const call = n?.FuncCall;
  const names = call?.funcname ?? [];
  if (names[names.length - 1]?.String?.sval !== 'current_setting') return false;
  const arg = call.args?.[0];
  const value = arg?.A_Const?.sval?.sval ?? arg?.TypeCast?.arg?.A_Const?.sval?.sval;
  return value === setting && (casted || true);
}

/** `<tenantKey> = current_setting('<setting>')::uuid`, either way round. */
export function isTenantEquality(node: any, tenantKey: string, setting: string): boolean {
  const e = node?.A_Expr;
  if (!e || e.kind !== 'AEXPR_OP' || e.name?.[e.name.length - 1]?.String?.sval !== '=') return false;
  return (columnName(e.lexpr) === tenantKey && isTenantSetting(e.rexpr, setting)) || (columnName(e.rexpr) === tenantKey && isTenantSetting(e.lexpr, setting));
}

/** True when the expression can only be true for rows of the current tenant: the equality, or an AND containing it. */
export function restrictsToTenant(node: any, tenantKey: string, setting: string): boolean {
  if (isTenantEquality(node, tenantKey, setting)) return true;
  const b = node?.BoolExpr;
  if (b?.boolop === 'AND_EXPR') return (b.args ?? []).some((a: any) => restrictsToTenant(a, tenantKey, setting));
  if (b?.boolop === 'OR_EXPR') return (b.args ?? []).length > 0 && (b.args ?? []).every((a: any) => restrictsToTenant(a, tenantKey, setting));
  return false;
}
