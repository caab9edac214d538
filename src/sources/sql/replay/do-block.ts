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
