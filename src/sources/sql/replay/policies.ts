import type { AlterPolicyStmt, CreatePolicyStmt, Node, RenameStmt } from '@pgsql/types';
import type { Policy, PolicyCommand } from '../../../model/catalog.js';
import { nodeAs } from '../../../model/ast.js';
import { makeExpr } from '../expr.js';
import type { StatementContext } from './context.js';

/** A grantee or policy role as PostgreSQL prints it. */
export function roleName(spec: Node): string {
  const r = nodeAs(spec, 'RoleSpec');
  switch (r?.roletype) {
    case 'ROLESPEC_PUBLIC':
      return 'public';
    case 'ROLESPEC_CURRENT_USER':
      return 'current_user';
    case 'ROLESPEC_SESSION_USER':
      return 'session_user';
    case 'ROLESPEC_CURRENT_ROLE':
      return 'current_role';
    default:
      return r?.rolename ?? 'public';
  }
}

export function createPolicy(ctx: StatementContext, stmt: CreatePolicyStmt): void {
  const table = stmt.table && ctx.table(stmt.table);
  if (!table) return;
  const name = stmt.policy_name ?? '';
  if (table.policies.some((p) => p.name === name)) {
    ctx.problem(`policy "${name}" for table "${table.name}" already exists`);
    return;
  }
  const loc = ctx.statementLoc();
  const policy: Policy = {
    name,
    command: (stmt.cmd_name ?? 'all') as PolicyCommand,
    // The parse tree omits false fields: AS RESTRICTIVE shows as no `permissive` at all.
    permissive: stmt.permissive === true,
    roles: (stmt.roles ?? []).map(roleName),
    using: stmt.qual ? makeExpr(stmt.qual, loc) : undefined,
    withCheck: stmt.with_check ? makeExpr(stmt.with_check, loc) : undefined,
    loc,
  };
  if (policy.roles.length === 0) policy.roles = ['public'];
  ctx.noteDeclaredName(policy, policy.name);
  table.policies.push(policy);
}

export function alterPolicy(ctx: StatementContext, stmt: AlterPolicyStmt): void {
  const table = stmt.table && ctx.table(stmt.table);
  const policy = table?.policies.find((p) => p.name === stmt.policy_name);
  if (table && !policy) ctx.problem(`policy "${stmt.policy_name}" for table "${table.name}" does not exist`);
  if (!policy) return;
  const loc = ctx.statementLoc();
  if (stmt.roles) policy.roles = stmt.roles.map(roleName);
  if (stmt.qual) policy.using = makeExpr(stmt.qual, loc);
  if (stmt.with_check) policy.withCheck = makeExpr(stmt.with_check, loc);
}

export function dropPolicy(ctx: StatementContext, stmt: { missing_ok?: boolean }, parts: string[]): void {
  const name = parts[parts.length - 1]!;
  const rel = parts.length > 2 ? { schemaname: parts[0], relname: parts[1]! } : { relname: parts[0]! };
  const table = ctx.table(rel, stmt.missing_ok);
  if (!table) return;
  if (!table.policies.some((p) => p.name === name)) {
    if (!stmt.missing_ok) ctx.problem(`policy "${name}" for table "${table.name}" does not exist`);
    return;
  }
  table.policies = table.policies.filter((p) => p.name !== name);
}

export function renamePolicy(ctx: StatementContext, stmt: RenameStmt): void {
  const table = stmt.relation && ctx.table(stmt.relation, stmt.missing_ok);
  const policy = table ? table.policies.find((p) => p.name === stmt.subname) : undefined;
  if (table && !policy) ctx.problem(`policy "${stmt.subname}" for table "${table.name}" does not exist`);
  if (policy) {
    policy.name = stmt.newname ?? '';
    policy.declaredName = undefined;
  }
}
