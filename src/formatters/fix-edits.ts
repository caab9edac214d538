import type { Fix } from '../engine/finding.js';
import { jsoncParser } from '../engine/lazy.js';
import type { SourceFile } from '../sources/source-file.js';

/** A change to one file's text, as ESLint and SARIF describe fixes: replace `length` characters at `offset` with `text`. */
export interface TextEdit {
  file: string;
  offset: number;
  length: number;
  text: string;
}

/**
 * The text edits that apply a fix: an SQL fix is inserted into its new migration file (empty until
 * written); a JSON edit becomes the edits of the schema.json text. None when the file is unknown.
 */
export function fixEdits(fix: Fix, sources: ReadonlyMap<string, SourceFile>): TextEdit[] {
  if (fix.kind === 'sql') return fix.file === undefined ? [] : [{ file: fix.file, offset: 0, length: 0, text: `${fix.sql};\n` }];
  const source = sources.get(fix.file);
  if (!source) return [];
  const path = fix.op === 'append' ? [...fix.path, -1] : fix.path;
  const edits = jsoncParser().modify(source.text, path, fix.value, {
    isArrayInsertion: fix.op === 'append',
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: source.text.includes('\r\n') ? '\r\n' : '\n' },
  });
  return edits.map((e) => ({ file: fix.file, offset: e.offset, length: e.length, text: e.content }));
}
