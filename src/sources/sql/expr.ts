import type { A_Const, FuncCall, TypeCast, TypeName } from '@pgsql/types';
import { lastName, nameParts, nodeAs } from '../../model/ast.js';
import type { Expr } from '../../model/catalog.js';
import type { Location } from '../../model/location.js';
import { normaliseTypeName } from '../../model/types.js';
import { sqlIdent } from '../../model/names.js';
import { printExpr } from './print-expr.js';

export { printExpr };

// Every byte-offset field of libpg-query's nodes (see @pgsql/types): `list_start`/`list_end` are ARRAY[…]'s brackets.
const POSITION_KEYS = new Set(['location', 'name_location', 'list_start', 'list_end', 'rexpr_list_start', 'rexpr_list_end', 'stmt_location', 'stmt_len']);

/** Copy of a parse tree without source positions, so that equal expressions are equal. */
export function stripPositions(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const leaf = sharedLeaf(node as Record<string, unknown>);
  if (leaf) return leaf;
  if (Array.isArray(node)) {
    const out = new Array(node.length);
    for (let i = 0; i < node.length; i++) out[i] = stripPositions(node[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in node) if (!POSITION_KEYS.has(k)) out[k] = stripPositions((node as Record<string, unknown>)[k]);
  return out;
}

function deepFreeze<T>(node: T): T {
  if (typeof node === 'object' && node !== null && !Object.isFrozen(node)) {
    for (const v of Object.values(node)) deepFreeze(v);
    Object.freeze(node);
  }
  return node;
}

const leaves = new Map<string, object>();

/**
 * Name and string-constant leaves (`{sval}`, `{String: {sval}}`) are most of an expression tree and
 * repeat across tables: share one frozen object per value.
 */
function sharedLeaf(node: Record<string, unknown>): object | undefined {
  const inner = node.String as Record<string, unknown> | undefined;
  const wrapped = inner !== undefined && Object.keys(node).length === 1;
  const target = wrapped ? inner : node;
  const keys = Object.keys(target);
  if (keys.length !== 1 || keys[0] !== 'sval' || typeof target.sval !== 'string') return undefined;
  const key = (wrapped ? 'S' : 's') + target.sval;
  let shared = leaves.get(key);
  if (!shared) leaves.set(key, (shared = Object.freeze(wrapped ? { String: Object.freeze({ sval: target.sval }) } : { sval: target.sval })));
  return shared;
}

const sharedTrees = new Map<string, unknown>();

/** The tree's JSON without its position fields: equal for equal expressions. Built without copying the tree. */
function positionFreeKey(node: unknown): string {
  // A string is written after its length, so that no content can end it early.
  if (typeof node !== 'object' || node === null) return typeof node === 'string' ? `${node.length}"${node}` : String(node);
  if (Array.isArray(node)) {
    let out = '[';
    for (let i = 0; i < node.length; i++) out += (i === 0 ? '' : ',') + positionFreeKey(node[i]);
    return out + ']';
  }
  let out = '{';
  for (const k in node) {
    if (POSITION_KEYS.has(k)) continue;
    out += (out.length === 1 ? '' : ',') + k + ':' + positionFreeKey((node as Record<string, unknown>)[k]);
  }
  return out + '}';
}

/** An expression whose text is printed on first use: most expressions are only ever compared. */
class ParsedExpr implements Expr {
  private printed: string | undefined = undefined;

  constructor(
    readonly ast: unknown,
    readonly loc: Location,
  ) {}

  get text(): string {
    return (this.printed ??= printExpr(this.ast));
  }
}

/** Equal trees (the same default, check or policy on every table) share one frozen tree. */
export function makeExpr(ast: unknown, loc: Location): Expr {
  const key = positionFreeKey(ast);
  let clean = sharedTrees.get(key);
  if (clean === undefined) sharedTrees.set(key, (clean = deepFreeze(stripPositions(ast))));
  return new ParsedExpr(clean, loc);
}

/**
 * The expression after `ALTER TABLE … RENAME COLUMN from TO to`: PostgreSQL stores column references
 * by number, so CHECKs, index expressions and policies follow the rename. References inside
 * subqueries may name other tables' columns and are left alone.
 */
export function renameColumnRefs(expr: Expr, from: string, to: string): Expr {
  let changed = false;
  const visit = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(visit);
    if (!n || typeof n !== 'object' || nodeAs(n, 'SubLink')) return n;
    const ref = nodeAs(n, 'ColumnRef');
    const fields = ref?.fields;
    if (fields && lastName(fields) === from) {
      changed = true;
      return { ColumnRef: { ...ref, fields: [...fields.slice(0, -1), { String: { sval: to } }] } };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) out[k] = visit(v);
    return out;
  };
  const ast = visit(expr.ast);
  return changed ? new ParsedExpr(ast, expr.loc) : expr;
}

/** A `nextval('name')` or `nextval('name'::regclass)` call: its nodes and the literal's name parts. */
export function nextvalCall(node: unknown): { call: FuncCall; cast?: TypeCast; constant: A_Const; parts: string[] } | undefined {
  const call = nodeAs(node, 'FuncCall');
  if (!call || lastName(call.funcname) !== 'nextval' || call.args?.length !== 1) return undefined;
  const cast = nodeAs(call.args[0], 'TypeCast');
  const constant = nodeAs(cast ? cast.arg : call.args[0], 'A_Const');
  const literal = constant?.sval?.sval;
  const parts = literal === undefined ? undefined : regclassParts(literal);
  return parts && constant ? { call, cast, constant, parts } : undefined;
}

/**
 * The expression after `ALTER SEQUENCE … RENAME TO`: `nextval('name')` holds the sequence's oid, so a
 * default follows the rename. `isRenamed` tells from a literal's name parts whether it is the sequence.
 */
export function renameSequenceRefs(expr: Expr, isRenamed: (parts: string[]) => boolean, to: string): Expr {
  let changed = false;
  const visit = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(visit);
    if (!n || typeof n !== 'object') return n;
    const found = nextvalCall(n);
    if (found && isRenamed(found.parts)) {
      changed = true;
      const renamed = [...found.parts.slice(0, -1), to].map(sqlIdent).join('.');
      const arg = { A_Const: { ...found.constant, sval: { sval: renamed } } };
      return { FuncCall: { ...found.call, args: [found.cast ? { TypeCast: { ...found.cast, arg } } : arg] } };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) out[k] = visit(v);
    return out;
  };
  const ast = visit(expr.ast);
  return changed ? new ParsedExpr(ast, expr.loc) : expr;
}

