import { findColumn } from '../../src/model/catalog.js';
import { standardTable } from '../../src/model/queries.js';
import { KEY_REFERENCE_MESSAGES, reportKeyReference } from '../../src/engine/key-reference.js';
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
    messages: KEY_REFERENCE_MESSAGES,
  },
  check(ctx) {
    const { usersTable, defaultSchema, auditColumns } = ctx.standard;
    const users = standardTable(ctx.catalog, usersTable, defaultSchema);
    for (const table of ctx.tables) {
      // A partition is judged through its parent, whose columns, keys, indexes and row triggers it inherits.
      if (table.partitionOf) continue;
      // A log table's updated_by/deleted_by should not exist at all: audit-log-append-only says so.
      const keys: ActorKey[] = ctx.kindOf(table) === 'log' ? ['createdBy'] : ['createdBy', 'updatedBy', 'deletedBy'];
      for (const key of keys) {
        const column = findColumn(table, auditColumns[key]);
        if (!column) continue;
        reportKeyReference(ctx, table, column, { name: usersTable, table: users }, `audit column "${column.name}" of "${table.name}"`);
      }
    }
  },
});
