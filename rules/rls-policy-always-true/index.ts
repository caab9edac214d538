import { defineRule } from '../../src/engine/rule.js';
import type { Expr } from '../../src/model/catalog.js';
import { ident, quoteLiteral } from '../../src/model/names.js';
import { isConstantTrue } from '../../src/model/queries.js';
import type { TenantLeak } from '../../src/model/rls.js';
import { tableTenantLeaks, tenantKeyOf } from '../../src/model/rls.js';

export default defineRule({
  meta: {
    id: 'rls-policy-always-true',
    category: 'rls',
    description: 'No permissive policy of a tenant table has a USING or WITH CHECK that is true for every row, unless a restrictive tenant policy narrows it.',
    severity: 'error',
    compliance: ['ISO 27001 A.5.15', 'ISO 27001 A.8.3', 'GDPR Art. 32', 'POPIA s19', 'NIST CSF PR.AC-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      alwaysTrue:
        'policy "{{policy}}" is permissive with {{clauses}}, true for every row: it opens "{{table}}" to every tenant, and no other permissive policy can narrow it (they are OR-ed); require {{condition}} instead, or drop the policy',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      const kind = ctx.kindOf(table);
      if (kind === 'global') continue;
      const key = tenantKeyOf(table, kind, ctx.standard.tenantKey);
      let leaking: TenantLeak[] | undefined;
      for (const policy of table.policies) {
        if (!policy.permissive) continue;
        const clauses: [string, Expr | undefined][] = [
          ['USING', policy.using],
          ['WITH CHECK', policy.withCheck],
        ];
        const open = clauses.filter((c): c is [string, Expr] => c[1] !== undefined && isConstantTrue(c[1].ast));
        if (open.length === 0) continue;
        // Judged whether RLS is on or not: the open policy takes effect the moment it is enabled.
        // A restrictive tenant policy AND-ed to every use of the open clause keeps tenants apart ("allow, then restrict").
        leaking ??= tableTenantLeaks(table, key, ctx.standard.tenantSetting);
        const through = open.filter(([, e]) => leaking!.some((l) => l.policy === policy && l.expr.expr === e));
        if (through.length === 0) continue;
        const shown = through.map(([name, e]) => `${name} (${e.text})`).join(' and ');
        const condition = `${ident(key)} = current_setting(${quoteLiteral(ctx.standard.tenantSetting)})::uuid`;
        ctx.report({
          table,
          node: policy,
          loc: through[0]![1].loc,
          messageId: 'alwaysTrue',
          data: { policy: policy.name, clauses: shown, table: table.name, condition },
        });
      }
    }
  },
});
