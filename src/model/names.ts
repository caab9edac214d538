import { isReservedWord, keywordKind } from './keywords.js';

/** PostgreSQL's NAMEDATALEN - 1: identifiers longer than this many bytes are silently truncated. */
export const MAX_IDENTIFIER_BYTES = 63;

export function byteLength(s: string): number {
  // Names are nearly always ASCII, where bytes are characters: no call into the runtime for those.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return Buffer.byteLength(s, 'utf8');
  return s.length;
}

/** Cut to at most `bytes` UTF-8 bytes without splitting a character (pg_mbcliplen). */
export function clipToBytes(s: string, bytes: number): string {
  if (byteLength(s) <= bytes) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = byteLength(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

export function truncateIdentifier(s: string): string {
  return clipToBytes(s, MAX_IDENTIFIER_BYTES);
}

/**
 * makeObjectName() from PostgreSQL's indexcmds.c: `name1_name2_label`, shortening the longer of
 * name1 and name2 one byte at a time until the whole fits in 63 bytes.
 */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  let name1chars = byteLength(name1);
  let name2chars = name2 ? byteLength(name2) : 0;
  let overhead = label ? byteLength(label) + 1 : 0;
  if (name2) overhead += 1;
  const avail = MAX_IDENTIFIER_BYTES - overhead;
  while (name1chars + name2chars > avail) {
    if (name1chars > name2chars) name1chars--;
    else name2chars--;
  }
  let result = clipToBytes(name1, name1chars);
  if (name2) result += '_' + clipToBytes(name2, name2chars);
  if (label) result += '_' + label;
  return result;
}

/**
 * ChooseRelationName/ChooseConstraintName: the first of `name_label`, `name_label1`, `name_label2`, …
 * that is not taken.
 */
export function chooseName(name1: string, name2: string | undefined, label: string, taken: (n: string) => boolean): string {
  for (let pass = 0; ; pass++) {
    const candidate = makeObjectName(name1, name2, pass === 0 ? label : `${label}${pass}`);
    if (!taken(candidate)) return candidate;
  }
}

/** ChooseForeignKeyConstraintNameAddition / ChooseIndexNameAddition: column names joined by `_`, cut near 63 bytes. */
export function columnsAddition(columns: string[]): string {
  let buf = '';
  for (const col of columns) {
    if (buf.length > 0) buf += '_';
    buf += truncateIdentifier(col);
    if (byteLength(buf) >= MAX_IDENTIFIER_BYTES + 1) break;
  }
  return buf;
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export function isSnakeCase(name: string): boolean {
  return SNAKE_CASE.test(name);
}

/** Quote an identifier for SQL output only where PostgreSQL needs it. */
export function quoteIdent(name: string, isReserved: (word: string) => boolean = () => false): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !isReserved(name)) return name;
  return '"' + name.replace(/"/g, '""') + '"';
}

/** An identifier as generated SQL writes it: quoted where PostgreSQL needs it, reserved words included. */
export function ident(name: string): string {
  return quoteIdent(name, isReservedWord);
}

/**
 * Quote where PostgreSQL's own quote_identifier() would: anything but a plain lower-case word (letters,
 * digits, `_`; a `$` is quoted) that is no key word or only an unreserved one. Column-name key words
 * such as `time` must be quoted too: bare, `time '…'` reads as a typed literal, and `time()` is no call.
 * Needs the parser loaded (its key-word list).
 */
export function sqlIdent(name: string): string {
  return quoteIdent(name, (w) => {
    if (w.includes('$')) return true;
    const kind = keywordKind(w);
    return kind !== 'NO_KEYWORD' && kind !== 'UNRESERVED_KEYWORD';
  });
}

export function quoteLiteral(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

/** A table as suggested SQL writes it: schema-qualified only outside the default schema, quoted where needed. */
export function sqlTableName(table: { schema: string; name: string }, defaultSchema: string): string {
  return table.schema === defaultSchema ? ident(table.name) : `${ident(table.schema)}.${ident(table.name)}`;
}
