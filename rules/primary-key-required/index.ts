import { defineRule } from '../../src/engine/rule.js';
import { primaryKey } from '../../src/model/catalog.js';
import { findColumn, type Table } from '../../src/model/catalog.js';
import { ident, sqlIdent, sqlTableName } from '../../src/model/names.js';
import type { FixProposal } from '../../src/engine/rule.js';

/** An `id` column that exists becomes the key; otherwise the standard's key column is added. */
function addKey(table: Table, uuidV7: string, defaultSchema: string): FixProposal {
  const alter = `ALTER TABLE ${sqlTableName(table, defaultSchema)}`;
  if (findColumn(table, 'id')) return { sql: `${alter} ADD PRIMARY KEY (id)` };
  return { sql: `${alter} ADD COLUMN id uuid PRIMARY KEY DEFAULT ${uuidV7}`, phase: 'column' };
}

export default defineRule({
  meta: {
    id: 'primary-key-required',
    category: 'integrity',
    description: 'Every table has a primary key.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.27', 'ISO 27001 A.5.33', 'GDPR Art. 5(1)(d)', 'POPIA s16', 'NIST CSF PR.DS-6'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      missing: 'table "{{table}}" has no primary key: rows cannot be identified for audit trails, updates or references; {{advice}}',
    },
  },
  check(ctx) {
    const uuidV7 = `${sqlIdent(ctx.standard.uuidV7Function)}()`;
    for (const table of ctx.tables) {
      // A partition shares its parent's primary key (PostgreSQL creates it on every partition).
      if (table.partitionOf || primaryKey(table)) continue;
      // TimescaleDB needs the time column in every unique key of a hypertable.
      const advice = table.hypertable ? `add PRIMARY KEY (${ident(table.hypertable.timeColumn)}, id) with id uuid NOT NULL DEFAULT ${uuidV7}` : `add id uuid PRIMARY KEY DEFAULT ${uuidV7}`;
      ctx.report({ table, messageId: 'missing', data: { table: table.name, advice }, ...(table.hypertable ? {} : { fix: addKey(table, uuidV7, ctx.standard.defaultSchema) }) });
    }
  },
});
