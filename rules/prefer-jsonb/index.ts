import { defineRule } from '../../src/engine/rule.js';
import { ident, sqlTableName } from '../../src/model/names.js';
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
        const better = typeText('jsonb', [], arrayDims);
        ctx.report({
          table,
          node: column,
          messageId: 'json',
          data: { column: column.name, type: text, better },
          // json casts to jsonb on assignment, so no USING is needed.
          fix: {
            sql: `ALTER TABLE ${sqlTableName(table, ctx.standard.defaultSchema)} ALTER COLUMN ${ident(column.name)} TYPE ${better}`,
            json: { op: 'set', path: ['type'], value: better, of: 'node' },
          },
        });
      }
    }
  },
});
