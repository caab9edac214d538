import type { A_Const, A_Expr, Node, TypeName } from '@pgsql/types';
import { lastName, nameParts, nodeAs, peelCasts, withoutCasts } from './ast.js';
import type { Catalog, Constraint, Expr, Index, Table } from './catalog.js';
import { tableKey } from './catalog.js';

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
  const n = columns.length;
  if (index.partial || n === 0 || index.keys.length < n) return false;
  if (index.method !== 'btree' && index.method !== 'hash' && index.method !== 'gist' && index.method !== 'brin' && index.method !== 'spgist') return false;
  // Called for every foreign key of every table: no allocation. The columns must be distinct, and
  // each leading key one of them.
  for (let i = 0; i < n; i++) {
    const key = index.keys[i];
    if (key === undefined || !columns.includes(key) || columns.indexOf(columns[i]!) !== i) return false;
  }
  return true;
}

/** The first index-like structure that serves lookups on the columns; pass `likes` when already at hand. */
export function coveringIndex(table: Table, columns: string[], likes: IndexLike[] = indexLikes(table)): IndexLike | undefined {
  return likes.find((i) => leadsWith(i, columns));
}

/** The function name of a call expression (`generate_uuidv7()` → `generate_uuidv7`), ignoring schema and casts. */
export function calledFunction(expr: Expr | undefined): string | undefined {
  const names = nodeAs(withoutCasts(expr?.ast), 'FuncCall')?.funcname;
  if (!names) return undefined;
  return lastName(names);
}

/**
 * A condition PostgreSQL evaluates to true whatever the row: `true`, `'t'::boolean`, `1 = 1`,
 * `NOT false`, `1::boolean`, and AND/OR/NOT of such constants.
 */
export function isConstantTrue(node: unknown): boolean {
  return constantBoolean(node) === true;
}

/** The constant boolean value of an expression, or undefined when it depends on the row or is NULL. */
function constantBoolean(node: unknown): boolean | undefined {
  const constant = nodeAs(node, 'A_Const');
  if (constant) return constantOf(constant, 'unknown');
  const cast = nodeAs(node, 'TypeCast');
  if (cast) {
    if (!isTypeNamed(cast.typeName, ['bool', 'boolean'])) return undefined;
    const argConst = nodeAs(cast.arg, 'A_Const');
    return argConst ? constantOf(argConst, 'cast') : constantBoolean(cast.arg);
  }
  const e = nodeAs(node, 'A_Expr');
  if (e?.kind === 'AEXPR_OP' && operatorName(e) === '=') {
    return isNonNullConstant(e.lexpr) && sameTree(e.lexpr, e.rexpr) ? true : undefined;
  }
  const b = nodeAs(node, 'BoolExpr');
  const args = b?.args ?? [];
  if (b?.boolop === 'NOT_EXPR') {
    const v = constantBoolean(args[0]);
    return v === undefined ? undefined : !v;
  }
  if (b?.boolop === 'OR_EXPR') {
    const vs = args.map(constantBoolean);
    return vs.includes(true) ? true : vs.length > 0 && vs.every((v) => v === false) ? false : undefined;
  }
  if (b?.boolop === 'AND_EXPR') {
    const vs = args.map(constantBoolean);
    return vs.includes(false) ? false : vs.length > 0 && vs.every((v) => v === true) ? true : undefined;
  }
  return undefined;
}

/** A literal read as a boolean: as written (`true`, `'t'`), or cast to boolean (`1::boolean`). */
function constantOf(c: A_Const, context: 'unknown' | 'cast'): boolean | undefined {
  if (c.isnull) return undefined;
  if (c.boolval) return c.boolval.boolval === true;
  if (c.sval) return parseBoolText(String(c.sval.sval ?? ''));
  // Integers become booleans only through an explicit cast; an omitted ival is 0.
  if (c.ival && context === 'cast') return (c.ival.ival ?? 0) !== 0;
  return undefined;
}

/** PostgreSQL's boolean input: case-insensitive prefixes of true/false/yes/no, on/off (two letters at least), 1/0. */
function parseBoolText(raw: string): boolean | undefined {
  const v = raw.trim().toLowerCase();
  if (v.length === 0) return undefined;
  if ('true'.startsWith(v) || 'yes'.startsWith(v) || v === 'on' || v === '1') return true;
  if ('false'.startsWith(v) || 'no'.startsWith(v) || (v.length >= 2 && 'off'.startsWith(v)) || v === '0') return false;
  return undefined;
}

