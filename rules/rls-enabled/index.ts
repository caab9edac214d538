import { defineRule } from '../../src/engine/rule.js';
import { sqlTableName } from '../../src/model/names.js';

export default defineRule({
  meta: {
    id: 'rls-enabled',
    category: 'rls',
    description: 'Every tenant table has row-level security enabled once all migrations have run.',
    severity: 'error',
    compliance: ['ISO 27001 A.5.15', 'ISO 27001 A.8.3', 'GDPR Art. 32', 'POPIA s19', 'NIST CSF PR.AC-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      disabledLater: 'row-level security on "{{table}}" (created at {{file}}:{{line}}) is disabled by this later migration',
      notEnabled: 'table "{{table}}" does not enable row-level security',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      const kind = ctx.kindOf(table);
      if (kind === 'global' || table.rls.enabled) continue;
      const disabledAt = table.rls.loc;
      // Disabled later: the finding sits on the statement that disabled it, naming where the table was made.
      ctx.report({
        table,
        loc: disabledAt,
        ...(disabledAt ? { messageId: 'disabledLater', data: { table: table.name, file: table.loc.file, line: table.loc.line } } : { messageId: 'notEnabled', data: { table: table.name } }),
        fix: { sql: `ALTER TABLE ${sqlTableName(table, ctx.standard.defaultSchema)} ENABLE ROW LEVEL SECURITY`, json: { op: 'set', path: ['rls', 'enabled'], value: true } },
      });
    }
  },
});
