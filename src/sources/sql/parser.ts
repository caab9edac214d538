import { loadModule, parseSync, scanSync } from 'libpg-query';
import { splitStatements } from './split.js';

let loaded: Promise<void> | undefined;

/** Load the PostgreSQL parser (WASM) once; every other function here needs it loaded. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/** A statement parse tree plus the means to turn its byte locations into offsets in the file. */
export interface ParsedStatement {
  /** e.g. `{ CreateStmt: {...} }` */
  node: Record<string, any>;
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

function byteMapper(text: string, start: number): (b: number | undefined) => number {
  if (!NON_ASCII.test(text)) return (b) => start + Math.max(0, b ?? 0);
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
  const spans = splitStatements(text);
  const statements: ParsedStatement[] = [];
  const errors: SyntaxProblem[] = [];
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    let end = span.end;
    let sql = text.slice(span.start, end);
    let result = tryParse(sql);
    // `BEGIN ATOMIC … END` bodies hold semicolons of their own: join the following pieces back on.
    if ('error' in result && /\bbegin\s+atomic\b/i.test(sql)) {
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
      }
    }
    if ('error' in result) {
      const at = span.start + Math.max(0, result.cursor - 1);
      errors.push({ message: result.error + mysqlHint(sql), start: at, end: tokenEnd(text, at, span.end) });
      continue;
    }
    const offset = byteMapper(sql, span.start);
    for (const raw of result.stmts) {
      statements.push({ node: raw.stmt, start: span.start, end, offset });
    }
  }
  return { statements, errors };
}

function tryParse(sql: string): { stmts: { stmt: Record<string, any> }[] } | { error: string; cursor: number } {
  try {
    return { stmts: (parseSync(sql).stmts ?? []) as { stmt: Record<string, any> }[] };
  } catch (e: any) {
    return { error: String(e?.sqlDetails?.message ?? e?.message ?? e), cursor: Number(e?.sqlDetails?.cursorPosition ?? 1) };
  }
}

function tokenEnd(text: string, at: number, limit: number): number {
  const m = /^("(?:[^"]|"")*"?|'(?:[^']|'')*'?|[A-Za-z0-9_$\u0080-\uffff]+|.)/s.exec(text.slice(at, Math.min(limit, at + 200)));
  const len = m ? m[0].length : 1;
  return Math.min(at + len, Math.max(limit, at + 1));
}

function mysqlHint(sql: string): string {
  if (/\b(UNIQUE\s+KEY|PRIMARY\s+KEY\s+\w+\s*\(|AUTO_INCREMENT|ENGINE\s*=|UNSIGNED)\b/i.test(sql)) {
    return ' (this looks like MySQL syntax; PostgreSQL declares indexes with CREATE INDEX and unique keys with UNIQUE (…) or CONSTRAINT name UNIQUE (…))';
  }
  return '';
}

const keywordCache = new Map<string, string>();

/** PostgreSQL's keyword category for a word: RESERVED_KEYWORD, TYPE_FUNC_NAME_KEYWORD, COL_NAME_KEYWORD, UNRESERVED_KEYWORD or NO_KEYWORD. */
export function keywordKind(word: string): string {
  let kind = keywordCache.get(word);
  if (kind === undefined) {
    kind = 'NO_KEYWORD';
    if (/^[a-z_][a-z0-9_$]*$/.test(word)) {
      try {
        const tokens = scanSync(word).tokens;
        if (tokens.length === 1) kind = tokens[0]!.keywordName;
      } catch {
        kind = 'NO_KEYWORD';
      }
    }
    keywordCache.set(word, kind);
  }
  return kind;
}

/** Words PostgreSQL will not accept as a bare table or column name. */
export function isReservedWord(word: string): boolean {
  const kind = keywordKind(word);
  return kind === 'RESERVED_KEYWORD' || kind === 'TYPE_FUNC_NAME_KEYWORD';
}

/** Parse a lone SQL expression, e.g. a default or policy from schema.json. */
export function parseExpression(sql: string): { ast: Record<string, any>; offset: (b: number | undefined) => number } | { error: string; cursor: number } {
  const prefix = 'SELECT ';
  const r = tryParse(prefix + sql);
  if ('error' in r) return { error: r.error, cursor: Math.max(1, r.cursor - prefix.length) };
  const stmt = r.stmts[0]?.stmt?.SelectStmt;
  const targets = stmt?.targetList;
  if (r.stmts.length !== 1 || !targets || targets.length !== 1 || stmt.fromClause || stmt.whereClause) {
    return { error: 'expected a single SQL expression', cursor: 1 };
  }
  const offset = byteMapper(prefix + sql, -prefix.length);
  return { ast: targets[0].ResTarget.val, offset };
}
