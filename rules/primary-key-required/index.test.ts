import { ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'inline primary key', sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY DEFAULT generate_uuidv7());' },
    { name: 'table constraint', sql: 'CREATE TABLE vendor (id uuid, CONSTRAINT vendor_pkey PRIMARY KEY (id));' },
    {
      name: 'added by ALTER TABLE in a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendor (id uuid NOT NULL);', 'app/migrations/002_b.sql': 'ALTER TABLE vendor ADD PRIMARY KEY (id);' },
    },
    {
      name: 'composite key of a hypertable',
      sql: "CREATE TABLE metric (id uuid NOT NULL, recorded_at timestamptz NOT NULL, PRIMARY KEY (recorded_at, id));\nSELECT create_hypertable('metric', 'recorded_at');",
    },
    {
      name: 'a partition shares the primary key of its parent',
      sql: `CREATE TABLE event (id uuid, at timestamptz, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE event_2025 PARTITION OF event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
    },
    { name: 'a unique constraint is not required to be primary', sql: 'CREATE TABLE "Vendor" (id uuid PRIMARY KEY, code text UNIQUE);' },
  ],
  invalid: [
    {
      name: 'no primary key',
      sql: 'CREATE TABLE vendor (\n  id uuid NOT NULL UNIQUE\n);',
      errors: [
        {
          message: 'table "vendor" has no primary key: rows cannot be identified for audit trails, updates or references; add id uuid PRIMARY KEY DEFAULT generate_uuidv7()',
          line: 1,
          column: 14,
          logical: 'public.vendor',
        },
      ],
    },
    {
      name: 'dropped by a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendor (id uuid PRIMARY KEY);', 'app/migrations/002_b.sql': 'ALTER TABLE vendor DROP CONSTRAINT vendor_pkey;' },
      errors: [{ message: /table "vendor" has no primary key/, file: 'app/migrations/001_a.sql', line: 1 }],
    },
    {
      name: 'hypertable: suggests the composite key with its time column',
      sql: "CREATE TABLE metric (id uuid, \"recordedAt\" timestamptz NOT NULL);\nSELECT create_hypertable('metric', 'recordedAt');",
      errors: [{ message: /add PRIMARY KEY \("recordedAt", id\) with id uuid NOT NULL DEFAULT generate_uuidv7\(\)$/ }],
    },
    {
      name: 'quoted mixed-case and schema-qualified tables; configured UUIDv7 function',
      sql: 'CREATE SCHEMA crm;\nCREATE TABLE crm."Vendor" (id uuid);',
      standard: { uuidV7Function: 'uuid_v7' },
      errors: [{ message: /table "Vendor" has no primary key: .* DEFAULT uuid_v7\(\)$/, line: 2, column: 14, logical: 'crm.Vendor' }],
    },
    {
      name: 'a configured UUIDv7 function whose name must be quoted: the fix quotes it',
      sql: 'CREATE TABLE vendor (name text);',
      standard: { uuidV7Function: 'select' },
      errors: [{ fix: 'ALTER TABLE vendor ADD COLUMN id uuid PRIMARY KEY DEFAULT "select"();' }],
    },
    {
      name: 'partitioned parent without a key is reported once, not per partition',
      sql: `CREATE TABLE event (id uuid, at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE event_2025 PARTITION OF event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
      errors: [{ logical: 'public.event' }],
    },
  ],
});
