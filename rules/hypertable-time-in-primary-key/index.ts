import { defineRule } from '../../src/engine/rule.js';
import type { Table } from '../../src/model/catalog.js';
import { findColumn } from '../../src/model/catalog.js';
import { isReservedWord } from '../../src/model/keywords.js';
import { quoteIdent } from '../../src/model/names.js';
import { indexLikes } from '../../src/model/queries.js';

const ident = (name: string) => quoteIdent(name, isReservedWord);

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
          message: `create_hypertable partitions "${table.name}" by "${time}", but the table has no such column once all migrations have run: add ${ident(time)} timestamptz NOT NULL or name the right column`,
        });
        return;
      }
      if (!TIME_TYPES.has(column.type.name) || column.type.arrayDims > 0) {
        ctx.report({
          table,
          node: column,
          message: `time column "${time}" of hypertable "${table.name}" is ${column.type.text}: TimescaleDB partitions by timestamptz, timestamp, date or an integer type; use timestamptz`,
        });
      }
      if (!column.notNull) {
        ctx.report({
          table,
          node: column,
          message: `time column "${time}" of hypertable "${table.name}" is not declared NOT NULL: TimescaleDB adds the constraint itself when create_hypertable runs, so the migrations do not show what the database enforces; declare ${ident(time)} NOT NULL`,
        });
      }
      for (const key of indexLikes(table)) {
        if (!key.unique || key.keys.includes(time)) continue;
        const kind = 'kind' in key.source ? (key.source.kind === 'primary key' ? 'primary key' : 'unique constraint') : 'unique index';
        const keys = key.keys.map((k) => k ?? '(expression)');
        ctx.report({
          table,
          node: key.source,
          message: `${kind} "${key.name}" (${keys.join(', ')}) of hypertable "${table.name}" does not include its time column "${time}": TimescaleDB refuses it (a unique index must contain the partitioning column); use (${[ident(time), ...keys].join(', ')})`,
        });
      }
    }
  },
});
