import { findColumn, type PrivilegeChange, type Table, type Trigger } from '../../src/model/catalog.js';
import { ident, sqlTableName } from '../../src/model/names.js';
import { defineRule, type ReportTarget } from '../../src/engine/rule.js';

interface Options extends Record<string, unknown> {
  requireTruncateBlocked: boolean;
}

type Operation = 'update' | 'delete' | 'truncate';

export default defineRule<Options>({
  meta: {
    id: 'audit-log-append-only',
    category: 'audit',
    description: 'Log tables are append-only: no updated_*/deleted_* columns, and UPDATE and DELETE are revoked or blocked by a trigger.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.15', 'GDPR Art. 32', 'POPIA s19', 'NIST CSF PR.PT-1', 'NIST CSF RS.AN-1'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requireTruncateBlocked: {
          type: 'boolean',
          default: false,
          description: 'Also require TRUNCATE to be revoked or blocked by a BEFORE TRUNCATE statement trigger (row triggers do not fire on TRUNCATE).',
        },
      },
    },
    defaultOptions: { requireTruncateBlocked: false },
    messages: {
      mutableColumn: 'log table "{{table}}" has the column "{{column}}", but log rows are never updated or deleted',
      granted: '{{operation}} on log table "{{table}}" is granted to {{roles}} ({{file}}:{{line}}), so its rows can be changed{{notes}}: revoke the privilege, or add {{trigger}}',
      unblocked: '{{operation}} on log table "{{table}}" is neither revoked nor blocked by a trigger{{notes}}: revoke the privilege, or add {{trigger}}',
    },
  },
  check(ctx) {
    const { auditColumns: a, defaultSchema } = ctx.standard;
    for (const table of ctx.tables) {
      // A partition is judged through its parent, whose columns, keys, indexes and row triggers it inherits.
      if (table.partitionOf) continue;
      if (ctx.kindOf(table) !== 'log') continue;
      const target = sqlTableName(table, defaultSchema);
      for (const name of [a.updatedAt, a.updatedBy, a.deletedAt, a.deletedBy]) {
        const column = findColumn(table, name);
        if (!column) continue;
        ctx.report({
          table,
          node: column,
          messageId: 'mutableColumn',
          data: { table: table.name, column: column.name },
          fix: { sql: `ALTER TABLE ${target} DROP COLUMN ${ident(column.name)}` },
        });
      }
      const operations: Operation[] = ctx.options.requireTruncateBlocked ? ['update', 'delete', 'truncate'] : ['update', 'delete'];
      for (const op of operations) {
        if (table.triggers.some((t) => blocks(t, op))) continue;
        const { revoked, holders } = privilegeState(table.privileges, op);
        if (revoked && holders.length === 0) continue;
        ctx.report({ table, ...unblocked(table, target, op, holders) });
      }
    }
  },
});

/** Only triggers that fire in ordinary sessions count: not disabled, not ENABLE REPLICA. */
const fires = (t: Trigger) => t.enabled === undefined || t.enabled === 'origin' || t.enabled === 'always';

/**
 * A trigger stops every UPDATE/DELETE when it runs BEFORE, FOR EACH ROW (TimescaleDB copies row triggers
 * to chunks and PostgreSQL to partitions; statement triggers stay on the parent), unconditionally.
 * TRUNCATE has statement triggers only.
 */
function blocks(t: Trigger, op: Operation): boolean {
  return t.timing === 'before' && t.events.includes(op) && fires(t) && !t.when && !t.columns?.length && t.forEachRow === (op !== 'truncate');
}

function whyNot(t: Trigger, op: Operation): string {
  if (t.timing !== 'before') return `runs ${t.timing.toUpperCase()}, not BEFORE`;
  if (!fires(t)) return t.enabled === 'replica' ? 'fires only in replica sessions (ENABLE REPLICA TRIGGER)' : 'is disabled';
  if (t.when) return `fires only WHEN (${t.when.text})`;
  if (t.columns?.length) return `fires only for UPDATE OF ${t.columns.join(', ')}`;
  return op === 'truncate' ? 'is FOR EACH ROW, which TRUNCATE never fires' : 'is FOR EACH STATEMENT, which partitions and hypertable chunks do not inherit';
}

