import { defineRule } from '../../src/engine/rule.js';
import { findColumn } from '../../src/model/catalog.js';
import { ident, quoteLiteral } from '../../src/model/names.js';
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
    messages: {
      noPolicy: 'row-level security is enabled on "{{table}}" but it has no policy: PostgreSQL denies all rows to {{who}}, so reads return nothing and writes fail; add a policy, e.g. {{example}}',
      noPolicyFix: 'row-level security is enabled on "{{table}}" but it has no policy: PostgreSQL denies all rows to {{who}}, so reads return nothing and writes fail; add a policy',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      if (!table.rls.enabled || table.policies.length > 0) continue;
      const kind = ctx.kindOf(table);
      const name = sqlTableName(table, ctx.standard.defaultSchema);
      const column = tenantKeyOf(table, kind, ctx.standard.tenantKey);
      const using = kind === 'global' ? 'true' : `${ident(column)} = current_setting(${quoteLiteral(ctx.standard.tenantSetting)})::uuid`;
      const policy = kind === 'global' ? { name: 'read_all', command: 'select', using } : { name: 'tenant_isolation', using };
      const sql = `CREATE POLICY ${policy.name} ON ${name}${kind === 'global' ? ' FOR SELECT' : ''} USING (${using})`;
      const who = table.rls.forced ? 'every role, the owner included' : 'every role but the owner';
      // The policy is a fix only where it can be created: the tenant key it filters on exists.
      if (kind !== 'global' && !findColumn(table, column)) {
        ctx.report({ table, messageId: 'noPolicy', data: { table: table.name, who, example: sql } });
        continue;
      }
      ctx.report({ table, messageId: 'noPolicyFix', data: { table: table.name, who }, fix: { sql, json: { op: 'append', path: ['rls', 'policies'], value: policy } } });
    }
  },
});
