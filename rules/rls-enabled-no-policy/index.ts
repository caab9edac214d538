import { defineRule } from '../../src/engine/rule.js';
import { isReservedWord } from '../../src/model/keywords.js';
import { quoteIdent, quoteLiteral } from '../../src/model/names.js';
import { sqlTableName, tenantKeyOf } from '../../src/model/rls.js';

export default defineRule({
  meta: {
    id: 'rls-enabled-no-policy',
    category: 'rls',
    description: 'A table with row-level security enabled has at least one policy; without one PostgreSQL denies every row.',
    severity: 'error',
    compliance: ['ISO 27001 A.5.15', 'ISO 27001 A.8.3', 'NIST CSF PR.AC-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    for (const table of ctx.tables) {
      if (!table.rls.enabled || table.policies.length > 0) continue;
      const kind = ctx.kindOf(table);
      const name = sqlTableName(table, ctx.standard.defaultSchema);
      const key = quoteIdent(tenantKeyOf(table, kind, ctx.standard.tenantKey), isReservedWord);
      const example =
        kind === 'global'
          ? `CREATE POLICY read_all ON ${name} FOR SELECT USING (true)`
          : `CREATE POLICY tenant_isolation ON ${name} USING (${key} = current_setting(${quoteLiteral(ctx.standard.tenantSetting)})::uuid)`;
      const who = table.rls.forced ? 'every role, the owner included' : 'every role but the owner';
      ctx.report({
        table,
        message: `row-level security is enabled on "${table.name}" but it has no policy: PostgreSQL denies all rows to ${who}, so reads return nothing and writes fail; add a policy, e.g. ${example}`,
      });
    }
  },
});
