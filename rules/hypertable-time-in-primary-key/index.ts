import { defineRule } from '../../src/engine/rule.js';
import type { Table } from '../../src/model/catalog.js';
import { findColumn } from '../../src/model/catalog.js';
import { ident } from '../../src/model/names.js';
import { indexLikes } from '../../src/model/queries.js';

/** Types TimescaleDB can partition a hypertable by (integer time needs a chunk interval). */
const TIME_TYPES = new Set(['timestamp with time zone', 'timestamp without time zone', 'date', 'smallint', 'integer', 'bigint']);

export default defineRule({
  meta: {
    id: 'hypertable-time-in-primary-key',
    category: 'integrity',
    description: "A hypertable's time column exists, is a NOT NULL time type, and is part of its primary key and every unique constraint or index.",
    severity: 'error',
    compliance: ['ISO 27001 A.8.15', 'ISO 27001 A.8.6', 'NIST CSF PR.PT-1'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      noTimeColumn:
        'create_hypertable partitions "{{table}}" by "{{time}}", but the table has no such column once all migrations have run: add {{timeSql}} timestamptz NOT NULL or name the right column',
      timeType: 'time column "{{time}}" of hypertable "{{table}}" is {{type}}: TimescaleDB partitions by timestamptz, timestamp, date or an integer type; use timestamptz',
      timeNullable:
        'time column "{{time}}" of hypertable "{{table}}" is not declared NOT NULL: TimescaleDB adds the constraint itself when create_hypertable runs, so the migrations do not show what the database enforces; declare {{timeSql}} NOT NULL',
      keyWithoutTime:
        '{{kind}} "{{key}}" ({{keys}}) of hypertable "{{table}}" does not include its time column "{{time}}": TimescaleDB refuses it (a unique index must contain the partitioning column); use ({{wanted}})',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      if (table.hypertable) check(table, table.hypertable);
    }

    function check(table: Table, hypertable: NonNullable<Table['hypertable']>): void {
      const time = hypertable.timeColumn;
      const column = findColumn(table, time);
      if (!column) {
        ctx.report({
          table,
          loc: hypertable.loc,
          messageId: 'noTimeColumn',
          data: { table: table.name, time, timeSql: ident(time) },
        });
        return;
      }
      if (!TIME_TYPES.has(column.type.name) || column.type.arrayDims > 0) {
        ctx.report({
          table,
          node: column,
          messageId: 'timeType',
          data: { time, table: table.name, type: column.type.text },
        });
      }
      if (!column.notNull) {
        ctx.report({
          table,
          node: column,
          messageId: 'timeNullable',
          data: { time, table: table.name, timeSql: ident(time) },
        });
      }
      for (const key of indexLikes(table)) {
        if (!key.unique || key.keys.includes(time)) continue;
        const kind = 'kind' in key.source ? (key.source.kind === 'primary key' ? 'primary key' : 'unique constraint') : 'unique index';
        const keys = key.keys.map((k) => k ?? '(expression)');
        ctx.report({
          table,
          node: key.source,
          messageId: 'keyWithoutTime',
          data: { kind, key: key.name, keys: keys.join(', '), table: table.name, time, wanted: [ident(time), ...keys].join(', ') },
        });
      }
    }
  },
});
