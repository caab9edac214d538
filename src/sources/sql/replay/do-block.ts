import type { DoStmt, Node } from '@pgsql/types';
import { nodeAs } from '../../../model/ast.js';
import type { ParsedStatement } from '../parser.js';
import { tryParse } from '../parser.js';
import { splitStatements } from '../split.js';
import type { StatementContext } from './context.js';
import { selectStatement } from './misc.js';
import { typesCreatedInBody } from './user-types.js';

/** A DDL statement in a plpgsql block: after BEGIN, THEN, ELSE or LOOP, or first in its piece. */
const DDL_IN_BLOCK = /(?:^|\b(?:begin|then|else|loop)\b)\s*(?=(?:create|alter|drop|comment)\b)/i;

/**
 * A DO block. Its DDL (drizzle-kit's `DO $$ BEGIN ALTER TABLE … ADD CONSTRAINT …; EXCEPTION WHEN
 * duplicate_object THEN null; END $$`, an index created IF NOT EXISTS in the catalog) is replayed; where
 * the block guards it (IF, EXCEPTION) the replay cannot tell what ran, so its errors are not reported.
 * The SQL of an `EXECUTE` of a constant string is replayed as if written there.
 * `PERFORM create_hypertable(…)` is read too: the usual way to make a migration work with and without
 * TimescaleDB (and the way `ismslint sql` writes it). Other procedural code is not replayed.
 */
export function doStatement(ctx: StatementContext, stmt: DoStmt, replay: (inner: ParsedStatement) => void): void {
  const language = option(stmt.args, 'language');
  const body = option(stmt.args, 'as');
  if (!body) return;
  if (!language || language === 'plpgsql') {
    replayBlockDdl(ctx, body, replay);
    if (/create_hypertable/i.test(body)) hypertables(ctx, body);
  }
  typesCreatedInBody(ctx, body);
}

function replayBlockDdl(ctx: StatementContext, body: string, replay: (inner: ParsedStatement) => void): void {
  if (!/\b(?:create|alter|drop|comment)\b/i.test(body)) return;
  const guarded = /\b(?:if|exception)\b/i.test(body);
  const problems = ctx.state.problems.length;
  // Where the body is in the file (verbatim when dollar-quoted), so what it creates points into it.
  const found = ctx.file.text.indexOf(body, ctx.stmt.start);
  const bodyAt = found === -1 || found > ctx.stmt.end ? ctx.stmt.start : found;
  for (const span of splitStatements(body)) {
    const piece = body.slice(span.start, span.end);
    const dynamic = EXECUTE_IN_BLOCK.exec(piece);
    if (dynamic) {
      executeConstant(ctx, piece.slice(dynamic.index + dynamic[0].length), bodyAt + span.start + dynamic.index + dynamic[0].length, replay);
      continue;
    }
    const lead = DDL_IN_BLOCK.exec(piece);
    if (!lead) continue;
    const sql = piece.slice(lead.index + lead[0].length);
    const parsed = tryParse(sql);
    if ('error' in parsed || parsed.stmts.length !== 1) continue;
    const start = bodyAt + span.start + lead.index + lead[0].length;
    const end = start + sql.length;
    replay({ node: parsed.stmts[0]!.stmt, start, end, offset: (b) => Math.min(end, start + Math.max(0, b ?? 0)) });
  }
  if (guarded) ctx.state.problems.length = problems;
}

/** PL/pgSQL's dynamic `EXECUTE <expression>`, as a statement of the block. */
const EXECUTE_IN_BLOCK = /(?:^|\b(?:begin|then|else|loop)\b)\s*execute\b/i;

/**
 * `EXECUTE` of a constant: a string literal (quoted, dollar-quoted, E'…') or `||` of such. Its SQL is
 * replayed as if written in the block. Anything else (`format(…)`, a variable, `USING`, `INTO`) is SQL the
 * replay cannot know: it is left alone, without a finding. `at` is the expression's offset in the file.
 */
function executeConstant(ctx: StatementContext, expression: string, at: number, replay: (inner: ParsedStatement) => void): void {
  const sql = constantString(expression);
  if (sql === undefined) return;
  // Where the literal is in the file as written (one literal, no escapes), positions inside it are exact;
  // otherwise everything the SQL does points at the expression.
  const lead = expression.length - expression.trimStart().length;
  const opener = /^(?:'|\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$)/.exec(expression.slice(lead))?.[0];
  const contentAt = opener === undefined ? -1 : at + lead + opener.length;
  const verbatim = contentAt >= 0 && ctx.file.text.startsWith(sql, contentAt) && ctx.file.text.startsWith(opener === "'" ? "'" : opener!, contentAt + sql.length);
  const exprStart = at + lead;
  for (const span of splitStatements(sql)) {
    const text = sql.slice(span.start, span.end);
    const parsed = tryParse(text);
    if ('error' in parsed) {
      const where = verbatim ? contentAt + span.start + Math.min(parsed.cursor, text.length) : exprStart;
      ctx.problem(`${parsed.error} (in the SQL that EXECUTE runs)`, ctx.file.span(where, where + 1));
      continue;
    }
    const start = verbatim ? contentAt + span.start : exprStart;
    const end = verbatim ? start + text.length : exprStart + expression.trim().length;
    for (const { stmt } of parsed.stmts) replay({ node: stmt, start, end, offset: verbatim ? (b) => Math.min(end, start + Math.max(0, b ?? 0)) : () => exprStart });
  }
}

/** The value of a constant string expression: literals joined by `||`; undefined for anything else. */
function constantString(expression: string): string | undefined {
  const parsed = tryParse(`SELECT ${expression}`);
  if ('error' in parsed || parsed.stmts.length !== 1) return undefined;
  const select = nodeAs(parsed.stmts[0]!.stmt, 'SelectStmt');
  // `SELECT 'x' INTO v` parses too: EXECUTE … INTO is not a constant statement.
  if (!select || select.intoClause || select.fromClause || select.whereClause || select.targetList?.length !== 1) return undefined;
  return fold(nodeAs(select.targetList[0], 'ResTarget')?.val);
}

function fold(node: Node | undefined): string | undefined {
  const constant = nodeAs(node, 'A_Const');
  if (constant) return constant.sval ? (constant.sval.sval ?? '') : undefined;
  const op = nodeAs(node, 'A_Expr');
  if (op?.kind !== 'AEXPR_OP' || op.name?.length !== 1 || nodeAs(op.name[0], 'String')?.sval !== '||') return undefined;
  const left = fold(op.lexpr);
  const right = left === undefined ? undefined : fold(op.rexpr);
  return right === undefined ? undefined : left! + right;
}

function hypertables(ctx: StatementContext, body: string): void {
  for (const span of splitStatements(body)) {
    const piece = body.slice(span.start, span.end);
    const perform = /\bperform\s+/i.exec(piece);
    if (!perform) continue;
    const parsed = tryParse('SELECT ' + piece.slice(perform.index + perform[0].length));
    if ('error' in parsed) continue;
    const select = parsed.stmts.length === 1 ? nodeAs(parsed.stmts[0]!.stmt, 'SelectStmt') : undefined;
    if (select) selectStatement(ctx, select);
  }
}

/** The text of a DO option (`LANGUAGE plpgsql`, the body): a DefElem whose argument is a string. */
function option(args: Node[] | undefined, name: string): string | undefined {
  for (const a of args ?? []) {
    const def = nodeAs(a, 'DefElem');
    if (def?.defname === name) return nodeAs(def.arg, 'String')?.sval;
  }
  return undefined;
}
