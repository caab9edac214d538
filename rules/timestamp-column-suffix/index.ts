import { defineRule } from '../../src/engine/rule.js';

interface Options extends Record<string, unknown> {
  suffixes: string[];
}

const TIMESTAMP_TYPES = new Set(['timestamp with time zone', 'timestamp without time zone']);
/** Words that say "this is a time" in other ways; the suggested name puts the suffix in their place. */
const TIME_WORDS = ['date', 'time', 'timestamp', 'timestamptz', 'datetime', 'ts', 'tstz', 'dt', 'on', 'at'];
const TIME_WORD_ENDING = new RegExp(`_(${TIME_WORDS.join('|')})$`);

export default defineRule<Options>({
  meta: {
    id: 'timestamp-column-suffix',
    category: 'naming',
    description: 'Timestamp columns (with or without time zone) end in `_at`.',
    severity: 'warn',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        suffixes: {
          description: 'Endings a timestamp column name may have; the first is the one suggested.',
          type: 'array',
          items: { type: 'string', minLength: 1 },
          minItems: 1,
          uniqueItems: true,
          default: ['_at'],
        },
      },
    },
    defaultOptions: { suffixes: ['_at'] },
    messages: {
      rename: 'timestamp column "{{column}}" on table "{{table}}" does not end in {{suffixes}}: rename it, e.g. to "{{suggestion}}"',
      renameFreely: 'timestamp column "{{column}}" on table "{{table}}" does not end in {{suffixes}}: rename it to say which moment it records, ending in {{suffixes}} (e.g. "recorded{{suffix}}")',
    },
  },
  check(ctx) {
    const { suffixes } = ctx.options;
    const wanted = suffixes.map((s) => `"${s}"`).join(' or ');
    for (const table of ctx.tables) {
      // A partition's columns are its parent's, and judged there.
      if (table.partitionOf) continue;
      for (const column of table.columns) {
        if (!TIMESTAMP_TYPES.has(column.type.name) || column.type.arrayDims > 0) continue;
        if (suffixes.some((s) => column.name.endsWith(s) && column.name.length > s.length)) continue;
        const stem = TIME_WORDS.includes(column.name) ? '' : column.name.replace(TIME_WORD_ENDING, '');
        const data = { column: column.name, table: table.name, suffixes: wanted };
        ctx.report({
          table,
          node: column,
          ...(stem ? { messageId: 'rename', data: { ...data, suggestion: `${stem}${suffixes[0]}` } } : { messageId: 'renameFreely', data: { ...data, suffix: suffixes[0]! } }),
        });
      }
    }
  },
});