function isNonNullConstant(node: unknown): boolean {
  const constant = nodeAs(withoutCasts(node), 'A_Const');
  return constant !== undefined && !constant.isnull;
}

function sameTree(a: unknown, b: unknown): boolean {
  const noLocation = (k: string, v: unknown) => (k === 'location' ? undefined : v);
  return JSON.stringify(a, noLocation) === JSON.stringify(b, noLocation);
}

function operatorName(e: A_Expr): string | undefined {
  return lastName(e.name);
}

/** `uuid`, `pg_catalog.bool` …: the type's last name, without modifiers or array bounds. */
function isTypeNamed(typeName: TypeName | undefined, names: string[]): boolean {
  if ((typeName?.typmods ?? []).length > 0 || (typeName?.arrayBounds ?? []).length > 0) return false;
  const name = lastName(typeName?.names);
  return name !== undefined && names.includes(name);
}

/**
 * Peel casts that keep one value per tenant key: to uuid and to text. Other casts could map several
 * keys to one value (`::varchar(8)` truncates), so they end the match.
 */
function peelKeyCasts(node: unknown): unknown {
  const { node: inner, casts } = peelCasts(node);
  return casts.every((c) => isTypeNamed(c.typeName, ['uuid', 'text'])) ? inner : undefined;
}

/** The column a bare or qualified column reference names (`organisation_id`, `vendor.organisation_id`). */
function columnName(node: unknown): string | undefined {
  return lastName(nodeAs(peelKeyCasts(node), 'ColumnRef')?.fields);
}

/**
 * `current_setting('<setting>'[, missing_ok])`, cast to uuid or text. Setting names are
 * case-insensitive in PostgreSQL. With missing_ok an unset setting yields NULL, which matches no row.
 */
function isTenantSetting(node: unknown, setting: string): boolean {
  const call = nodeAs(peelKeyCasts(node), 'FuncCall');
  if (!call) return false;
  const fn = nameParts(call.funcname);
  if (fn[fn.length - 1] !== 'current_setting' || (fn.length === 2 && fn[0] !== 'pg_catalog') || fn.length > 2) return false;
  const args = call.args ?? [];
  if (args.length < 1 || args.length > 2) return false;
  const value = nodeAs(peelKeyCasts(args[0]), 'A_Const')?.sval?.sval;
  return typeof value === 'string' && value.toLowerCase() === setting.toLowerCase();
}

/**
 * `<tenantKey> = current_setting('<setting>')::uuid`: either way round, with `CAST(… AS uuid)`,
 * a table-qualified column, or `current_setting(…, true)`; also `<tenantKey> IN (<that setting>)`.
 */
export function isTenantEquality(node: unknown, tenantKey: string, setting: string): boolean {
  const e = nodeAs(node, 'A_Expr');
  if (!e) return false;
  if (e.kind === 'AEXPR_OP' && operatorName(e) === '=') {
    return (columnName(e.lexpr) === tenantKey && isTenantSetting(e.rexpr, setting)) || (columnName(e.rexpr) === tenantKey && isTenantSetting(e.lexpr, setting));
  }
  if (e.kind === 'AEXPR_IN' && operatorName(e) === '=') {
    const items: Node[] = nodeAs(e.rexpr, 'List')?.items ?? [];
    return columnName(e.lexpr) === tenantKey && items.length > 0 && items.every((i) => isTenantSetting(i, setting));
  }
  return false;
}

/**
 * True when the expression can only be true for rows of the current tenant: the equality, an AND
 * with the equality among its terms, or an OR whose every branch restricts.
 */
export function restrictsToTenant(node: unknown, tenantKey: string, setting: string): boolean {
  if (isTenantEquality(node, tenantKey, setting)) return true;
  const b = nodeAs(node, 'BoolExpr');
  const args = b?.args ?? [];
  if (b?.boolop === 'AND_EXPR') return args.some((a) => restrictsToTenant(a, tenantKey, setting));
  if (b?.boolop === 'OR_EXPR') return args.length > 0 && args.every((a) => restrictsToTenant(a, tenantKey, setting));
  return false;
}

