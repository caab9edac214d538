import { PGlite } from '@electric-sql/pglite';
import { expect, it } from 'vitest';
import { ruleTester } from '../test-harness.js';
import rule from './index.js';

/** One column per line so that findings have predictable lines: created_at is line 2, deleted_by line 7. */
const vendor = (overrides: Record<string, string> = {}) => {
  const columns: Record<string, string> = {
    created_at: 'timestamptz NOT NULL DEFAULT now()',
    created_by: 'uuid NOT NULL',
    updated_at: 'timestamptz NOT NULL DEFAULT now()',
    updated_by: 'uuid NULL',
    deleted_at: 'timestamptz NULL',
    deleted_by: 'uuid NULL',
    ...overrides,
  };
  return `CREATE TABLE vendor (\n${Object.entries(columns)
    .map(([name, def]) => `  ${name} ${def}`)
    .join(',\n')}\n);`;
};

ruleTester(rule, {
  valid: [
    { name: 'as the standard prescribes', sql: vendor() },
    {
      name: 'CURRENT_TIMESTAMP, transaction_timestamp(), pg_catalog.now() and a cast to timestamptz are all now()',
      sql:
        vendor({
          created_at: 'timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP',
          updated_at: 'pg_catalog.timestamptz NOT NULL DEFAULT transaction_timestamp()',
          updated_by: 'uuid',
        }) + '\nALTER TABLE vendor ALTER COLUMN updated_at SET DEFAULT pg_catalog.now()::timestamptz;',
    },
    { name: 'an explicit DEFAULT NULL on the deletion columns', sql: vendor({ deleted_at: 'timestamptz DEFAULT NULL', deleted_by: 'uuid DEFAULT NULL::uuid' }) },
    { name: 'created_by may have a default (e.g. the session user)', sql: vendor({ created_by: "uuid NOT NULL DEFAULT current_setting('app.current_user_id')::uuid" }) },
    { name: 'only present columns are judged', sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());' },
    {
      name: 'fixed by a later migration',
      sql: {
        'app/migrations/001_a.sql': vendor({ created_at: 'timestamp', deleted_at: 'timestamptz NOT NULL' }),
        'app/migrations/002_b.sql':
          'ALTER TABLE vendor ALTER COLUMN created_at TYPE timestamptz, ALTER COLUMN created_at SET NOT NULL, ALTER COLUMN created_at SET DEFAULT now();\nALTER TABLE vendor ALTER COLUMN deleted_at DROP NOT NULL;',
      },
    },
    {
      name: "a log table's updated_*/deleted_* are left to audit-log-append-only",
      sql: 'CREATE TABLE audit_log (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), created_by uuid NOT NULL, updated_at timestamp, deleted_at timestamptz NOT NULL);',
    },
    {
      name: 'configured, quoted audit column names',
      sql: 'CREATE TABLE vendor ("CreatedAt" timestamptz NOT NULL DEFAULT now(), created_at text);',
      standard: { auditColumns: { createdAt: 'CreatedAt' } },
    },
  ],
  invalid: [
    {
      name: 'wrong type, nullable and no default: one finding per deviation, at the column',
      sql: vendor({ created_at: 'timestamp' }),
      errors: [
        {
          messageId: 'nullable',
          data: { what: 'audit column "created_at" of "vendor"', why: 'every row must record when it was created' },
          fix: 'ALTER TABLE vendor ALTER COLUMN created_at SET NOT NULL;',
          line: 2,
          column: 3,
          logical: 'public.vendor.created_at',
        },
        { messageId: 'noDefault', data: { what: 'audit column "created_at" of "vendor"' }, fix: 'ALTER TABLE vendor ALTER COLUMN created_at SET DEFAULT now();', line: 2 },
        {
          message: /^audit column "created_at" of "vendor" is timestamp without time zone, not timestamptz \(it stores no time zone.*/,
          fix: /ALTER TABLE vendor ALTER COLUMN created_at TYPE timestamptz USING created_at AT TIME ZONE 'UTC';$/,
          line: 2,
        },
      ],
    },
    {
      name: 'clock_timestamp() is not the transaction time',
      sql: vendor({ updated_at: 'timestamptz NOT NULL DEFAULT clock_timestamp()' }),
      errors: [
        {
          message: /^audit column "updated_at" of "vendor" defaults to clock_timestamp\(\), the wall-clock time of each call, which moves on within a transaction .*/,
          fix: /ALTER TABLE vendor ALTER COLUMN updated_at SET DEFAULT now\(\);$/,
          line: 4,
        },
      ],
    },
    {
      name: 'statement_timestamp() is not the transaction time',
      sql: vendor({ created_at: 'timestamptz NOT NULL DEFAULT statement_timestamp()' }),
      errors: [{ message: /defaults to statement_timestamp\(\), the start of the current statement, which differs between the statements of one transaction/ }],
    },
    {
      name: "the literal 'now' is frozen when the table is created",
      sql: vendor({ created_at: "timestamptz NOT NULL DEFAULT 'now'" }),
      errors: [{ message: /defaults to 'now', a literal PostgreSQL converts once, when the default is created/ }],
    },
    {
      name: 'CURRENT_TIMESTAMP(0), LOCALTIMESTAMP, a look-alike now() of another schema',
      sql:
        vendor({
          created_at: 'timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP(0)',
          updated_at: 'timestamptz NOT NULL DEFAULT LOCALTIMESTAMP',
        }) + '\nCREATE SCHEMA util;\nALTER TABLE vendor ALTER COLUMN updated_at SET DEFAULT util.now();',
      errors: [
        { message: /defaults to CURRENT_TIMESTAMP(?:\(0\))?, which rounds the transaction time to 0 fractional digits/, line: 2 },
        { message: /defaults to util\.now\(\), a function of schema "util", not PostgreSQL's own.*\(changed here; column defined at .*:4\)$/, line: 10 },
      ],
    },
    {
      name: 'LOCALTIMESTAMP has no time zone',
      sql: vendor({ updated_at: 'timestamptz NOT NULL DEFAULT LOCALTIMESTAMP' }),
      errors: [{ message: /defaults to LOCALTIMESTAMP, a timestamp without time zone, read back in the session time zone/, line: 4 }],
    },
    {
      name: 'a cast that changes the value',
      sql: vendor({ created_at: 'timestamptz NOT NULL DEFAULT now()::date' }),
      errors: [{ message: /defaults to now\(\)::date, whose cast to date changes the value/ }],
    },
    {
      name: 'a timestamptz with reduced precision is not timestamptz',
      sql: vendor({ updated_at: 'timestamptz(0) NOT NULL DEFAULT now()' }),
      errors: [
        {
          messageId: 'wrongType',
          data: { what: 'audit column "updated_at" of "vendor"', type: 'timestamp(0) with time zone', wanted: 'timestamptz' },
          fix: 'ALTER TABLE vendor ALTER COLUMN updated_at TYPE timestamptz;',
        },
      ],
    },
    {
      name: 'NOT NULL deleted_at makes soft delete impossible; a default deletes every new row',
      sql: vendor({ deleted_at: 'timestamptz NOT NULL DEFAULT now()' }),
      errors: [
        {
          messageId: 'deletedByDefault',
          data: { what: 'audit column "deleted_at" of "vendor"', default: 'now()' },
          fix: 'ALTER TABLE vendor ALTER COLUMN deleted_at DROP DEFAULT;',
          line: 6,
          column: 3,
        },
        { message: /^audit column "deleted_at" of "vendor" is NOT NULL, but a live row has no deletion time, so NOT NULL makes soft delete impossible$/, fix: /DROP NOT NULL;$/, line: 6 },
      ],
    },
    {
      name: 'actor columns: uuid, created_by NOT NULL, updated_by/deleted_by nullable',
      sql: vendor({ created_by: 'text', updated_by: 'uuid NOT NULL', deleted_by: 'uuid[]' }),
      errors: [
        { message: /^audit column "created_by" of "vendor" allows NULL, but every row must record who created it/, line: 3 },
        {
          messageId: 'wrongType',
          data: { what: 'audit column "created_by" of "vendor"', type: 'text', wanted: 'uuid' },
          fix: 'ALTER TABLE vendor ALTER COLUMN created_by TYPE uuid USING created_by::uuid;',
          line: 3,
        },
        { message: /^audit column "updated_by" of "vendor" is NOT NULL, but a row nobody has updated yet has no updater/, line: 5 },
        { message: /^audit column "deleted_by" of "vendor" is uuid\[\], not uuid/, line: 7 },
      ],
    },
    {
      name: 'broken by a later migration, reported at that statement, naming the column definition',
      sql: { 'app/migrations/001_a.sql': vendor(), 'app/migrations/002_b.sql': 'ALTER TABLE vendor ALTER COLUMN created_at DROP DEFAULT, ALTER COLUMN created_by DROP NOT NULL;' },
      errors: [
        { message: /"created_at" of "vendor" has no default.*\(changed here; column defined at app\/migrations\/001_a\.sql:2\)$/, file: 'app/migrations/002_b.sql', line: 1 },
        { message: /"created_by" of "vendor" allows NULL.*\(changed here; column defined at app\/migrations\/001_a\.sql:3\)$/, file: 'app/migrations/002_b.sql', line: 1 },
      ],
    },
    {
      name: 'renamed into an audit name by a later migration, then judged',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE vendor (id uuid PRIMARY KEY,\n  removed timestamptz NOT NULL);',
        'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN removed TO deleted_at;',
      },
      errors: [{ message: /"deleted_at" of "vendor" is NOT NULL/, line: 2, column: 3, logical: 'public.vendor.deleted_at' }],
    },
    {
      name: 'configured, quoted audit column names',
      sql: 'CREATE TABLE vendor ("CreatedAt" timestamptz DEFAULT now());',
      standard: { auditColumns: { createdAt: 'CreatedAt' } },
      errors: [
        {
          messageId: 'nullable',
          data: { what: 'audit column "CreatedAt" of "vendor"', why: 'every row must record when it was created' },
          fix: 'ALTER TABLE vendor ALTER COLUMN "CreatedAt" SET NOT NULL;',
          column: 22,
          logical: 'public.vendor.CreatedAt',
        },
      ],
    },
  ],
});

it("PostgreSQL: now(), CURRENT_TIMESTAMP and transaction_timestamp() agree; clock_timestamp() and the literal 'now' do not", async () => {
  const db = new PGlite();
  await db.exec(`CREATE TABLE t (n int, lit timestamptz DEFAULT 'now', created_at timestamptz DEFAULT now())`);
  const [{ same, clock }] = (
    await db.query<{ same: boolean; clock: boolean }>(
      `SELECT now() = CURRENT_TIMESTAMP AND now() = transaction_timestamp() AS same,
              (SELECT clock_timestamp() <> now() FROM pg_sleep(0.01)) AS clock`,
    )
  ).rows;
  expect(same).toBe(true);
  expect(clock).toBe(true);
  // The literal was turned into a constant when the table was created: later rows get that old time.
  const [{ stored }] = (await db.query<{ stored: string }>(`SELECT pg_get_expr(adbin, adrelid) AS stored FROM pg_attrdef WHERE adrelid = 't'::regclass AND adnum = 2`)).rows;
  expect(stored).toMatch(/^'\d{4}-\d\d-\d\d [\d:.]+\+00'::timestamp with time zone$/);
  await db.close();
});
