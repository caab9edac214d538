import type { DoStmt, Node } from '@pgsql/types';
import { nodeAs } from '../../../model/ast.js';
import { tryParse } from '../parser.js';
import { splitStatements } from '../split.js';
import type { StatementContext } from './context.js';
import { selectStatement } from './misc.js';
import { typesCreatedInBody } from './user-types.js';

/**
 * `DO $$ … PERFORM create_hypertable(…) … $$`: the usual way to make a migration work with and
 * without TimescaleDB (and the way `ismslint sql` writes it). The block's other statements are
 * procedural code and are not replayed.
 */
export function doStatement(ctx: StatementContext, stmt: DoStmt): void {
  const language = option(stmt.args, 'language');
  const body = option(stmt.args, 'as');
  if (body) typesCreatedInBody(ctx, body);
  if (!body || (language && language !== 'plpgsql') || !/create_hypertable/i.test(body)) return;
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
