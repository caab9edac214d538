import { jsoncParser } from '../engine/lazy.js';
import type { DeclaredWaiver } from './waivers.js';

interface TableDoc {
  name?: unknown;
  schema?: unknown;
  waivers?: Array<Record<string, unknown>>;
}

/** The waivers a schema.json declares, each with its line; a document that does not parse declares none. */
export function declaredWaivers(file: string, text: string, module: string, defaultSchema: string): DeclaredWaiver[] {
  const jsonc = jsoncParser();
  const root = jsonc.parseTree(text);
  if (!root) return [];
  const value = jsonc.getNodeValue(root) as { tables?: TableDoc[] } | undefined;
  if (!value || !Array.isArray(value.tables)) return [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const out: DeclaredWaiver[] = [];
  value.tables.forEach((t, ti) => {
    if (!t || typeof t.name !== 'string' || !Array.isArray(t.waivers)) return;
    t.waivers.forEach((w, wi) => {
      if (!w || typeof w.rule !== 'string' || typeof w.expires !== 'string') return;
      const node = jsonc.findNodeAtLocation(root, ['tables', ti, 'waivers', wi]);
      out.push({
        module,
        schema: typeof t.schema === 'string' ? t.schema : defaultSchema,
        table: t.name as string,
        column: typeof w.column === 'string' ? w.column : undefined,
        rule: w.rule,
        reason: typeof w.reason === 'string' ? w.reason : '',
        approvedBy: typeof w.approvedBy === 'string' ? w.approvedBy : '',
        expires: w.expires,
        file,
        line: node ? lineOf(node.offset) : 1,
      });
    });
  });
  return out;
}
