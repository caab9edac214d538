import type { Node } from 'jsonc-parser';
import type { Fix, JsonFix } from '../engine/finding.js';
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
 * written); a JSON edit becomes one edit of the schema.json text. None when the file is unknown.
 */
export function fixEdits(fix: Fix, sources: ReadonlyMap<string, SourceFile>): TextEdit[] {
  if (fix.kind === 'sql') return fix.file === undefined ? [] : [{ file: fix.file, offset: 0, length: 0, text: `${fix.sql};\n` }];
  const source = sources.get(fix.file);
  if (!source) return [];
  const edit = jsonEdit(source.text, treeOf(source), fix);
  return edit ? [{ file: fix.file, ...edit }] : [];
}

/** Each schema.json is parsed once for all its fixes: once per fix is quadratic where a big one has many. */
const trees = new WeakMap<SourceFile, Node | null>();

function treeOf(source: SourceFile): Node | undefined {
  let tree = trees.get(source);
  if (tree === undefined) trees.set(source, (tree = jsoncParser().parseTree(source.text) ?? null));
  return tree ?? undefined;
}

/** `{ "name": "x", "columns": ["a"] }`: one line, spaced as people write schema.json entries. */
function compact(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${compact(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/**
 * The smallest edit: replace a value that exists, or add after the last entry of the array or object
 * that exists (on a new line with its indentation when entries are one per line); what is missing in
 * between is written as one compact value.
 */
function jsonEdit(text: string, root: Node | undefined, fix: JsonFix): Omit<TextEdit, 'file'> | undefined {
  const jsonc = jsoncParser();
  if (!root) return undefined;
  const target = fix.path;
  // The deepest container on the path that exists, and what must be built below it.
  let depth = target.length;
  let node: Node | undefined;
  for (; depth >= 0; depth--) {
    node = jsonc.findNodeAtLocation(root, target.slice(0, depth));
    if (node) break;
  }
  if (!node) return undefined;
  if (depth === target.length) {
    if (fix.op === 'set') return { offset: node.offset, length: node.length, text: compact(fix.value) };
    if (node.type !== 'array') return undefined;
    return addEntry(text, node, compact(fix.value));
  }
  // Build the missing part from the inside out: set a.b.c on {a:{}} adds "b": { "c": value }.
  let value: unknown = fix.op === 'append' ? [fix.value] : fix.value;
  for (let i = target.length - 1; i > depth; i--) value = { [String(target[i])]: value };
  const key = target[depth];
  if (node.type !== 'object' || typeof key !== 'string') return undefined;
  return addEntry(text, node, `${JSON.stringify(key)}: ${compact(value)}`);
}

function addEntry(text: string, container: Node, entry: string): Omit<TextEdit, 'file'> {
  const children = container.children ?? [];
  const last = children[children.length - 1];
  if (!last) return { offset: container.offset + 1, length: 0, text: container.type === 'object' ? ` ${entry} ` : entry };
  const end = last.offset + last.length;
  const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
  const before = text.slice(lineStart, last.offset);
  // Entries one per line: the new one gets a line of its own, indented like the last.
  if (/^\s*$/.test(before)) return { offset: end, length: 0, text: `,\n${before}${entry}` };
  return { offset: end, length: 0, text: `, ${entry}` };
}
