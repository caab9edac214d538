import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../engine/finding.js';
import { fixEdits, type TextEdit } from '../formatters/fix-edits.js';
import type { SourceFile } from '../sources/source-file.js';
import { writeFileAtomic } from './io.js';

/** How often `lint --fix` lints again to apply fixes that waited for others, as ESLint does. */
export const MAX_FIX_PASSES = 10;

/**
 * `lint --fix`: the JSON edits of the findings applied to their schema.json files, each written
 * atomically. Per file and pass, an edit that overlaps or touches one already taken waits for the next
 * pass (two fixes may each add the same missing object). A suppressed finding is not fixed, and neither
 * is a file that changed on disk since it was read. Returns how many fixes each file took.
 */
export function applyJsonFixes(findings: readonly Finding[], sources: ReadonlyMap<string, SourceFile>, cwd: string): Map<string, number> {
  const byFile = new Map<string, TextEdit[]>();
  for (const f of findings) {
    if (f.suppression || f.fix?.kind !== 'json') continue;
    for (const edit of fixEdits(f.fix, sources)) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  }
  const applied = new Map<string, number>();
  for (const [file, edits] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const source = sources.get(file);
    const path = resolve(cwd, file);
    const onDisk = readFileSync(path, 'utf8');
    const bom = onDisk.startsWith('\uFEFF') ? '\uFEFF' : '';
    if (!source || onDisk.slice(bom.length) !== source.text) continue;
    const taken = disjoint(edits);
    const eol = source.text.includes('\r\n') ? '\r\n' : '\n';
    let text = source.text;
    for (const e of [...taken].reverse()) text = text.slice(0, e.offset) + e.text.replace(/\r?\n/g, eol) + text.slice(e.offset + e.length);
    writeFileAtomic(path, bom + text, file);
    applied.set(file, taken.length);
  }
  return applied;
}

/** The edits in text order, leaving out each that overlaps or touches one before it. */
function disjoint(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  const taken: TextEdit[] = [];
  let end = -1;
  for (const e of sorted) {
    if (e.offset <= end) continue;
    taken.push(e);
    end = e.offset + e.length;
  }
  return taken;
}
