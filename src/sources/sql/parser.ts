import type { Node } from '@pgsql/types';
import { nodeAs } from '../../model/ast.js';
import { loadPgQuery, parseToJson, type PgSyntaxError } from '../../model/pg-wasm.js';
import type { ParsedAheadFile } from './parse-ahead.js';
import { splitWithComments, withoutMetaCommands, type StatementSpan } from './split.js';

/** Load the PostgreSQL parser (WASM) once; every other function here needs it loaded. */
export function loadParser(): Promise<void> {
  return loadPgQuery();
}

/** A statement parse tree plus the means to turn its byte locations into offsets in the file. */
export interface ParsedStatement {
  /** e.g. `{ CreateStmt: {...} }` */
  node: Node;
  /** UTF-16 offset of the statement in the file. */
  start: number;
  end: number;
  /** Converts a libpg-query `location` (UTF-8 bytes from the statement start) to a file offset. */
  offset(byteLocation: number | undefined): number;
}

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
}

export interface ParsedFile {
  statements: ParsedStatement[];
  errors: SyntaxProblem[];
}

const NON_ASCII = /[^\x00-\x7f]/;

function byteMapper(text: string, start: number, ascii = !NON_ASCII.test(text)): (b: number | undefined) => number {
  if (ascii) return (b) => start + Math.max(0, b ?? 0);
  const bytes = Buffer.from(text, 'utf8');
  return (b) => {
    const at = Math.max(0, Math.min(b ?? 0, bytes.length));
    return start + bytes.subarray(0, at).toString('utf8').length;
  };
}

/**
 * Parse each top-level statement on its own, so that one syntax error costs one statement and the
 * rest of the file is still read (PostgreSQL itself would stop at the first).
 */
export function parseSqlFile(text: string): ParsedFile {
  const errors: SyntaxProblem[] = [];
  const { spans, meta } = splitWithComments(text);
  const statements = [...iterateSqlFile(withoutMetaCommands(text, meta), errors, spans)];
  return { statements, errors };
}

/**
 * The same, one statement at a time: a caller that replays each statement before asking for the
 * next lets its parse tree die young, instead of holding a whole file's trees at once. Syntax errors
 * are appended to `errors` as they are met. `text` is the file without its psql meta-commands
 * (withoutMetaCommands), `spans` its statements.
 */
export function* iterateSqlFile(text: string, errors: SyntaxProblem[], spans: StatementSpan[], parsedAhead?: ParsedAheadFile['result']): Generator<ParsedStatement> {
  // Bytes are characters in every statement of an ASCII file: one test for the file, not one per statement.
  const ascii = !NON_ASCII.test(text);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    let end = span.end;
    let sql = text.slice(span.start, end);
    let result = takeOrParse(sql, parsedAhead, i);
    // `BEGIN ATOMIC … END` bodies hold semicolons of their own: join the following pieces back on. So do
    // other dialects' inline trigger and function bodies, which are then one error, not one per line.
    if ('error' in result && (/\bbegin\s+atomic\b/i.test(sql) || INLINE_BODY.test(sql))) {
      for (let j = i + 1; j < spans.length && j <= i + 500; j++) {
        const joined = text.slice(span.start, spans[j]!.end);
        const retry = tryParse(joined);
        if (!('error' in retry)) {
          result = retry;
          sql = joined;
          end = spans[j]!.end;
          i = j;
          break;
        }
        if (!/at end of input/.test(retry.error)) {
          // A real error inside the body: report it once, and resume after the body's own `END`.
          const k = spans.findIndex((s, n) => n >= j && n <= i + 500 && /^\s*end\s*$/i.test(text.slice(s.start, s.end)));
          if (k !== -1) {
            result = retry;
            sql = joined;
            end = spans[j]!.end;
            i = k;
          }
          break;
        }
      }
    }
    if ('error' in result) {
      const at = span.start + utf16Offset(sql, result.cursor);
      errors.push({ message: shortenNear(result.error) + mysqlHint(sql), start: at, end: tokenEnd(text, at, end) });
      continue;
    }
    const offset = byteMapper(sql, span.start, ascii || undefined);
    for (const raw of result.stmts) {
      yield { node: raw.stmt, start: span.start, end, offset };
    }
  }
}

