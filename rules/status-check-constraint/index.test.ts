import { ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'IN list, as in the standard', sql: "CREATE TABLE vendor (status text NOT NULL DEFAULT 'draft', CONSTRAINT valid_status CHECK (status IN ('draft', 'approved')));" },
    { name: 'column constraint', sql: "CREATE TABLE vendor (status text CHECK (status IN ('draft', 'approved')));" },
    {
      name: 'pg_dump form: = ANY (ARRAY[...]) with ::text casts',
      sql: "CREATE TABLE vendor (status character varying(20), CONSTRAINT valid_status CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, 'approved'::character varying])::text[]))));",
    },
    { name: '= ANY of an array literal', sql: "CREATE TABLE vendor (status text CHECK (status = ANY ('{draft,approved}'::text[])));" },
    { name: 'OR chain of equalities, either way round', sql: "CREATE TABLE vendor (status text CHECK (status = 'draft' OR 'approved' = status OR status IS NULL));" },
    { name: 'inside an AND, qualified column', sql: "CREATE TABLE vendor (status text, amount int, CHECK (vendor.status IN ('a', 'b') AND amount > 0));" },
    { name: 'enum type', sql: "CREATE TYPE vendor_status AS ENUM ('draft', 'approved');\nCREATE TABLE vendor (status vendor_status NOT NULL);" },
    { name: 'schema-qualified enum type', sql: "CREATE SCHEMA crm;\nCREATE TYPE crm.vendor_status AS ENUM ('draft');\nCREATE TABLE vendor (status crm.vendor_status);" },
    {
      name: 'check added by a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendor (status text);', 'app/migrations/002_b.sql': "ALTER TABLE vendor ADD CONSTRAINT valid_status CHECK (status IN ('draft')) NOT VALID;" },
    },
    {
      name: 'column renamed later: the CHECK follows it',
      sql: { 'app/migrations/001_a.sql': "CREATE TABLE vendor (state text CHECK (state IN ('draft', 'approved')));", 'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN state TO status;' },
    },
    { name: 'other columns are not judged by default', sql: 'CREATE TABLE vendor (state text, review_status text);' },
    {
      name: 'a partition has its parent’s CHECK',
      sql: "CREATE TABLE event (status text CHECK (status IN ('a')), at date) PARTITION BY RANGE (at);\nCREATE TABLE event_2025 PARTITION OF event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
    },
  ],
  invalid: [
    {
      name: 'no check',
      sql: 'CREATE TABLE vendor (\n  id uuid,\n  status text NOT NULL\n);',
      errors: [
        {
          message: 'column "status" of "vendor" has no CHECK listing its values, so any value is a valid state: add CONSTRAINT valid_status CHECK (status IN (\'…\', \'…\')) or give it an enum type',
          line: 3,
          column: 3,
          logical: 'public.vendor.status',
        },
      ],
    },
    {
      name: 'IS NOT NULL and length() do not list values',
      sql: 'CREATE TABLE vendor (status text CONSTRAINT status_present CHECK (status IS NOT NULL), CONSTRAINT status_length CHECK (length(status) > 0));',
      errors: [{ message: /has no CHECK listing its values \(CHECK "status_present" \(status IS NOT NULL\), CHECK "status_length" \(length\(status\) > 0\) does not list them\)/ }],
    },
    { name: 'NOT IN excludes values instead of listing them', sql: "CREATE TABLE vendor (status text CHECK (status NOT IN ('x')));", errors: [{ message: /status NOT IN \('x'\)/ }] },
    {
      name: 'an OR with another condition does not restrict the column',
      sql: "CREATE TABLE vendor (status text, deleted_at timestamptz, CHECK (status IN ('a') OR deleted_at IS NOT NULL));",
      errors: [{ message: /has no CHECK listing its values/ }],
    },
    { name: 'the list restricts another column', sql: "CREATE TABLE vendor (status text, kind text, CHECK (kind IN ('a', 'b')));", errors: [{ logical: 'public.vendor.status' }] },
    {
      name: 'check dropped by a later migration',
      sql: {
        'app/migrations/001_a.sql': "CREATE TABLE vendor (status text, CONSTRAINT valid_status CHECK (status IN ('a')));",
        'app/migrations/002_b.sql': 'ALTER TABLE vendor DROP CONSTRAINT valid_status;',
      },
      errors: [{ message: /has no CHECK listing its values/, file: 'app/migrations/001_a.sql' }],
    },
    {
      name: 'column added by a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendor (id uuid);', 'app/migrations/002_b.sql': 'ALTER TABLE vendor\n  ADD COLUMN status text;' },
      errors: [{ file: 'app/migrations/002_b.sql', line: 2, column: 14 }],
    },
    { name: 'a text type named like no enum', sql: 'CREATE TABLE vendor (status vendor_status);', errors: [{ message: /has no CHECK listing its values/ }] },
    {
      name: 'option columns, quoted mixed-case column',
      sql: 'CREATE TABLE "Vendor" ("reviewState" text, status text);',
      options: { columns: ['reviewState'] },
      errors: [{ message: /^column "reviewState" of "Vendor" has no CHECK .*CONSTRAINT "valid_reviewState" CHECK \("reviewState" IN/, logical: 'public.Vendor.reviewState' }],
    },
  ],
});
