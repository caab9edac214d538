/** One top-level statement's span: [start, end) in UTF-16 offsets, without the terminating semicolon. */
export interface StatementSpan {
  start: number;
  end: number;
}

/**
 * Split SQL text at top-level semicolons, honouring PostgreSQL's lexical rules: quoted strings
 * (with E'' backslash escapes), quoted identifiers, dollar quoting, line comments and nested block
 * comments. Spans that hold only white space and comments are dropped. `onComment` sees every comment
 * outside strings, e.g. to find suppression directives.
 *
 * The text is read as psql reads a script (`psql -f`): a backslash outside a string, quoted identifier,
 * dollar quote or comment starts a meta-command (`\restrict`, `\connect`, `\set` …), which is psql's, not
 * SQL, and runs to the end of its line or to a `\\`. `onMeta` sees each one's [start, end); a statement
 * around one is still one statement (withoutMetaCommands blanks it out of the text the parser sees).
 * `\g` and its kin send the statement as `;` does, `\r` discards it, and `\copy … from stdin` is
 * followed by rows up to `\.`, as `COPY … FROM stdin;` is.
 */
export function splitStatements(text: string, onComment?: (start: number, end: number) => void, onMeta?: (start: number, end: number) => void): StatementSpan[] {
  const spans: StatementSpan[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (hasCode) {
      // Inside a statement only these characters matter: let the regular expression engine find the next.
      SPECIAL.lastIndex = i;
      if (!SPECIAL.test(text)) break;
      i = SPECIAL.lastIndex - 1;
    }
    const c = text.charCodeAt(i);
    if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      const nl = text.indexOf('\n', i);
      onComment?.(i, nl === -1 ? n : nl);
      i = nl === -1 ? n : nl + 1;
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      const from = i;
      i = skipBlockComment(text, i);
      onComment?.(from, i);
      continue;
    }
    if (c === 59 /* ; */) {
      if (hasCode) spans.push({ start, end: i });
      // pg_dump's data: `COPY … FROM stdin;` is followed by rows up to a line `\.`, which are not SQL.
      i = hasCode && isCopyFromStdin(text, start, i) ? endOfCopyData(text, i + 1) : i + 1;
      start = i;
      hasCode = false;
      continue;
    }
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12) {
      i++;
      continue;
    }
    if (c === 92 /* \ */) {
      const meta = metaCommand(text, i);
      onMeta?.(i, meta.end);
      if (meta.effect === 'send' && hasCode) spans.push({ start, end: i });
      if (meta.effect !== 'none') hasCode = false;
      i = meta.end;
      if (!hasCode) start = i;
      continue;
    }
    if (!hasCode) {
      start = i;
      hasCode = true;
    }
    if (c === 39 /* ' */) {
      const escaped = i > 0 && (text[i - 1] === 'E' || text[i - 1] === 'e') && !isIdentChar(text.charCodeAt(i - 2));
      i = skipQuoted(text, i, 39, escaped);
    } else if (c === 34 /* " */) {
      i = skipQuoted(text, i, 34, false);
    } else if (c === 36 /* $ */ && !isIdentChar(text.charCodeAt(i - 1))) {
      i = skipDollarQuoted(text, i);
    } else {
      i++;
    }
  }
  if (hasCode) spans.push({ start, end: n });
  return spans;
}

/** The statements' spans, and the comments' and meta-commands' [start, end) pairs, flattened, of a whole file. */
export function splitWithComments(text: string): { spans: StatementSpan[]; comments: number[]; meta: number[] } {
  const comments: number[] = [];
  const meta: number[] = [];
  const spans = splitStatements(
    text,
    (start, end) => comments.push(start, end),
    (start, end) => meta.push(start, end),
  );
  return { spans, comments, meta };
}

/**
 * The text as PostgreSQL receives it from psql: each meta-command ([start, end) pairs in `meta`) replaced
 * by spaces, so that every offset, line and column stays where it is in the file.
 */
