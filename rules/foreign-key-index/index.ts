import { defineRule } from '../../src/engine/rule.js';
import { lastName, nodeAs } from '../../src/model/ast.js';
import type { Index } from '../../src/model/catalog.js';
import { foreignKeys } from '../../src/model/catalog.js';
import type { IndexLike } from '../../src/model/queries.js';
import { coveringIndex, indexLikes, leadsWith } from '../../src/model/queries.js';
import { suggestedIndex } from '../../src/model/suggested-names.js';

/** Columns an expression mentions. */
function mentionedColumns(ast: unknown): Set<string> {
  const out = new Set<string>();
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      const fields = nodeAs(n, 'ColumnRef')?.fields;
      const name = fields && lastName(fields);
      if (fields) {
        if (name !== undefined) out.add(name);
      } else Object.values(n).forEach(visit);
    }
  };
  visit(ast);
  return out;
}

/** Why an index on the foreign key's columns still does not serve it, or undefined when it is unrelated. */
function whyNotUsable(index: IndexLike, columns: string[]): string | undefined {
  const lead = index.keys.slice(0, columns.length);
  if (index.partial && leadsWith({ ...index, partial: false }, columns)) {
    const where = (index.source as Index).predicate?.text;
    return `"${index.name}" does not count: it is partial (WHERE ${where}), and the checks PostgreSQL runs when a referenced row is deleted or updated look rows up without that condition`;
  }
  const source = index.source as Index;
  if ('keys' in source && Array.isArray(source.keys)) {
    const exprs = source.keys.slice(0, columns.length).flatMap((k) => ('expr' in k ? [k.expr] : []));
    if (exprs.some((e) => columns.some((c) => mentionedColumns(e.ast).has(c)))) {
      return `"${index.name}" does not count: it indexes the expression ${exprs.map((e) => e.text).join(', ')}, which lookups by the column value cannot use`;
    }
  }
  if (leadsWith({ ...index, method: 'btree', partial: false }, columns)) {
    return `"${index.name}" does not count: a ${index.method} index cannot serve the foreign key's equality lookups`;
  }
  if (columns.every((c) => index.keys.includes(c)) && !lead.every((k) => k !== undefined && columns.includes(k))) {
    return `"${index.name}" (${index.keys.map((k) => k ?? '(expression)').join(', ')}) does not count: it does not lead with the foreign key's columns`;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'foreign-key-index',
    category: 'integrity',
    description: 'Every foreign key has an index whose leading columns are exactly its columns.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.6', 'NIST CSF PR.DS-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      missing: 'foreign key "{{name}}" ({{columns}}) has no index',
      unusable: 'foreign key "{{name}}" ({{columns}}) has no index ({{reasons}})',
      dropped: 'foreign key "{{name}}" ({{columns}}) has no index: this migration drops "{{index}}" (created at {{file}}:{{line}})',
      droppedUnusable: 'foreign key "{{name}}" ({{columns}}) has no index: this migration drops "{{index}}" (created at {{file}}:{{line}}) ({{reasons}})',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      const likes = ctx.derived(table, indexLikes);
      for (const fk of ctx.derived(table, foreignKeys)) {
        if (fk.columns.length === 0 || coveringIndex(table, fk.columns, likes)) continue;
        const reasons = likes.map((i) => whyNotUsable(i, fk.columns)).filter((r): r is string => r !== undefined);
        // Foreign keys on the same columns, and tenant-key-indexed, share one suggested index.
        const index = suggestedIndex(ctx.catalog, table, fk.columns, ctx.standard.defaultSchema);
        // An index that covered the key and was dropped later: the finding sits on the DROP INDEX.
        const dropped = table.droppedIndexes?.findLast((d) => d.columns.length >= fk.columns.length && fk.columns.every((c) => d.columns.slice(0, fk.columns.length).includes(c)));
        const data = { name: fk.name, columns: fk.columns.join(', ') };
        const droppedData = dropped ? { index: dropped.name, file: dropped.definedAt.file, line: dropped.definedAt.line } : undefined;
        ctx.report({
          table,
          node: fk,
          loc: dropped?.loc,
          ...(droppedData
            ? reasons.length
              ? { messageId: 'droppedUnusable', data: { ...data, ...droppedData, reasons: reasons.join('; ') } }
              : { messageId: 'dropped', data: { ...data, ...droppedData } }
            : reasons.length
              ? { messageId: 'unusable', data: { ...data, reasons: reasons.join('; ') } }
              : { messageId: 'missing', data }),
          fix: { sql: index.sql, json: { op: 'append', path: ['indexes'], value: { name: index.name, columns: index.columns } } },
        });
      }
    }
  },
});
