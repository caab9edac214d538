import { defineRule } from '../../src/engine/rule.js';
import { primaryKey } from '../../src/model/catalog.js';
import { isReservedWord } from '../../src/model/keywords.js';
import { quoteIdent } from '../../src/model/names.js';

const ident = (name: string) => quoteIdent(name, isReservedWord);

export default defineRule({
  meta: {
    id: 'primary-key-required',
    category: 'integrity',
    description: 'Every table has a primary key.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.27', 'ISO 27001 A.5.33', 'GDPR Art. 5(1)(d)', 'POPIA s16', 'NIST CSF PR.DS-6'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    const uuidV7 = `${ctx.standard.uuidV7Function}()`;
    for (const table of ctx.tables) {
      // A partition shares its parent's primary key (PostgreSQL creates it on every partition).
      if (table.partitionOf || primaryKey(table)) continue;
      // TimescaleDB needs the time column in every unique key of a hypertable.
      const fix = table.hypertable
        ? `add PRIMARY KEY (${ident(table.hypertable.timeColumn)}, id) with id uuid NOT NULL DEFAULT ${uuidV7}`
        : `add id uuid PRIMARY KEY DEFAULT ${uuidV7}`;
      ctx.report({
        table,
        message: `table "${table.name}" has no primary key: rows cannot be identified for audit trails, updates or references; ${fix}`,
      });
    }
  },
});
