import { scanSync } from 'libpg-query';

const keywordCache = new Map<string, string>();

/**
 * PostgreSQL's keyword category for a word, from the parser's own keyword list: RESERVED_KEYWORD,
 * TYPE_FUNC_NAME_KEYWORD, COL_NAME_KEYWORD, UNRESERVED_KEYWORD or NO_KEYWORD. Needs the parser loaded.
 */
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
