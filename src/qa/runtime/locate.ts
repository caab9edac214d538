/**
 * Where in a migration file the statement that failed is, when the server's error has no position
 * (`CREATE INDEX … (missing_column)` reports none): the file's statements are run one by one in a
 * transaction that is rolled back, and the first that fails with the same message is the one.
 */
import type { Database } from './database.js';
import { asDatabaseError } from './database.js';

export interface Location {
  line: number;
  column: number;
}

/** Line and column (1-based, in characters) of a UTF-16 index into `text`. */
function locationOfIndex(text: string, index: number): Location {
  const lines = text.slice(0, index).split('\n');
  return { line: lines.length, column: [...lines[lines.length - 1]!].length + 1 };
}

/** The UTF-16 index of a server error position (1-based, in characters) into `text`; undefined without one. */
function positionIndex(text: string, e: unknown): number | undefined {
  const position = Number((e as { position?: unknown })?.position);
  if (!Number.isInteger(position) || position < 1) return undefined;
  return [...text].slice(0, position - 1).join('').length;
}

/** Line and column of a server error's position in the text sent, when it has one. */
export function errorLocation(sql: string, e: unknown): Location | undefined {
  const index = positionIndex(sql, e);
  return index === undefined ? undefined : locationOfIndex(sql, index);
}

/**
 * The statements of a SQL text with their UTF-16 offsets, split at semicolons outside quotes, dollar
 * quotes and comments; each starts at its first token, so its line is the statement's.
 */
export function splitStatements(sql: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = -1;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (sql.startsWith('--', i)) {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol;
      continue;
    }
    if (sql.startsWith('/*', i)) {
      let depth = 0;
      do {
        if (sql.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (sql.startsWith('*/', i)) {
          depth--;
          i += 2;
        } else i++;
      } while (depth > 0 && i < sql.length);
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === ';') {
      out.push({ text: sql.slice(start, i + 1), start });
      start = -1;
      i++;
    } else if (c === "'" || c === '"') {
      const escapes = c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/[\w$]/.test(sql[i - 2] ?? '');
      i++;
      while (i < sql.length) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 64));
      if (!tag) {
        i++;
        continue;
      }
      const close = sql.indexOf(tag[0], i + tag[0].length);
      i = close < 0 ? sql.length : close + tag[0].length;
    } else i++;
  }
  if (start >= 0) out.push({ text: sql.slice(start), start });
  return out;
}

const TRANSACTION_CONTROL = /^(begin|commit|rollback|abort|end|start\s+transaction|savepoint|release|prepare\s+transaction)\b/i;

/** The location of the first statement that fails as the whole file did; undefined when none does alike. */
export async function locateFailure(db: Database, sql: string, message: string): Promise<Location | undefined> {
  const statements = splitStatements(sql);
  // A file that manages its own transactions may have committed part of itself: replaying it proves nothing.
  if (statements.some((s) => TRANSACTION_CONTROL.test(s.text))) return undefined;
  await db.exec('BEGIN');
  try {
    for (const s of statements) {
      try {
        await db.exec(s.text);
      } catch (e) {
        if (asDatabaseError(e).message !== message) return undefined;
        return locationOfIndex(sql, s.start + (positionIndex(s.text, e) ?? 0));
      }
    }
    return undefined;
  } finally {
    await db.exec('ROLLBACK').catch(() => {});
  }
}
