import { defineRule } from '../../src/engine/rule.js';
import { typeText } from '../../src/model/types.js';

export default defineRule({
  meta: {
    id: 'prefer-timestamptz',
    category: 'types',
    description: 'Points in time are stored as timestamptz (timestamp with time zone), never as timestamp without time zone.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.15', 'ISO 27001 A.8.17', 'NIST CSF PR.PT-1'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      timestamp:
        'column "{{column}}" is {{type}}: it drops the UTC offset, so the same instant written by sessions in different time zones is stored as different values and compares and sorts wrongly; use {{better}}',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      for (const column of table.columns) {
        const { name, mods, arrayDims, text } = column.type;
        if (name !== 'timestamp without time zone') continue;
        const better = typeText('timestamptz', mods, arrayDims);
        ctx.report({
          table,
          node: column,
          messageId: 'timestamp',
          data: { column: column.name, type: text, better },
        });
      }
    }
  },
});
