import type { Node, TypeName } from '@pgsql/types';
import { nameParts, nodeAs } from '../../model/ast.js';
import type { TypeRef } from '../../model/catalog.js';
import { makeTypeRef } from '../../model/types.js';
import { parseExpression } from '../sql/parser.js';
import { typeRefOf } from '../sql/replay/columns.js';

/** Why a piece of SQL text was rejected and at which UTF-16 index of the text (undefined: the whole text). */
export interface SqlTextError {
  message: string;
  index?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: SqlTextError };

/**
 * The UTF-16 index of the parser's cursor (a 0-based count of code points). An error "at end of
 * input" is placed just after the text, where the missing part belongs.
 */
function cursorIndex(text: string, error: string, cursor: number): number {
  if (/at end of input/.test(error)) return text.length;
  let index = 0;
  let chars = 0;
  for (const ch of text) {
    if (chars >= cursor) break;
    index += ch.length;
    chars++;
  }
  return index;
}

/** An expression, read by PostgreSQL's parser exactly as it would read it in DDL. */
export function parseSqlExpression(text: string): Parsed<{ ast: Node; offset: (byteLocation: number | undefined) => number }> {
  const r = parseExpression(text);
  if ('error' in r) {
    const single = r.error === 'expected a single SQL expression';
    return { ok: false, error: { message: single ? 'expected a single SQL expression, not a list or a query' : r.error, index: single ? undefined : cursorIndex(text, r.error, r.cursor) } };
  }
  return { ok: true, value: r };
}

const CAST_PREFIX = 'NULL::';

/**
 * A type name read as DDL reads it: `SELECT NULL::<type>` goes through the same grammar as a column
 * definition's type, so aliases, modifiers and array bounds normalise identically.
 */
export function parseTypeName(text: string): Parsed<TypeRef> {
  const r = parseExpression(CAST_PREFIX + text);
  if ('error' in r) {
    const index = r.error === 'expected a single SQL expression' ? undefined : Math.max(0, cursorIndex(CAST_PREFIX + text, r.error, r.cursor) - CAST_PREFIX.length);
    return { ok: false, error: { message: `not a PostgreSQL type (${r.error})`, index } };
  }
  const cast = nodeAs(r.ast, 'TypeCast');
  if (!cast || !nodeAs(cast.arg, 'A_Const')?.isnull) return { ok: false, error: { message: 'not a PostgreSQL type: write only the type, e.g. "text" or "varchar(255)"' } };
  // The equivalent DDL runs with the default search_path, so `public.` is left out as format_type() does.
  return { ok: true, value: typeRefOf(cast.typeName, ['public']).ref };
}

/** The parse tree of a type name that parseTypeName accepted, for checks that need the names as written. */
export function typeNameNode(text: string): TypeName | undefined {
  const r = parseExpression(CAST_PREFIX + text);
  return 'error' in r ? undefined : nodeAs(r.ast, 'TypeCast')?.typeName;
}

/** A type that could not be read still names the column's type in messages. */
export function fallbackType(text: string): TypeRef {
  return makeTypeRef(text.trim().toLowerCase());
}

/** Column references outside subqueries: PostgreSQL rejects them in a DEFAULT. */
export function columnReferences(ast: unknown): string[] {
  const out: string[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      if (nodeAs(n, 'SubLink')) return;
      const ref = nodeAs(n, 'ColumnRef');
      if (ref) {
        out.push(
          nameParts(ref.fields)
            .map((name) => name ?? '*')
            .join('.'),
        );
        return;
      }
      for (const v of Object.values(n)) if (typeof v === 'object') visit(v);
    }
  };
  visit(ast);
  return out;
}
