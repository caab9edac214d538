import { GLOBAL_PRELUDE, ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'the standard’s own tables', sql: GLOBAL_PRELUDE, global: false },
    {
      name: 'both timestamp types and their aliases',
      sql: 'CREATE TABLE vendor (reviewed_at timestamptz, synced_at timestamp, approved_at timestamp(3) with time zone, due_at TIMESTAMP WITHOUT TIME ZONE);',
    },
    { name: 'other date and time types are not judged', sql: 'CREATE TABLE vendor (due_date date, opens time, starts timetz, validity tstzrange, duration interval);' },
    { name: 'arrays of timestamps are not judged', sql: 'CREATE TABLE vendor (reminders timestamptz[]);' },
    { name: 'configured suffixes', sql: 'CREATE TABLE vendor (created_at timestamptz, valid_from timestamptz, valid_until timestamptz);', options: { suffixes: ['_at', '_from', '_until'] } },
    {
      name: 'renamed by a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendor (reviewed timestamptz);', 'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN reviewed TO reviewed_at;' },
    },
    {
      name: 'retyped by a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendor (review_date timestamptz);', 'app/migrations/002_b.sql': 'ALTER TABLE vendor ALTER COLUMN review_date TYPE date;' },
    },
  ],
  invalid: [
    {
      name: 'no _at suffix',
      sql: 'CREATE TABLE vendor (\n  id uuid,\n  approval_date timestamptz,\n  created_on timestamp,\n  last_login timestamp with time zone\n);',
      errors: [
        { message: 'timestamp column "approval_date" on table "vendor" does not end in "_at": rename it, e.g. to "approval_at"', line: 3, column: 3, logical: 'public.vendor.approval_date' },
        { message: /"created_on" .* e\.g\. to "created_at"$/, line: 4 },
        { message: /"last_login" .* e\.g\. to "last_login_at"$/, line: 5 },
      ],
    },
    {
      name: 'the seed’s audit_log.timestamp',
      sql: 'CREATE TABLE audit_log (id uuid NOT NULL, timestamp timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (timestamp, id));',
      errors: [{ messageId: 'renameFreely', data: { column: 'timestamp', table: 'audit_log', suffixes: '"_at"', suffix: '_at' }, logical: 'public.audit_log.timestamp' }],
    },
    {
      name: 'a partition’s columns are reported once, on the parent',
      sql: "CREATE TABLE event (id uuid, occurred timestamptz NOT NULL) PARTITION BY RANGE (occurred);\nCREATE TABLE event_2025 PARTITION OF event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
      errors: [{ message: /"occurred" on table "event"/, logical: 'public.event.occurred' }],
    },
    {
      name: 'the suffix alone is not a name',
      sql: 'CREATE TABLE vendor ("_at" timestamptz);',
      errors: [{ message: /"_at" .* does not end in "_at"/ }],
    },
    {
      name: 'a column added or retyped by a later migration',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE vendor (review_date date, synced text);',
        'app/migrations/002_b.sql': 'ALTER TABLE vendor ALTER COLUMN review_date TYPE timestamptz, ADD COLUMN expiration timestamptz;',
      },
      errors: [{ message: /"review_date" .* e\.g\. to "review_at"$/ }, { message: /"expiration" .* e\.g\. to "expiration_at"$/, file: 'app/migrations/002_b.sql' }],
    },
    {
      name: 'configured suffixes replace the default',
      sql: 'CREATE TABLE vendor (created_at timestamptz, valid_from timestamptz);',
      options: { suffixes: ['_on', '_from'] },
      errors: [{ messageId: 'rename', data: { column: 'created_at', table: 'vendor', suffixes: '"_on" or "_from"', suggestion: 'created_on' } }],
    },
  ],
});
