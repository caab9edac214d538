import { ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'timestamptz and its spellings', sql: 'CREATE TABLE event (a timestamptz, b timestamp with time zone, c timestamptz(3), d timestamptz[], e date, f time);' },
    {
      name: 'changed to timestamptz by a later migration',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE event (starts_at timestamp);',
        'app/migrations/002_b.sql': "ALTER TABLE event ALTER COLUMN starts_at TYPE timestamptz USING starts_at AT TIME ZONE 'UTC';",
      },
    },
    { name: 'column dropped later', sql: 'CREATE TABLE event (id int, starts_at timestamp);\nALTER TABLE event DROP COLUMN starts_at;' },
  ],
  invalid: [
    {
      name: 'timestamp',
      sql: 'CREATE TABLE event (\n  id uuid,\n  starts_at timestamp NOT NULL\n);',
      errors: [
        {
          message:
            'column "starts_at" is timestamp without time zone: it drops the UTC offset, so the same instant written by sessions in different time zones is stored as different values and compares and sorts wrongly; use timestamptz',
          line: 3,
          column: 3,
          logical: 'public.event.starts_at',
          fix: "ALTER TABLE event ALTER COLUMN starts_at TYPE timestamptz USING starts_at AT TIME ZONE 'UTC';",
        },
      ],
    },
    {
      name: 'in schema.json: the fix sets the column type',
      schemaJson: {
        'app/schema.json': JSON.stringify({
          module: 'app',
          tables: [
            {
              name: 'event',
              columns: [
                { name: 'id', type: 'uuid' },
                { name: 'starts_at', type: 'timestamp(3)' },
              ],
            },
          ],
        }),
      },
      errors: [{ messageId: 'timestamp', data: { column: 'starts_at', better: 'timestamptz(3)' }, fix: 'set tables[0].columns[1].type to "timestamptz(3)"' }],
    },
    {
      name: 'spelled out, with precision, qualified, arrays',
      sql: 'CREATE TABLE event (a timestamp without time zone, b timestamp(3), c pg_catalog.timestamp, d timestamp[], "E" timestamp(0)[][]);',
      errors: [
        { message: /^column "a" is timestamp without time zone: .* use timestamptz$/ },
        { message: /^column "b" is timestamp\(3\) without time zone: .* use timestamptz\(3\)$/, fix: "ALTER TABLE event ALTER COLUMN b TYPE timestamptz(3) USING b AT TIME ZONE 'UTC';" },
        { message: /^column "c" is timestamp without time zone/ },
        // An array has no simple USING for the time zone: no fix.
        { message: /^column "d" is timestamp without time zone\[\]: .* use timestamptz\[\]$/, fix: null },
        // PostgreSQL ignores the number of array dimensions: timestamp(0)[][] is timestamp(0)[].
        { message: /^column "E" is timestamp\(0\) without time zone\[\]: .* use timestamptz\(0\)\[\]$/, logical: 'public.event.E' },
      ],
    },
    {
      name: 'added or changed by a later migration',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE event (a timestamptz);',
        'app/migrations/002_b.sql': 'ALTER TABLE event ADD COLUMN b timestamp;\nALTER TABLE event ALTER COLUMN a TYPE timestamp;',
      },
      errors: [
        { message: /^column "b"/, file: 'app/migrations/002_b.sql', line: 1 },
        { message: /^column "a".*\(changed here; column defined at app\/migrations\/001_a\.sql:1\)$/, file: 'app/migrations/002_b.sql', line: 2 },
      ],
    },
  ],
});
