import { defineRule } from '../../src/engine/rule.js';
import { sqlTableName } from '../../src/model/rls.js';

export default defineRule({
  meta: {
    id: 'rls-forced',
    category: 'rls',
    description: 'Every tenant table with row-level security enabled also forces it, so the table owner is bound by the policies too.',
    severity: 'warn',
    compliance: ['ISO 27001 A.5.15', 'ISO 27001 A.8.2', 'ISO 27001 A.8.3', 'GDPR Art. 32', 'POPIA s19', 'NIST CSF PR.AC-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      notForced: 'row-level security on "{{table}}" is not forced: the table owner (often the role that runs migrations or the application) bypasses every policy',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      // Without RLS enabled there is nothing to force: rls-enabled reports that.
      if (ctx.kindOf(table) === 'global' || !table.rls.enabled || table.rls.forced) continue;
      ctx.report({
        table,
        messageId: 'notForced',
        data: { table: table.name },
        fix: { sql: `ALTER TABLE ${sqlTableName(table, ctx.standard.defaultSchema)} FORCE ROW LEVEL SECURITY`, json: { op: 'set', path: ['rls', 'force'], value: true } },
      });
    }
  },
});
