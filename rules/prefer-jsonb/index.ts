import { defineRule } from '../../src/engine/rule.js';
import { typeText } from '../../src/model/types.js';

export default defineRule({
  meta: {
    id: 'prefer-jsonb',
    category: 'types',
    description: 'JSON documents are stored as jsonb, not json.',
    severity: 'warn',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      json: 'column "{{column}}" is {{type}}: json is stored as text and parsed again on every access, keeps duplicate keys, and has no equality operator and no GIN indexing; use {{better}}',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      for (const column of table.columns) {
        const { name, arrayDims, text } = column.type;
        if (name !== 'json') continue;
        ctx.report({
          table,
          node: column,
          messageId: 'json',
          data: { column: column.name, type: text, better: typeText('jsonb', [], arrayDims) },
        });
      }
    }
  },
});
