import { findColumn, type Table } from '../../src/model/catalog.js';
import { ident, sqlTableName } from '../../src/model/names.js';
import { standardTable } from '../../src/model/queries.js';
import { KEY_REFERENCE_MESSAGES, reportKeyReference } from '../../src/engine/key-reference.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';

/** Kinds that hold one tenant's rows; the tenant root is the tenant, global tables are shared. */
const TENANT_KINDS = new Set(['tenant', 'integration', 'log']);

export default defineRule({
  meta: {
    id: 'tenant-key-required',
    category: 'tenancy',
    description: 'Every tenant, integration and log table has the tenant key: a NOT NULL uuid column with a foreign key to the tenant root.',
    severity: 'error',
    compliance: ['ISO 27001 A.5.15', 'ISO 27001 A.8.3', 'GDPR Art. 32', 'POPIA s19', 'NIST CSF PR.AC-4', 'NIST CSF PR.DS-5'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      ...KEY_REFERENCE_MESSAGES,
      missing: 'table "{{table}}" has no tenant key "{{key}}"',
      lookalike: 'table "{{table}}" has no tenant key "{{key}}", only "{{lookalike}}" (a quoted identifier keeps its case)',
      notUuid: "{{what}} is {{type}}, not uuid like the tenant root's id",
      nullable: '{{what}} allows NULL, and a row without a tenant belongs to no one and escapes tenant policies',
    },
  },
  check(ctx) {
    const { tenantKey, tenantRoot, defaultSchema } = ctx.standard;
    const root = standardTable(ctx.catalog, tenantRoot, defaultSchema);
    for (const table of ctx.tables) {
      // A partition is judged through its parent, whose columns, keys, indexes and row triggers it inherits.
      if (table.partitionOf) continue;
      if (!TENANT_KINDS.has(ctx.kindOf(table))) continue;
      const alterTable = `ALTER TABLE ${sqlTableName(table, defaultSchema)}`;
      const column = findColumn(table, tenantKey);
      if (!column) {
        reportMissing(ctx, table, alterTable, root);
        continue;
      }
      const what = `tenant key "${column.name}" of "${table.name}"`;
      const alter = `${alterTable} ALTER COLUMN ${ident(column.name)}`;
      if (column.type.name !== 'uuid' || column.type.arrayDims > 0) {
        ctx.report({
          table,
          node: column,
          messageId: 'notUuid',
          data: { what, type: column.type.text },
          fix: { sql: `${alter} TYPE uuid USING ${ident(column.name)}::uuid`, phase: 'column', json: { op: 'set', path: ['type'], value: 'uuid', of: 'node' } },
        });
      }
      if (!column.notNull) {
        ctx.report({ table, node: column, messageId: 'nullable', data: { what }, fix: { sql: `${alter} SET NOT NULL`, json: { op: 'set', path: ['nullable'], value: false, of: 'node' } } });
      }
      reportKeyReference(ctx, table, column, { name: tenantRoot, table: root }, what);
    }
  },
});

function reportMissing(ctx: RuleContext, table: Table, alterTable: string, root: Table | undefined): void {
  const { tenantKey: name, tenantRoot, defaultSchema } = ctx.standard;
  // A quoted "Organisation_Id" is a different column: point at it rather than add a twin.
  const lookalike = table.columns.find((c) => c.name !== name && c.name.toLowerCase() === name.toLowerCase());
  if (lookalike) {
    const sql = `${alterTable} RENAME COLUMN ${ident(lookalike.name)} TO ${ident(name)}`;
    ctx.report({ table, messageId: 'lookalike', data: { table: table.name, key: name, lookalike: lookalike.name }, fix: { sql, phase: 'rename' } });
    return;
  }
  const rootRef = root ?? { schema: defaultSchema, name: tenantRoot };
  const references = { table: rootRef.schema === defaultSchema ? rootRef.name : `${rootRef.schema}.${rootRef.name}`, column: 'id' };
  ctx.report({
    table,
    messageId: 'missing',
    data: { table: table.name, key: name },
    fix: {
      sql: `${alterTable} ADD COLUMN ${ident(name)} uuid NOT NULL REFERENCES ${sqlTableName(rootRef, defaultSchema)} (id)`,
      phase: 'column',
      json: { op: 'append', path: ['columns'], value: { name, type: 'uuid', nullable: false, references } },
    },
  });
}
