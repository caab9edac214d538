/**
 * How PostgreSQL combines row-level security policies (src/backend/rewrite/rowsecurity.c), reduced
 * to the question the RLS rules ask: can some role reach rows another tenant owns?
 *
 * - A policy applies to a command per its FOR clause (ALL = all four) and to the roles it names
 *   (`public` = every role).
 * - USING filters existing rows (SELECT, UPDATE, DELETE); WITH CHECK checks new rows (INSERT,
 *   UPDATE). An ALL or UPDATE policy without WITH CHECK checks new rows with its USING.
 * - The applicable permissive policies are OR-ed, the restrictive ones AND-ed to that. Without a
 *   permissive policy (or one with an expression for the clause) the command is denied.
 */
import type { Expr, Policy, PolicyCommand, Table } from './catalog.js';
import { primaryKey } from './catalog.js';
export { sqlTableName } from './names.js';
import { restrictsToTenant } from './queries.js';

export type RlsCommand = Exclude<PolicyCommand, 'all'>;
/** `using`: which existing rows the command reaches; `check`: which new rows it may write. */
export type RlsClause = 'using' | 'check';

export const RLS_COMMANDS: readonly RlsCommand[] = ['select', 'insert', 'update', 'delete'];

export const COMMAND_CLAUSES: Record<RlsCommand, readonly RlsClause[]> = {
  select: ['using'],
  insert: ['check'],
  update: ['using', 'check'],
  delete: ['using'],
};

export function appliesToCommand(policy: Policy, command: RlsCommand): boolean {
  return policy.command === 'all' || policy.command === command;
}

/** A role that no policy names stands for every role outside the named ones. */
export const UNNAMED_ROLE = undefined;

export function appliesToRole(policy: Policy, role: string | undefined): boolean {
  return policy.roles.includes('public') || (role !== undefined && policy.roles.includes(role));
}

export interface ClauseExpr {
  expr: Expr;
  /** WITH CHECK taken from USING because the policy has none. */
  fromUsing: boolean;
}

/** The expression a policy contributes to a clause, as PostgreSQL picks it; none means it adds nothing. */
export function clauseExpr(policy: Policy, clause: RlsClause): ClauseExpr | undefined {
  if (clause === 'using') return policy.using && policy.command !== 'insert' ? { expr: policy.using, fromUsing: false } : undefined;
  if (policy.withCheck) return { expr: policy.withCheck, fromUsing: false };
  if ((policy.command === 'all' || policy.command === 'update') && policy.using) return { expr: policy.using, fromUsing: true };
  return undefined;
}

/**
 * The roles worth judging one by one: every role a policy names, and one named by none. Granting a
 * role several of them only adds restrictive policies on top, so it cannot leak where each alone
 * does not.
 */
export function roleScenarios(table: Table): (string | undefined)[] {
  const named = new Set<string>();
  for (const p of table.policies) for (const r of p.roles) if (r !== 'public') named.add(r);
  return [...[...named].sort(), UNNAMED_ROLE];
}

/** The column that carries a table's tenant: its own primary key for the tenant root. */
export function tenantKeyOf(table: Table, kind: string, standardKey: string): string {
  if (kind !== 'tenant-root') return standardKey;
  const pk = primaryKey(table);
  return pk && pk.columns.length === 1 ? pk.columns[0]! : 'id';
}

export interface TenantLeak {
  command: RlsCommand;
  clause: RlsClause;
  /** The permissive policy whose expression lets rows of other tenants through. */
  policy: Policy;
  expr: ClauseExpr;
  /** Roles that reach those rows; `undefined` stands for roles no policy names. */
  roles: (string | undefined)[];
}

/**
 * Every (command, clause, permissive policy) through which some role reaches rows of other tenants:
 * the policy applies to the role, its expression does not restrict to the tenant, and no restrictive
 * policy applying to the same role and command restricts that clause to the tenant.
 */
export function tenantLeaks(table: Table, restricts: (expr: Expr) => boolean): TenantLeak[] {
  const leaks: TenantLeak[] = [];
  const roles = roleScenarios(table);
  for (const command of RLS_COMMANDS) {
    const policies = table.policies.filter((p) => appliesToCommand(p, command));
    for (const clause of COMMAND_CLAUSES[command]) {
      const guarded = (role: string | undefined) => policies.some((p) => !p.permissive && appliesToRole(p, role) && isRestricted(clauseExpr(p, clause), restricts));
      // A role denied one clause outright (no permissive expression for it) cannot run the command.
      const permitted = (role: string | undefined) => COMMAND_CLAUSES[command].every((c) => policies.some((p) => p.permissive && appliesToRole(p, role) && clauseExpr(p, c)));
      for (const policy of policies) {
        if (!policy.permissive) continue;
        const expr = clauseExpr(policy, clause);
        if (!expr || restricts(expr.expr)) continue;
        const leaking = roles.filter((r) => appliesToRole(policy, r) && permitted(r) && !guarded(r));
        if (leaking.length > 0) leaks.push({ command, clause, policy, expr, roles: leaking });
      }
    }
  }
  return leaks;
}

function isRestricted(e: ClauseExpr | undefined, restricts: (expr: Expr) => boolean): boolean {
  return e !== undefined && restricts(e.expr);
}

/** Tenant leaks of a table judged against `<key> = current_setting('<setting>')::uuid`. */
export function tableTenantLeaks(table: Table, tenantKey: string, setting: string): TenantLeak[] {
  const memoKey = `${tenantKey}\u0000${setting}`;
  let memo = restrictsMemo.get(memoKey);
  if (!memo) restrictsMemo.set(memoKey, (memo = new WeakMap()));
  const known = memo;
  return tenantLeaks(table, (e) => {
    const ast = e.ast;
    if (typeof ast !== 'object' || ast === null) return restrictsToTenant(ast, tenantKey, setting);
    let restricts = known.get(ast);
    if (restricts === undefined) known.set(ast, (restricts = restrictsToTenant(ast, tenantKey, setting)));
    return restricts;
  });
}

/** Equal policy expressions share one frozen tree across tables: judge each tree once per tenant key and setting. */
const restrictsMemo = new Map<string, WeakMap<object, boolean>>();