/** True when the expression calls nextval() of a sequence `matches` accepts (by its literal's name parts). */
export function callsNextval(expr: Expr, matches: (parts: string[]) => boolean): boolean {
  const visit = (n: unknown): boolean => {
    if (Array.isArray(n)) return n.some(visit);
    if (!n || typeof n !== 'object') return false;
    const found = nextvalCall(n);
    return (found !== undefined && matches(found.parts)) || Object.values(n).some(visit);
  };
  return visit(expr.ast);
}

/** The parts of a regclass literal (`'s.name'`, `'"Mixed"'`), as PostgreSQL reads it; undefined if it is not a name. */
function regclassParts(literal: string): string[] | undefined {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*))\s*(\.|$)/y;
  for (let m = re.exec(literal); m; m = re.exec(literal)) {
    parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.toLowerCase());
    if (m[3] === '') return re.lastIndex === literal.length ? parts : undefined;
  }
  return undefined;
}

/**
 * Expression with casts and redundant wrapping peeled away and identifiers unqualified: the form
 * in which two spellings of the same condition (`x::uuid`, `CAST(x AS uuid)`, `t.col`) compare equal.
 */
export function canonicalExpr(ast: unknown): string {
  return JSON.stringify(canon(ast));
}

function canon(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(canon);
  if (!node || typeof node !== 'object') return node;
  const ref = nodeAs(node, 'ColumnRef');
  if (ref) {
    const fields = ref.fields ?? [];
    return { ColumnRef: { fields: [fields[fields.length - 1]] } };
  }
  const call = nodeAs(node, 'FuncCall');
  if (call) {
    const name = lastName(call.funcname);
    const args = canon(call.args ?? []);
    return { FuncCall: { name: name === 'now' ? 'current_timestamp' : name, args } };
  }
  if (nodeAs(node, 'SQLValueFunction')?.op === 'SVFOP_CURRENT_TIMESTAMP') {
    return { FuncCall: { name: 'current_timestamp', args: [] } };
  }
  const cast = nodeAs(node, 'TypeCast');
  if (cast) {
    return { TypeCast: { arg: canon(cast.arg), type: typeNameText(cast.typeName) } };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (!POSITION_KEYS.has(k)) out[k] = canon(v);
  return out;
}

export function typeNameText(typeName: TypeName | undefined): string {
  const names = nameParts(typeName?.names);
  const base = normaliseTypeName(names.join('.'));
  const mods = (typeName?.typmods ?? []).map((m) => nodeAs(m, 'A_Const')?.ival?.ival ?? nodeAs(m, 'A_Const')?.ival ?? '?');
  const arr = (typeName?.arrayBounds ?? []).length;
  return base + (mods.length ? `(${mods.join(',')})` : '') + '[]'.repeat(arr);
}
