import { defineRule } from '../../src/engine/rule.js';

interface Options extends Record<string, unknown> {
  prefixes: string[];
}

const DEFAULT_PREFIXES = ['is_', 'has_', 'can_', 'should_', 'was_', 'allow_', 'requires_'];

export default defineRule<Options>({
  meta: {
    id: 'boolean-column-prefix',
    category: 'naming',
    description: 'Boolean columns start with a prefix that reads as a yes/no question: `is_`, `has_`, `can_` and the like.',
    severity: 'warn',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        prefixes: {
          description: 'Beginnings a boolean column name may have; the first is the one suggested.',
          type: 'array',
          items: { type: 'string', minLength: 1 },
          minItems: 1,
          uniqueItems: true,
          default: DEFAULT_PREFIXES,
        },
      },
    },
    defaultOptions: { prefixes: DEFAULT_PREFIXES },
    messages: {
      unprefixed: 'boolean column "{{column}}" on table "{{table}}" does not start with {{prefixes}}: rename it, e.g. to "{{suggestion}}"',
    },
  },
  check(ctx) {
    const { prefixes } = ctx.options;
    const wanted = prefixes.map((p) => `"${p}"`).join(', ');
    for (const table of ctx.tables) {
      // A partition's columns are its parent's, and judged there.
      if (table.partitionOf) continue;
      for (const column of table.columns) {
        if (column.type.name !== 'boolean' || column.type.arrayDims > 0) continue;
        if (prefixes.some((p) => column.name.startsWith(p) && column.name.length > p.length)) continue;
        ctx.report({
          table,
          node: column,
          messageId: 'unprefixed',
          data: { column: column.name, table: table.name, prefixes: `${prefixes.length > 1 ? 'one of ' : ''}${wanted}`, suggestion: suggest(column.name, prefixes) },
        });
      }
    }
  },
});

/** active → is_active; isactive (unquoted `isActive`, folded) → is_active. */
function suggest(name: string, prefixes: string[]): string {
  for (const p of prefixes) {
    const bare = p.replace(/_$/, '');
    if (bare !== p && name.startsWith(bare) && name.length > bare.length + 1) return p + name.slice(bare.length).replace(/^_+/, '');
  }
  return prefixes[0] + name;
}