/**
 * The columns a foreign key points at. `REFERENCES t` without a column list means t's primary key
 * (PostgreSQL resolves it when the constraint is created); `undefined` when that cannot be known.
 */
export function referencedColumns(fk: Constraint, lookup: (schema: string, name: string) => Table | undefined): string[] | undefined {
  const target = fk.references;
  if (!target) return undefined;
  if (target.columns.length > 0) return target.columns;
  const pk = lookup(target.schema, target.table)?.constraints.find((c) => c.kind === 'primary key');
  return pk?.columns;
}

/** A table the standard names (tenant root, users table): the one in the default schema, else the first of that name. */
export function standardTable(catalog: Catalog, name: string, defaultSchema: string): Table | undefined {
  const inDefault = catalog.tables.get(tableKey(defaultSchema, name));
  if (inDefault) return inDefault;
  for (const t of catalog.tables.values()) if (t.name === name) return t;
  return undefined;
}

/** How a column references the `id` of a table the standard names (users table, tenant root). */
export type KeyReference = { kind: 'ok'; fk: Constraint } | { kind: 'not valid'; fk: Constraint } | { kind: 'elsewhere'; fk: Constraint } | { kind: 'composite'; fk: Constraint } | { kind: 'none' };

/**
 * Whether `column` has a single-column foreign key to `target`'s id (`target.table` as found in the
 * catalog; when the migrations do not create it, it is matched by name and a bare `REFERENCES name` is
 * taken to mean its id). A valid such key wins; otherwise the nearest miss is returned.
 */
export function keyReference(table: Table, column: string, target: { name: string; table?: Table }, lookup: (schema: string, name: string) => Table | undefined): KeyReference {
  // One pass, no arrays: this runs for every audit and tenant column of every table.
  let firstKey: Constraint | undefined;
  let firstSingle: Constraint | undefined;
  let firstNotValid: Constraint | undefined;
  for (const c of table.constraints) {
    if (c.kind !== 'foreign key' || !c.columns.includes(column)) continue;
    firstKey ??= c;
    if (c.columns.length !== 1) continue;
    firstSingle ??= c;
    if (!referencesTargetId(c, target, lookup)) continue;
    if (!c.notValid) return { kind: 'ok', fk: c };
    firstNotValid ??= c;
  }
  if (firstNotValid) return { kind: 'not valid', fk: firstNotValid };
  if (firstSingle) return { kind: 'elsewhere', fk: firstSingle };
  if (firstKey) return { kind: 'composite', fk: firstKey };
  return { kind: 'none' };
}

function referencesTargetId(fk: Constraint, target: { name: string; table?: Table }, lookup: (schema: string, name: string) => Table | undefined): boolean {
  const ref = fk.references!;
  if (target.table ? ref.schema !== target.table.schema || ref.table !== target.table.name : ref.table !== target.name) return false;
  const cols = referencedColumns(fk, lookup);
  return cols === undefined ? !target.table : cols.length === 1 && cols[0] === 'id';
}

/** `"users" ("email")` or `"auth"."users"`: where a foreign key points, for messages. */
export function referenceText(fk: Constraint, defaultSchema: string, lookup: (schema: string, name: string) => Table | undefined): string {
  const ref = fk.references!;
  const name = ref.schema === defaultSchema ? `"${ref.table}"` : `"${ref.schema}"."${ref.table}"`;
  const cols = referencedColumns(fk, lookup);
  return cols ? `${name} (${cols.map((c) => `"${c}"`).join(', ')})` : name;
}

/** The value of a constant (`'draft'`, `5`, `2.5`, `true`), through any casts; undefined for anything else. */
export function constantValue(node: unknown): string | number | boolean | undefined {
  const c = nodeAs(withoutCasts(node), 'A_Const');
  if (!c) return undefined;
  // libpg-query leaves out zero values: `{ ival: {} }` is 0.
  if (c.sval) return c.sval.sval ?? '';
  if (c.ival) return c.ival.ival ?? 0;
  if (c.fval) return Number(c.fval.fval);
  if (c.boolval) return c.boolval.boolval ?? false;
  return undefined;
}
