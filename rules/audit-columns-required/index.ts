import { findColumn, type Table } from '../../src/model/catalog.js';
import { ident, sqlTableName } from '../../src/model/names.js';
import { standardTable } from '../../src/model/queries.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { Standard } from '../../src/engine/standard.js';

type AuditKey = keyof Standard['auditColumns'];

interface Options extends Record<string, unknown> {
  actorColumnsExempt: string[];
  exempt: string[];
}

const ALL: AuditKey[] = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'deletedBy'];
/** Log rows are written once and never changed, so they record only their creation. */
const LOG: AuditKey[] = ['createdAt', 'createdBy'];
const ACTORS = new Set<AuditKey>(['createdBy', 'updatedBy', 'deletedBy']);

const tableList = (description: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, default: [], description });

export default defineRule<Options>({
  meta: {
    id: 'audit-columns-required',
    category: 'audit',
    description: 'Every table has the audit columns created_at, created_by, updated_at, updated_by, deleted_at and deleted_by (log tables only the created ones).',
    severity: 'error',
    compliance: ['ISO 27001 A.8.15', 'GDPR Art. 30', 'POPIA s17', 'NIST CSF PR.PT-1'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        actorColumnsExempt: tableList(
          'Tables that need no created_by/updated_by/deleted_by columns. Empty (the default) means the tenant root alone, which exists before any user; a non-empty list replaces that default.',
        ),
        exempt: tableList('Tables that need no audit columns at all, such as static global lookup tables.'),
      },
    },
    defaultOptions: { actorColumnsExempt: [], exempt: [] },
    messages: {
      missing: 'table "{{table}}" has no "{{column}}" audit column',
      lookalike: 'table "{{table}}" has no "{{column}}" audit column, only "{{lookalike}}" (a quoted identifier keeps its case)',
    },
  },
  check(ctx) {
    const exempt = new Set(ctx.options.exempt);
    const actorExempt = new Set(ctx.options.actorColumnsExempt.length ? ctx.options.actorColumnsExempt : [ctx.standard.tenantRoot]);
    const listed = (set: Set<string>, t: Table) => set.has(t.name) || set.has(`${t.schema}.${t.name}`);
    // Looked up once: a search of the catalog per finding is quadratic where every table lacks a column.
    let users: UsersTable | undefined;
    const usersTable = () => (users ??= standardTable(ctx.catalog, ctx.standard.usersTable, ctx.standard.defaultSchema) ?? { schema: ctx.standard.defaultSchema, name: ctx.standard.usersTable });
    for (const table of ctx.tables) {
      // A partition is judged through its parent, whose columns, keys, indexes and row triggers it inherits.
      if (table.partitionOf) continue;
      if (listed(exempt, table)) continue;
      const required = (ctx.kindOf(table) === 'log' ? LOG : ALL).filter((k) => !(ACTORS.has(k) && listed(actorExempt, table)));
      for (const key of required) {
        const name = ctx.standard.auditColumns[key];
        if (!findColumn(table, name)) reportMissing(ctx, table, key, usersTable);
      }
    }
  },
});

type UsersTable = Pick<Table, 'schema' | 'name'>;

function reportMissing(ctx: RuleContext<Options>, table: Table, key: AuditKey, usersTable: () => UsersTable): void {
  const name = ctx.standard.auditColumns[key];
  const target = sqlTableName(table, ctx.standard.defaultSchema);
  // A quoted "Created_At" is a different column from created_at: point at it rather than add a twin.
  const lookalike = table.columns.find((c) => c.name !== name && c.name.toLowerCase() === name.toLowerCase());
  if (lookalike) {
    ctx.report({
      table,
      messageId: 'lookalike',
      data: { table: table.name, column: name, lookalike: lookalike.name },
      fix: { sql: `ALTER TABLE ${target} RENAME COLUMN ${ident(lookalike.name)} TO ${ident(name)}`, phase: 'rename' },
    });
    return;
  }
  const { sql, json } = definition(ctx, key, usersTable());
  ctx.report({
    table,
    messageId: 'missing',
    data: { table: table.name, column: name },
    fix: { sql: `ALTER TABLE ${target} ADD COLUMN ${ident(name)} ${sql}`, phase: 'column', json: { op: 'append', path: ['columns'], value: { name, ...json } } },
  });
}

/** The column definition the standard prescribes (section 5.1 of the global architecture), as SQL and as schema.json. */
function definition(ctx: RuleContext<Options>, key: AuditKey, users: UsersTable): { sql: string; json: Record<string, unknown> } {
  const ref = `REFERENCES ${sqlTableName(users, ctx.standard.defaultSchema)} (id)`;
  const references = { table: users.schema === ctx.standard.defaultSchema ? users.name : `${users.schema}.${users.name}`, column: 'id' };
  switch (key) {
    case 'createdAt':
    case 'updatedAt':
      return { sql: 'timestamptz NOT NULL DEFAULT now()', json: { type: 'timestamptz', nullable: false, default: 'now()' } };
    case 'createdBy':
      return { sql: `uuid NOT NULL ${ref}`, json: { type: 'uuid', nullable: false, references } };
    case 'deletedAt':
      return { sql: 'timestamptz NULL', json: { type: 'timestamptz' } };
    case 'updatedBy':
    case 'deletedBy':
      return { sql: `uuid NULL ${ref}`, json: { type: 'uuid', references } };
  }
}