/**
 * The statement as the parser thread delivered it, or parsed here. A function of its own: the main
 * thread parses the first files itself, and the loop above would otherwise be optimised before any
 * delivered file arrives and deoptimised when one does.
 */
function takeOrParse(sql: string, parsedAhead: ParsedAheadFile['result'] | undefined, i: number): ReturnType<typeof tryParse> {
  const ahead = parsedAhead?.(i);
  if (ahead === undefined) return tryParse(sql);
  return fromParseResult(typeof ahead === 'string' ? { json: ahead } : { error: ahead });
}

export function tryParse(sql: string): { stmts: { stmt: Node }[] } | { error: string; cursor: number } {
  return fromParseResult(parseToJson(sql));
}

function fromParseResult(result: { json: string } | { error: PgSyntaxError }): { stmts: { stmt: Node }[] } | { error: string; cursor: number } {
  if ('error' in result) return { error: result.error.message, cursor: result.error.cursor };
  return { stmts: (JSON.parse(result.json).stmts ?? []) as { stmt: Node }[] };
}

/** libpg-query's cursorPosition counts characters (code points) from 0; our offsets are UTF-16 units. */
function utf16Offset(sql: string, codePoints: number): number {
  let units = 0;
  for (let n = 0; n < codePoints && units < sql.length; n++) units += sql.codePointAt(units)! > 0xffff ? 2 : 1;
  return units;
}

/** `at or near "…"` quotes the rest of the file for an unterminated string: keep its first line. */
function shortenNear(message: string): string {
  return message.replace(/( at or near ")([\s\S]*)"$/, (all, lead: string, near: string) => {
    const first = near.split('\n')[0]!.replace(/\r$/, '');
    return first === near && near.length <= 60 ? all : `${lead}${first.slice(0, 60)}…"`;
  });
}

function tokenEnd(text: string, at: number, limit: number): number {
  const m = /^("(?:[^"]|"")*"?|'(?:[^']|'')*'?|[A-Za-z0-9_$\u0080-\uffff]+|.)/s.exec(text.slice(at, Math.min(limit, at + 200)));
  const len = m ? m[0].length : 1;
  return Math.min(at + len, Math.max(limit, at + 1));
}

const INLINE_BODY = /^\s*create\s+(or\s+replace\s+)?(trigger|function|procedure)\b[\s\S]*\bbegin\b/i;

function mysqlHint(sql: string): string {
  if (/\b(UNIQUE\s+KEY|PRIMARY\s+KEY\s+\w+\s*\(|AUTO_INCREMENT|ENGINE\s*=|UNSIGNED)\b/i.test(sql)) {
    return ' (this looks like MySQL syntax; PostgreSQL declares indexes with CREATE INDEX and unique keys with UNIQUE (…) or CONSTRAINT name UNIQUE (…))';
  }
  if (/^\s*create\s+(or\s+replace\s+)?trigger\b/i.test(sql) && INLINE_BODY.test(sql)) {
    return ' (PostgreSQL triggers have no inline body: write it as CREATE FUNCTION … RETURNS trigger and use CREATE TRIGGER … EXECUTE FUNCTION …)';
  }
  return '';
}

/** Parse a lone SQL expression, e.g. a default or policy from schema.json. An error's `cursor` is a 0-based code-point offset into `sql`. */
export function parseExpression(sql: string): { ast: Node; offset: (b: number | undefined) => number } | { error: string; cursor: number } {
  const prefix = 'SELECT ';
  const r = tryParse(prefix + sql);
  if ('error' in r) return { error: r.error, cursor: Math.max(0, r.cursor - prefix.length) };
  const stmt = nodeAs(r.stmts[0]?.stmt, 'SelectStmt');
  const targets = stmt?.targetList;
  if (r.stmts.length !== 1 || !targets || targets.length !== 1 || stmt.fromClause || stmt.whereClause) {
    return { error: 'expected a single SQL expression', cursor: 0 };
  }
  const val = nodeAs(targets[0], 'ResTarget')?.val;
  if (!val) return { error: 'expected a single SQL expression', cursor: 0 };
  const offset = byteMapper(prefix + sql, -prefix.length);
  return { ast: val, offset };
}