export function withoutMetaCommands(text: string, meta: number[]): string {
  if (meta.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < meta.length; k += 2) {
    const start = meta[k]!;
    const end = meta[k + 1]!;
    parts.push(text.slice(at, start));
    parts.push(' '.repeat(end - start));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** What a meta-command does to the statement being gathered: `send` and `reset` end it. */
type MetaEffect = 'none' | 'send' | 'reset';

/** psql's commands that send the query buffer to the server, as `;` does. */
const SENDS = new Set(['g', 'gx', 'gset', 'gexec', 'crosstabview', 'watch']);
/** Commands whose argument is the whole rest of the line, `\\` included. */
const WHOLE_LINE = new Set(['copy', '!']);

/**
 * The meta-command at `i` (a backslash) and its effect. psql reads a meta-command's arguments from its
 * line only: it ends before the line break, or after a `\\` outside quotes (SQL follows on the line).
 */
function metaCommand(text: string, i: number): { end: number; effect: MetaEffect } {
  // `\;` and `\:` are psql's escapes for a literal `;` (sent together with what follows) and `:`.
  const next = text.charCodeAt(i + 1);
  if (next === 59 /* ; */) return { end: i + 2, effect: 'send' };
  if (next === 58 /* : */) return { end: i + 1, effect: 'none' };
  const nl = text.indexOf('\n', i);
  const lineEnd = nl === -1 ? text.length : text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  let j = i + 1;
  while (j < lineEnd && !/[\s\\]/.test(text[j]!)) j++;
  const name = text.slice(i + 1, j);
  const wholeLine = WHOLE_LINE.has(name);
  while (j < lineEnd && !wholeLine) {
    const c = text.charCodeAt(j);
    if (c === 92 && text.charCodeAt(j + 1) === 92) {
      j += 2;
      break;
    }
    // Quoted arguments: 'with \-escapes', "identifiers" and `shell commands`.
    if (c === 39 || c === 34 || c === 96) j = Math.min(lineEnd, skipQuoted(text, j, c, c === 39));
    else j++;
  }
  if (wholeLine) j = lineEnd;
  if (SENDS.has(name)) return { end: j, effect: 'send' };
  if (name === 'r' || name === 'reset') return { end: j, effect: 'reset' };
  if (name === 'copy' && /\bfrom\s+stdin\b/i.test(text.slice(i, j))) return { end: endOfCopyData(text, j), effect: 'none' };
  return { end: j, effect: 'none' };
}

const COPY_FROM_STDIN = /copy\b[^;]*?\bfrom\s+stdin\b/iy;

function isCopyFromStdin(text: string, start: number, end: number): boolean {
  // Only a statement starting with COPY is looked at twice, and nothing is copied to look.
  if ((text.charCodeAt(start) | 32) !== 99 /* c */ || (text.charCodeAt(start + 1) | 32) !== 111 /* o */) return false;
  COPY_FROM_STDIN.lastIndex = start;
  return COPY_FROM_STDIN.test(text) && COPY_FROM_STDIN.lastIndex <= end;
}

const END_OF_COPY_DATA = /^\\\.[ \t\r]*$/gm;

/** Just after the `\.` line that ends COPY data beginning at `from` (or the end of the text). */
function endOfCopyData(text: string, from: number): number {
  END_OF_COPY_DATA.lastIndex = from;
  const m = END_OF_COPY_DATA.exec(text);
  return m ? m.index + m[0].length : text.length;
}

/** What can start a comment, a quoted string or identifier or a meta-command, or end a statement. */
const SPECIAL = /[-/;'"$\\]/g;

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}

function skipBlockComment(text: string, i: number): number {
  let depth = 0;
  const n = text.length;
  while (i < n) {
    if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return n;
}

function skipQuoted(text: string, i: number, quote: number, backslashEscapes: boolean): number {
  const n = text.length;
  i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (backslashEscapes && c === 92) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (text.charCodeAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return n;
}

const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

function skipDollarQuoted(text: string, i: number): number {
  DOLLAR_TAG.lastIndex = i;
  const m = DOLLAR_TAG.exec(text);
  if (!m) return i + 1;
  const tag = m[0];
  const close = text.indexOf(tag, i + tag.length);
  return close === -1 ? text.length : close + tag.length;
}
