import { findColumn, type Catalog } from '../../src/model/catalog.js';
import { clipToBytes, MAX_IDENTIFIER_BYTES, quoteIdent, sqlTableName } from '../../src/model/names.js';
import { coveringIndex, indexLikes, type IndexLike } from '../../src/model/queries.js';
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
      const name = freeName(ctx.catalog, table.schema, `idx_${table.name}_${key}`.toLowerCase());
      ctx.report({
        table,
        node: column,
        message:
          `tenant key "${key}" of "${table.name}" leads no usable index, so every tenant-filtered query and row-level security check scans the table` +
          notes.map((n) => `; ${n}`).join('') +
          `: CREATE INDEX ${quoteIdent(name)} ON ${sqlTableName(table, ctx.standard.defaultSchema)} (${quoteIdent(key)})`,
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

/** The suggested index name, numbered as PostgreSQL numbers its own when the name is taken in the schema. */
function freeName(catalog: Catalog, schema: string, base: string): string {
  const taken = new Set<string>();
  for (const t of catalog.tables.values()) {
    if (t.schema !== schema) continue;
    taken.add(t.name);
    for (const i of indexLikes(t)) taken.add(i.name);
  }
  let name = clipToBytes(base, MAX_IDENTIFIER_BYTES);
  for (let n = 1; taken.has(name); n++) name = clipToBytes(base, MAX_IDENTIFIER_BYTES - String(n).length) + n;
  return name;
}
