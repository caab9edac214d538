import { findColumn } from '../../src/model/catalog.js';
import { coveringIndex, indexLikes, type IndexLike } from '../../src/model/queries.js';
import { suggestedIndex } from '../../src/model/suggested-names.js';
import { defineRule } from '../../src/engine/rule.js';

const TENANT_KINDS = new Set(['tenant', 'integration', 'log']);
const ORDERED_METHODS = new Set(['btree', 'hash', 'gist', 'brin', 'spgist']);

export default defineRule({
  meta: {
    id: 'tenant-key-indexed',
    category: 'tenancy',
    description: 'The tenant key is the leading column of a usable index (non-partial, on the column itself) on every tenant table.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.3', 'ISO 27001 A.8.6', 'NIST CSF PR.AC-4', 'NIST CSF PR.DS-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      unindexed: 'tenant key "{{key}}" of "{{table}}" leads no usable index, so every tenant-filtered query and row-level security check scans the table{{notes}}',
    },
  },
  check(ctx) {
    const key = ctx.standard.tenantKey;
    for (const table of ctx.tables) {
      // A partition is judged through its parent, whose columns, keys, indexes and row triggers it inherits.
      if (table.partitionOf) continue;
      if (!TENANT_KINDS.has(ctx.kindOf(table))) continue;
      // A missing tenant key is tenant-key-required's finding.
      const column = findColumn(table, key);
      const likes = ctx.derived(table, indexLikes);
      if (!column || coveringIndex(table, [key], likes)) continue;
      const notes = likes
        .map((i) => whyNot(i, key))
        .filter((n): n is string => n !== undefined)
        .sort();
      // The same index foreign-key-index suggests when the tenant key is a foreign key too.
      const index = suggestedIndex(ctx.catalog, table, [key], ctx.standard.defaultSchema);
      ctx.report({
        table,
        node: column,
        messageId: 'unindexed',
        data: { key, table: table.name, notes: notes.map((n) => `; ${n}`).join('') },
        fix: { sql: index.sql, json: { op: 'append', path: ['indexes'], value: { name: index.name, columns: index.columns } } },
      });
    }
  },
});

/** Why an index that mentions the tenant key does not serve lookups by it; undefined for unrelated indexes. */
function whyNot(index: IndexLike, key: string): string | undefined {
  const at = index.keys.indexOf(key);
  if (at < 0) return undefined;
  const label = `index "${index.name}" (${index.keys.map((k) => k ?? '(expression)').join(', ')})`;
  if (at > 0) return `${label} has it in position ${at + 1}, and an index is searched from its leading column`;
  if (index.partial) return `${label} is partial: the planner uses it only for queries whose WHERE implies its predicate`;
  if (!ORDERED_METHODS.has(index.method)) return `${label} is a ${index.method} index, which does not serve plain equality lookups`;
  return undefined;
}