interface Holder {
  role: string;
  columns?: string[];
  grant: PrivilegeChange;
  /** Position of the grant in replay order. */
  at: number;
}

/**
 * Replays GRANT/REVOKE in order for one privilege: `revoked` when some REVOKE of it was seen; `holders`
 * are the roles still granted it (table-wide or on some columns) at the end.
 */
function privilegeState(changes: PrivilegeChange[], op: Operation): { revoked: boolean; holders: Holder[] } {
  const tableWide = new Map<string, { grant: PrivilegeChange; at: number }>();
  const perColumn = new Map<string, { columns: Set<string>; grant: PrivilegeChange; at: number }>();
  let revoked = false;
  for (const [at, c] of changes.entries()) {
    if (!c.privileges.some((p) => p === op || p === 'all')) continue;
    for (const role of c.grantees) {
      if (c.action === 'grant' && c.columns) {
        const columns = perColumn.get(role)?.columns ?? new Set<string>();
        c.columns.forEach((col) => columns.add(col));
        perColumn.set(role, { columns, grant: c, at });
      } else if (c.action === 'grant') {
        tableWide.set(role, { grant: c, at });
      } else if (c.grantOption) {
        // REVOKE GRANT OPTION FOR … takes away the right to pass the privilege on, not the privilege.
      } else if (c.columns) {
        // A column-level REVOKE leaves a table-wide grant in place.
        const entry = perColumn.get(role);
        c.columns.forEach((col) => entry?.columns.delete(col));
        if (entry?.columns.size === 0) perColumn.delete(role);
      } else {
        // A table-wide REVOKE also takes the column privileges (PostgreSQL's REVOKE documentation).
        tableWide.delete(role);
        perColumn.delete(role);
        revoked = true;
      }
    }
  }
  const holders: Holder[] = [...tableWide].map(([role, g]) => ({ role, ...g }));
  for (const [role, { columns, ...g }] of perColumn) if (!tableWide.has(role)) holders.push({ role, columns: [...columns].sort(), ...g });
  return { revoked, holders: holders.sort((x, y) => (x.role < y.role ? -1 : x.role > y.role ? 1 : 0)) };
}

function unblocked(table: Table, target: string, op: Operation, holders: Holder[]): Omit<ReportTarget, 'table'> {
  const OP = op.toUpperCase();
  const trigger =
    op === 'truncate'
      ? `a BEFORE TRUNCATE … FOR EACH STATEMENT trigger that raises an exception (row triggers do not fire on TRUNCATE)`
      : `a BEFORE ${OP} … FOR EACH ROW trigger that raises an exception`;
  const near = table.triggers.filter((t) => t.events.includes(op)).sort((x, y) => (x.name < y.name ? -1 : 1));
  const notes = near.map((t) => `; trigger "${t.name}" does not count: it ${whyNot(t, op)}`).join('');
  if (holders.length > 0) {
    const roles = holders.map((h) => `"${h.role}"${h.columns ? ` (columns ${h.columns.join(', ')})` : ''}`).join(', ');
    const last = holders.reduce((x, y) => (y.at > x.at ? y : x)).grant;
    const from = holders.map((h) => ident(h.role)).join(', ');
    return {
      messageId: 'granted',
      data: { operation: OP, table: table.name, roles, file: last.loc.file, line: last.loc.line, notes, trigger },
      loc: last.loc,
      fix: { sql: `REVOKE ${OP} ON ${target} FROM ${from}` },
    };
  }
  return { messageId: 'unblocked', data: { operation: OP, table: table.name, notes, trigger }, fix: { sql: `REVOKE ${OP} ON ${target} FROM PUBLIC` } };
}
