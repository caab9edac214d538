import type { Policy, Table } from '../../src/model/catalog.js';
import { defineRule } from '../../src/engine/rule.js';
import { ident, quoteLiteral } from '../../src/model/names.js';
import type { RlsCommand, TenantLeak } from '../../src/model/rls.js';
import { appliesToRole, roleScenarios, tableTenantLeaks, tenantKeyOf } from '../../src/model/rls.js';

export default defineRule({
  meta: {
    id: 'rls-tenant-policy',
    category: 'rls',
    description: "The policies of a tenant table let no role read, insert, update or delete rows of another tenant: every command is restricted to the current tenant's key.",
    severity: 'error',
    compliance: ['ISO 27001 A.5.15', 'ISO 27001 A.8.3', 'GDPR Art. 32', 'POPIA s19', 'NIST CSF PR.AC-4', 'NIST CSF PR.DS-5'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      leak: 'policy "{{policy}}" lets {{who}} {{reach}}: {{lack}}; add the condition to the policy, or AND it in with an AS RESTRICTIVE policy',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      // RLS off and no policy at all are rls-enabled's, policy-requires-rls's and rls-enabled-no-policy's business.
      const kind = ctx.kindOf(table);
      if (kind === 'global' || !table.rls.enabled || table.policies.length === 0) continue;
      const key = tenantKeyOf(table, kind, ctx.standard.tenantKey);
      const leaks = tableTenantLeaks(table, key, ctx.standard.tenantSetting);
      if (leaks.length === 0) continue;
      const condition = `${ident(key)} = current_setting(${quoteLiteral(ctx.standard.tenantSetting)})::uuid`;
      for (const group of byCommandAndPolicy(leaks)) {
        ctx.report({ table, node: group[0]!.policy, loc: group[0]!.expr.expr.loc, messageId: 'leak', data: describe(table, group, condition) });
      }
    }
  },
});

/** Leaks grouped per (command, policy), in command order then policy order: one finding each. */
function byCommandAndPolicy(leaks: TenantLeak[]): TenantLeak[][] {
  const groups = new Map<string, TenantLeak[]>();
  for (const leak of leaks) {
    const k = `${leak.command}\u0000${leak.policy.name}`;
    groups.set(k, [...(groups.get(k) ?? []), leak]);
  }
  return [...groups.values()];
}

const REACH: Record<RlsCommand, { using?: string; check?: string; both?: string }> = {
  select: { using: 'SELECT rows of other tenants' },
  insert: { check: 'INSERT rows for other tenants' },
  update: { using: 'UPDATE rows of other tenants', check: 'UPDATE rows into other tenants', both: 'UPDATE rows of and into other tenants' },
  delete: { using: 'DELETE rows of other tenants' },
};

function describe(table: Table, group: TenantLeak[], condition: string): Record<string, string> {
  const { policy, command } = group[0]!;
  const using = group.find((l) => l.clause === 'using');
  const check = group.find((l) => l.clause === 'check');
  const reach = using && check ? REACH[command].both : using ? REACH[command].using : REACH[command].check;
  let lack: string;
  if (check?.expr.fromUsing) lack = `its USING (${check.expr.expr.text}), also used as WITH CHECK, does not require ${condition}`;
  else if (using && check) lack = `neither its USING (${using.expr.expr.text}) nor its WITH CHECK (${check.expr.expr.text}) requires ${condition}`;
  else if (using) lack = `its USING (${using.expr.expr.text}) does not require ${condition}`;
  else lack = `its WITH CHECK (${check!.expr.expr.text}) does not require ${condition}`;
  const roles = [...new Set(group.flatMap((l) => l.roles))];
  return { policy: policy.name, who: who(table, policy, roles), reach: reach!, lack };
}

/** The roles that get through, in words: `any role`, `every role but "app"`, `role "reporting"`. */
function who(table: Table, policy: Policy, leaking: (string | undefined)[]): string {
  const quote = (rs: string[]) => rs.map((r) => `"${r}"`).join(', ');
  const named = leaking.filter((r): r is string => r !== undefined);
  if (leaking.includes(undefined)) {
    const guarded = roleScenarios(table).filter((r): r is string => r !== undefined && appliesToRole(policy, r) && !named.includes(r));
    if (guarded.length === 0) return 'any role';
    return `every role but ${quote(guarded)}`;
  }
  return `${named.length === 1 ? 'role' : 'roles'} ${quote(named)}`;
}
