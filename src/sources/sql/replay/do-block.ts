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
export function doStatement(ctx: StatementContext, stmt: any): void {
  const args: any[] = stmt.args ?? [];
  const language = args.find((a) => a.DefElem?.defname === 'language')?.DefElem.arg?.String?.sval;
  const body: string | undefined = args.find((a) => a.DefElem?.defname === 'as')?.DefElem.arg?.String?.sval;
  if (body) typesCreatedInBody(ctx, body);
  if (!body || (language && language !== 'plpgsql') || !/create_hypertable/i.test(body)) return;
  for (const span of splitStatements(body)) {
    const piece = body.slice(span.start, span.end);
    const perform = /\bperform\s+/i.exec(piece);
    if (!perform) continue;
    const parsed = tryParse('SELECT ' + piece.slice(perform.index + perform[0].length));
    if ('error' in parsed) continue;
    const select = parsed.stmts.length === 1 ? parsed.stmts[0]!.stmt.SelectStmt : undefined;
    if (select) selectStatement(ctx, select);
  }
}
