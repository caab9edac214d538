import { findColumn, type Table } from '../../src/model/catalog.js';
import { quoteIdent, sqlTableName } from '../../src/model/names.js';
import { standardTable } from '../../src/model/queries.js';
import { reportKeyReference } from '../../src/engine/key-reference.js';
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
  },
  check(ctx) {
    const { tenantKey, tenantRoot, defaultSchema } = ctx.standard;
    const root = standardTable(ctx.catalog, tenantRoot, defaultSchema);
    const rootSql = sqlTableName(root ?? { schema: defaultSchema, name: tenantRoot }, defaultSchema);
    for (const table of ctx.tables) {
      // A partition is judged through its parent, whose columns, keys, indexes and row triggers it inherits.
      if (table.partitionOf) continue;
      if (!TENANT_KINDS.has(ctx.kindOf(table))) continue;
      const alterTable = `ALTER TABLE ${sqlTableName(table, defaultSchema)}`;
      const column = findColumn(table, tenantKey);
      if (!column) {
        ctx.report({ table, message: missingMessage(ctx, table, alterTable, rootSql) });
        continue;
      }
      const what = `tenant key "${column.name}" of "${table.name}"`;
      const alter = `${alterTable} ALTER COLUMN ${quoteIdent(column.name)}`;
      if (column.type.name !== 'uuid' || column.type.arrayDims > 0) {
        ctx.report({ table, node: column, message: `${what} is ${column.type.text}, not uuid like the tenant root's id: ${alter} TYPE uuid` });
      }
      if (!column.notNull) {
        ctx.report({ table, node: column, message: `${what} allows NULL, and a row without a tenant belongs to no one and escapes tenant policies: ${alter} SET NOT NULL` });
      }
      reportKeyReference(ctx, table, column, { name: tenantRoot, table: root }, what);
    }
  },
});

function missingMessage(ctx: RuleContext, table: Table, alterTable: string, rootSql: string): string {
  const name = ctx.standard.tenantKey;
  // A quoted "Organisation_Id" is a different column: point at it rather than add a twin.
  const lookalike = table.columns.find((c) => c.name !== name && c.name.toLowerCase() === name.toLowerCase());
  if (lookalike) {
    return `table "${table.name}" has no tenant key "${name}", only "${lookalike.name}" (a quoted identifier keeps its case): ${alterTable} RENAME COLUMN ${quoteIdent(lookalike.name)} TO ${quoteIdent(name)}`;
  }
  return `table "${table.name}" has no tenant key "${name}": ${alterTable} ADD COLUMN ${quoteIdent(name)} uuid NOT NULL REFERENCES ${rootSql} (id)`;
}
