import type { Expr } from '../../model/catalog.js';
import { stripPositions } from '../../sources/sql/expr.js';
import { parseExpression } from '../../sources/sql/parser.js';
import { printExpr } from '../../sources/sql/print-expr.js';

/** The model holds something that cannot be written as SQL that reads back the same. */
export class SqlGenerationError extends Error {
  override name = 'SqlGenerationError';
}

/**
 * An expression as SQL, printed from its parse tree (never from its source text, which may hold a
 * `--` comment or anything else) and checked by parsing it back: the generated DDL must replay to
 * the same model, and an expression that would not is an error rather than silently different SQL.
 */
export function exprSql(expr: Expr, what: string): string {
  const want = JSON.stringify(stripPositions(expr.ast));
  const text = printExpr(expr.ast);
  const back = parseExpression(text);
  if ('error' in back || JSON.stringify(stripPositions(back.ast)) !== want) {
    throw new SqlGenerationError(`cannot write ${what} as SQL that reads back the same: ${text}`);
  }
  return text;
}
