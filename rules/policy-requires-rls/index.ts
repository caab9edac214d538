import { defineRule } from '../../src/engine/rule.js';
import { sqlTableName } from '../../src/model/rls.js';

export default defineRule({
  meta: {
    id: 'policy-requires-rls',
    category: 'rls',
    description: 'A table with policies has row-level security enabled once all migrations have run; otherwise its policies do nothing.',
    severity: 'error',
    compliance: ['ISO 27001 A.5.15', 'ISO 27001 A.8.3', 'GDPR Art. 32', 'POPIA s19', 'NIST CSF PR.AC-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      ineffective: '"{{table}}" has {{policies}} but {{state}}, so {{effect}} no effect and every role with a privilege on the table reaches every row',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      if (table.rls.enabled || table.policies.length === 0) continue;
      const names = table.policies.map((p) => `"${p.name}"`).join(', ');
      const [what, effect] = table.policies.length === 1 ? [`policy ${names}`, 'it has'] : [`policies ${names}`, 'they have'];
      const state = table.rls.loc ? `row-level security is disabled (${table.rls.loc.file}:${table.rls.loc.line})` : 'row-level security is never enabled';
      ctx.report({
        table,
        node: table.policies[0]!,
        messageId: 'ineffective',
        data: { table: table.name, policies: what, state, effect },
        fix: { sql: `ALTER TABLE ${sqlTableName(table, ctx.standard.defaultSchema)} ENABLE ROW LEVEL SECURITY`, json: { op: 'set', path: ['rls', 'enabled'], value: true } },
      });
    }
  },
});
