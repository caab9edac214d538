import { defineRule } from '../../src/engine/rule.js';
import { sqlIdent, sqlTableName } from '../../src/model/names.js';
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
    // An audit column's type is audit-column-definition's to fix (to timestamptz without a precision):
    // two fixes of one column would each convert it.
    const { createdAt, updatedAt, deletedAt } = ctx.standard.auditColumns;
    const auditTimes = new Set([createdAt, updatedAt, deletedAt]);
    for (const table of ctx.tables) {
      for (const column of table.columns) {
        const { name, mods, arrayDims, text } = column.type;
        if (name !== 'timestamp without time zone') continue;
        const better = typeText('timestamptz', mods, arrayDims);
        // Without USING, PostgreSQL would read the stored values in the session's time zone: the fix says
        // UTC, so that the migration means the same wherever it runs. An array has no such simple USING,
        // so it gets no fix.
        const quoted = sqlIdent(column.name);
        const fix = {
          sql: `ALTER TABLE ${sqlTableName(table, ctx.standard.defaultSchema)} ALTER COLUMN ${quoted} TYPE ${better} USING ${quoted} AT TIME ZONE 'UTC'`,
          json: { op: 'set' as const, path: ['type'], value: better, of: 'node' as const },
        };
        ctx.report({
          table,
          node: column,
          messageId: 'timestamp',
          data: { column: column.name, type: text, better },
          ...(arrayDims === 0 && !auditTimes.has(column.name) ? { fix } : {}),
        });
      }
    }
  },
});
