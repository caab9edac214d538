import { findColumn } from '../../src/model/catalog.js';
import { quoteIdent, sqlTableName } from '../../src/model/names.js';
import { keyReference, referenceText, standardTable } from '../../src/model/queries.js';
import { defineRule } from '../../src/engine/rule.js';

type ActorKey = 'createdBy' | 'updatedBy' | 'deletedBy';

export default defineRule({
  meta: {
    id: 'audit-actor-reference',
    category: 'audit',
    description: "The actor audit columns (created_by, updated_by, deleted_by) each have a single-column foreign key to the users table's id.",
    severity: 'error',
    compliance: ['ISO 27001 A.8.15', 'GDPR Art. 30', 'POPIA s17', 'NIST CSF PR.PT-1', 'NIST CSF RS.AN-1'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    const { usersTable, defaultSchema, auditColumns } = ctx.standard;
    const users = standardTable(ctx.catalog, usersTable, defaultSchema);
    const usersSql = sqlTableName(users ?? { schema: defaultSchema, name: usersTable }, defaultSchema);
    for (const table of ctx.tables) {
      // A partition is judged through its parent, whose columns, keys, indexes and row triggers it inherits.
      if (table.partitionOf) continue;
      // A log table's updated_by/deleted_by should not exist at all: audit-log-append-only says so.
      const keys: ActorKey[] = ctx.kindOf(table) === 'log' ? ['createdBy'] : ['createdBy', 'updatedBy', 'deletedBy'];
      for (const key of keys) {
        const column = findColumn(table, auditColumns[key]);
        if (!column) continue;
        const what = `audit column "${column.name}" of "${table.name}"`;
        const alter = `ALTER TABLE ${sqlTableName(table, defaultSchema)}`;
        const add = `ADD FOREIGN KEY (${quoteIdent(column.name)}) REFERENCES ${usersSql} (id)`;
        const ref = keyReference(table, column.name, { name: usersTable, table: users }, ctx.lookupTable);
        switch (ref.kind) {
          case 'ok':
            break;
          case 'not valid':
            ctx.report({
              table,
              node: ref.fk,
              message: `foreign key "${ref.fk.name}" of ${what} is NOT VALID, so rows written before it was added are not checked: ${alter} VALIDATE CONSTRAINT ${quoteIdent(ref.fk.name)}`,
            });
            break;
          case 'elsewhere':
            ctx.report({
              table,
              node: ref.fk,
              message: `foreign key "${ref.fk.name}" of ${what} references ${referenceText(ref.fk, defaultSchema, ctx.lookupTable)}, not "${usersTable}" ("id"): ${alter} DROP CONSTRAINT ${quoteIdent(ref.fk.name)}, ${add}`,
            });
            break;
          case 'composite':
            ctx.report({
              table,
              node: column,
              message: `${what} is only part of the composite foreign key "${ref.fk.name}" (${ref.fk.columns.join(', ')}); give it its own: ${alter} ${add}`,
            });
            break;
          case 'none':
            ctx.report({ table, node: column, message: `${what} has no foreign key to "${usersTable}": ${alter} ${add}` });
            break;
        }
      }
    }
  },
});
