import { scanTokens } from '../model/pg-wasm.js';

const keywordCache = new Map<string, string>();

/**
 * PostgreSQL's keyword category for a word, from the parser's own keyword list: RESERVED_KEYWORD,
 * TYPE_FUNC_NAME_KEYWORD, COL_NAME_KEYWORD, UNRESERVED_KEYWORD or NO_KEYWORD. Needs the parser loaded.
 */
export function keywordKind(word: string): string {
  // PostgreSQL's key words are lower-case letters and underscores only: anything else is no key word,
  // and is not cached (a big schema has hundreds of thousands of such names).
  if (!/^[a-z_]+$/.test(word)) return 'NO_KEYWORD';
  let kind = keywordCache.get(word);
  if (kind === undefined) {
    // A word of these letters always scans; a parser not loaded yet throws here rather than caching a
    // wrong answer that would leave key words unquoted for the rest of the run.
    const tokens = scanTokens(word).tokens;
    kind = tokens.length === 1 ? tokens[0]!.keywordName : 'NO_KEYWORD';
    keywordCache.set(word, kind);
  }
  return kind;
}

/** Words PostgreSQL will not accept as a bare table or column name. */
export function isReservedWord(word: string): boolean {
  const kind = keywordKind(word);
  return kind === 'RESERVED_KEYWORD' || kind === 'TYPE_FUNC_NAME_KEYWORD';
}

/** Look up many words with one scanner call (much faster than one call per word); later lookups hit the cache. */
export function primeKeywords(words: Iterable<string>): void {
  const unknown = [...new Set(words)].filter((w) => !keywordCache.has(w) && /^[a-z_]+$/.test(w));
  if (unknown.length === 0) return;
  try {
    const tokens = scanTokens(unknown.join(' ')).tokens;
    if (tokens.length !== unknown.length) return;
    unknown.forEach((w, i) => keywordCache.set(w, tokens[i]!.keywordName));
  } catch {
    // Left to the one-word path, which copes with anything the scanner rejects.
  }
}
