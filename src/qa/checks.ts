/**
 * What a table's CHECK constraints allow for one column, read from their parse trees: a value list
 * (`status IN ('draft', …)`, `= ANY (ARRAY[…])`) or numeric bounds (`>=`, `<`, BETWEEN). Values are SQL
 * expressions; anything else is left to the row generator's defaults.
 */
import type { A_Expr, Node } from '@pgsql/types';
import { lastName, nodeAs, withoutCasts } from '../model/ast.js';
import type { Constraint, Table } from '../model/catalog.js';
import { literal } from './runtime/sql.js';

export interface ColumnCheck {
  column: string;
  constraint: Constraint;
  /** A value the check accepts. */
  valid: string;
  /** A value of the right type that the check refuses. */
  invalid: string;
}

type Bound = { value: number; strict: boolean };

function columnOf(node: unknown): string | undefined {
  return lastName(nodeAs(withoutCasts(node), 'ColumnRef')?.fields);
}

function constOf(node: unknown): { text?: string; num?: number } | undefined {
  const c = nodeAs(withoutCasts(node), 'A_Const');
  if (!c || c.isnull) return undefined;
  if (c.sval) return { text: String(c.sval.sval ?? '') };
  if (c.ival) return { num: Number(c.ival.ival ?? 0) };
  if (c.fval) return { num: Number(c.fval.fval) };
  return undefined;
}

function opName(e: A_Expr | undefined): string | undefined {
  return lastName(e?.name);
}

/** The checks of each column that we can satisfy and violate on purpose. */
export function columnChecks(table: Table): ColumnCheck[] {
  const out: ColumnCheck[] = [];
  for (const c of table.constraints) {
    if (c.kind !== 'check' || !c.check || c.notValid) continue;
    const found = readCheck(c.check.ast);
    if (found) out.push({ ...found, constraint: c });
  }
  return out;
}

function readCheck(ast: unknown): Omit<ColumnCheck, 'constraint'> | undefined {
  const e = nodeAs(ast, 'A_Expr');
  if (e && opName(e) === '=' && (e.kind === 'AEXPR_IN' || e.kind === 'AEXPR_OP_ANY')) {
    const column = columnOf(e.lexpr);
    let items: Node[] = e.kind === 'AEXPR_IN' ? (nodeAs(e.rexpr, 'List')?.items ?? []) : [];
    if (e.kind === 'AEXPR_OP_ANY') items = nodeAs(withoutCasts(e.rexpr), 'A_ArrayExpr')?.elements ?? [];
    const values = items.map(constOf);
    if (!column || values.length === 0 || values.some((v) => v === undefined)) return undefined;
    if (values.every((v) => v!.text !== undefined)) {
      const texts = values.map((v) => v!.text!);
      let bad = 'ismslint_out_of_set';
      while (texts.includes(bad)) bad += '_';
      return { column, valid: literal(texts[0]!), invalid: literal(bad) };
    }
    if (values.every((v) => v!.num !== undefined)) {
      const nums = values.map((v) => v!.num!);
      return { column, valid: String(nums[0]), invalid: String(Math.max(...nums) + 1) };
    }
    return undefined;
  }
  const bounds = numericBounds(ast);
  if (bounds) {
    const { column, lo, hi } = bounds;
    const valid = lo ? (lo.strict ? lo.value + 1 : lo.value) : hi ? (hi.strict ? hi.value - 1 : hi.value) : undefined;
    const invalid = lo ? lo.value - 1 : hi ? hi.value + 1 : undefined;
    if (valid === undefined || invalid === undefined) return undefined;
    if (hi && valid > hi.value) return undefined;
    return { column, valid: String(valid), invalid: String(invalid) };
  }
  return undefined;
}

/** `col >= 1`, `col <= 5`, `col BETWEEN 1 AND 5`, and ANDs of them, on one column. */
function numericBounds(ast: unknown): { column: string; lo?: Bound; hi?: Bound } | undefined {
  const and = nodeAs(ast, 'BoolExpr');
  const terms: unknown[] = and?.boolop === 'AND_EXPR' ? (and.args ?? []) : [ast];
  let column: string | undefined;
  let lo: Bound | undefined;
  let hi: Bound | undefined;
  for (const t of terms) {
    const e = nodeAs(t, 'A_Expr');
    if (!e) return undefined;
    if (e.kind === 'AEXPR_BETWEEN') {
      const col = columnOf(e.lexpr);
      const rexpr: unknown = e.rexpr;
      const [a, b] = (nodeAs(rexpr, 'List')?.items ?? (Array.isArray(rexpr) ? rexpr : [])).map(constOf);
      if (!col || a?.num === undefined || b?.num === undefined || (column && column !== col)) return undefined;
      column = col;
      lo = { value: a.num, strict: false };
      hi = { value: b.num, strict: false };
      continue;
    }
    if (e.kind !== 'AEXPR_OP') return undefined;
    let op = opName(e);
    let col = columnOf(e.lexpr);
    let k = constOf(e.rexpr);
    if (!col) {
      col = columnOf(e.rexpr);
      k = constOf(e.lexpr);
      op = op === '>' ? '<' : op === '<' ? '>' : op === '>=' ? '<=' : op === '<=' ? '>=' : op;
    }
    if (!col || k?.num === undefined || (column && column !== col)) return undefined;
    column = col;
    if (op === '>' || op === '>=') lo = { value: k.num, strict: op === '>' };
    else if (op === '<' || op === '<=') hi = { value: k.num, strict: op === '<' };
    else return undefined;
  }
  return column ? { column, lo, hi } : undefined;
}

/** Column → a value its CHECKs accept. */
export function checkChoices(table: Table): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of columnChecks(table)) if (!out.has(c.column)) out.set(c.column, c.valid);
  return out;
}

/**
 * Column → a regular expression (`col ~ '…'`) its CHECKs require, NOT VALID ones included: PostgreSQL
 * checks those on every new row.
 */
export function checkPatterns(table: Table): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: unknown): void => {
    const and = nodeAs(node, 'BoolExpr');
    if (and?.boolop === 'AND_EXPR') {
      (and.args ?? []).forEach(visit);
      return;
    }
    const e = nodeAs(node, 'A_Expr');
    if (e?.kind !== 'AEXPR_OP' || opName(e) !== '~') return;
    const column = columnOf(e.lexpr);
    const pattern = constOf(e.rexpr)?.text;
    if (column && pattern !== undefined && !out.has(column)) out.set(column, pattern);
  };
  for (const c of table.constraints) if (c.kind === 'check' && c.check) visit(c.check.ast);
  return out;
}
