import { describe, expect, it } from 'vitest';
import { lintCase, ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a table created in an earlier migration, in natural file order (2 before 10)',
      sql: { 'app/migrations/2_create.sql': 'CREATE TABLE vendor (id uuid PRIMARY KEY);', 'app/migrations/10_alter.sql': 'ALTER TABLE vendor ADD COLUMN name text;' },
    },
    {
      name: 'the global module is replayed first, whatever the module names',
      sql: { 'aaa/migrations/001.sql': 'ALTER TABLE organisations ADD COLUMN code text;' },
    },
    {
      name: 'IF [NOT] EXISTS makes repeats and absences fine',
      sql: `CREATE TABLE vendor (id uuid PRIMARY KEY, name text);
CREATE TABLE IF NOT EXISTS vendor (id uuid);
ALTER TABLE vendor ADD COLUMN IF NOT EXISTS name text;
ALTER TABLE vendor DROP COLUMN IF EXISTS nope;
ALTER TABLE IF EXISTS nope ADD COLUMN x int;
CREATE INDEX IF NOT EXISTS idx_vendor_name ON vendor (name);
CREATE INDEX IF NOT EXISTS idx_vendor_name ON vendor (name);
DROP INDEX IF EXISTS nope;
DROP TABLE IF EXISTS nope;`,
    },
    {
      name: 'a dropped column may be added again; a dropped table created again',
      sql: 'CREATE TABLE t (a int);\nALTER TABLE t DROP COLUMN a;\nALTER TABLE t ADD COLUMN a text;\nDROP TABLE t;\nCREATE TABLE t (b int);',
    },
    {
      name: 'a statement adds its columns before its constraints, in either order',
      sql: 'CREATE TABLE t (id int);\nALTER TABLE t ADD CONSTRAINT positive CHECK (qty > 0), ADD COLUMN qty int, ADD UNIQUE (qty);',
    },
    {
      name: 'INHERITS brings the parent’s columns; a repeated one merges',
      sql: "CREATE TABLE base (id int, note text);\nCREATE TABLE child (note text NOT NULL, PRIMARY KEY (id), CHECK (note <> '')) INHERITS (base);",
    },
    {
      name: 'quoted names are exact: "Vendor" and vendor are two tables',
      sql: 'CREATE TABLE "Vendor" (id int);\nCREATE TABLE vendor (id int);\nALTER TABLE "Vendor" ADD COLUMN "Name" text;\nALTER TABLE "Vendor" ADD COLUMN name text;',
    },
    {
      name: 'search_path decides where unqualified names go',
      sql: 'CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TABLE vendor (id int);\nALTER TABLE app.vendor ADD COLUMN name text;\nALTER TABLE vendor ADD COLUMN code text;',
    },
  ],
  invalid: [
    {
      name: 'ALTER TABLE of a table that does not exist yet',
      sql: 'ALTER TABLE vendor ADD COLUMN name text;\nCREATE TABLE vendor (id uuid PRIMARY KEY);',
      errors: [{ message: 'relation "public.vendor" does not exist at this point of the migrations', line: 1, column: 13 }],
    },
    {
      name: 'a later file sorts first: 10 before 9 only in text order, not in natural order',
      sql: { 'app/migrations/10_create.sql': 'CREATE TABLE vendor (id uuid);', 'app/migrations/9_alter.sql': 'ALTER TABLE vendor ADD COLUMN name text;' },
      errors: [{ message: /relation "public.vendor" does not exist/, line: 1, column: 13, file: 'app/migrations/9_alter.sql' }],
    },
    {
      name: 'a duplicate column in CREATE TABLE, at the second one',
      sql: 'CREATE TABLE vendor (\n  id uuid PRIMARY KEY,\n  name text,\n  name varchar(20)\n);',
      errors: [{ message: 'column "name" specified more than once', line: 4, column: 3 }],
    },
    {
      name: 'ADD COLUMN of a column that exists',
      sql: 'CREATE TABLE vendor (id uuid, name text);\nALTER TABLE vendor ADD COLUMN name text;',
      errors: [{ message: 'column "name" of relation "vendor" already exists', line: 2, column: 31 }],
    },
    {
      name: 'MySQL inline INDEX is read by PostgreSQL as a column named "index"',
      sql: 'CREATE TABLE event (\n  event_id varchar(36) PRIMARY KEY,\n  source_system varchar(100),\n  INDEX idx_event_source (source_system),\n  KEY idx_event_id (event_id)\n);',
      errors: [
        {
          message: `PostgreSQL reads this as a column named "index" of type idx_event_source: MySQL's inline INDEX/KEY is not PostgreSQL; use CREATE INDEX idx_event_source ON event (…)`,
          line: 4,
          column: 3,
        },
        { message: /column named "key" of type idx_event_id/, line: 5, column: 3 },
      ],
    },
    {
      name: 'keys and checks that name missing columns',
      sql: `CREATE TABLE vendor (id uuid, PRIMARY KEY (vendor_id));
ALTER TABLE vendor ADD UNIQUE (code);
ALTER TABLE vendor ADD FOREIGN KEY (parent_id) REFERENCES vendor (id);
ALTER TABLE vendor ADD CONSTRAINT valid_status CHECK (status IN ('a', 'b'));`,
      errors: [
        { message: 'column "vendor_id" named in key does not exist', line: 1, column: 31 },
        { message: 'column "code" named in key does not exist', line: 2, column: 24 },
        { message: 'column "parent_id" referenced in foreign key constraint does not exist', line: 3, column: 24 },
        { message: 'column "status" does not exist: the CHECK constraint can only use columns of "vendor"', line: 4, column: 55 },
      ],
    },
    {
      name: 'names already taken, and objects that are not there',
      sql: `CREATE TABLE vendor (id uuid PRIMARY KEY, name text);
CREATE TABLE vendor (id uuid);
ALTER TABLE vendor ADD PRIMARY KEY (name);
ALTER TABLE vendor ADD CONSTRAINT named CHECK (name <> '');
ALTER TABLE vendor ADD CONSTRAINT named CHECK (name <> 'x');
CREATE INDEX idx_vendor_name ON vendor (name);
CREATE INDEX idx_vendor_name ON vendor (id);
CREATE INDEX idx_vendor_code ON vendor (code);
ALTER TABLE vendor RENAME COLUMN id TO name;
DROP INDEX vendor_pkey;
DROP INDEX nope;
ALTER TABLE vendor DROP CONSTRAINT nope;
ALTER TABLE vendor DROP COLUMN nope;`,
      errors: [
        { message: 'relation "public.vendor" already exists', line: 2, column: 14 },
        { message: 'multiple primary keys for table "vendor" are not allowed', line: 3 },
        { message: 'constraint "named" for relation "vendor" already exists', line: 5 },
        { message: 'relation "idx_vendor_name" already exists', line: 7 },
        { message: 'column "code" does not exist in table "vendor"', line: 8 },
        { message: 'column "name" of relation "vendor" already exists', line: 9 },
        { message: 'cannot drop index vendor_pkey because constraint vendor_pkey on table vendor requires it', line: 10 },
        { message: 'index "nope" does not exist', line: 11 },
        { message: 'constraint "nope" of relation "vendor" does not exist', line: 12 },
        { message: 'column "nope" of relation "vendor" does not exist', line: 13 },
      ],
    },
    {
      name: 'ADD CONSTRAINT … USING INDEX of an index that is not there',
      sql: 'CREATE TABLE vendor (id uuid NOT NULL);\nALTER TABLE vendor ADD PRIMARY KEY USING INDEX vendor_id_idx;',
      errors: [{ message: 'index "vendor_id_idx" of relation "vendor" does not exist', line: 2 }],
    },
    {
      name: 'non-ASCII text before the error: the column counts UTF-16 units',
      sql: '-- Lieferant 😀\nCREATE TABLE "größe😀" (id int, "wert" int, "wert" int);',
      errors: [{ message: 'column "wert" specified more than once', line: 2, column: 45 }],
    },
  ],
});

describe('replay-error with the other rules', () => {
  it('the replay goes on after an error: later statements still count for the other rules', () => {
    const findings = lintCase({ sql: 'ALTER TABLE nope ENABLE ROW LEVEL SECURITY;\nCREATE TABLE vendor (id uuid PRIMARY KEY);' }, ['replay-error', 'rls-enabled']);
    expect(findings.map((f) => `${f.loc.line}:${f.loc.column} ${f.ruleId}`)).toEqual(['1:13 replay-error', '2:14 rls-enabled']);
  });

  it('a replay error can be suppressed with a reason', () => {
    const findings = lintCase({ sql: '-- ismslint-disable-next-line replay-error -- created by the extension in 001\nALTER TABLE spatial_ref_sys ADD COLUMN note text;' }, [
      'replay-error',
      'unused-suppression',
      'suppression-reason-required',
    ]);
    expect(findings).toEqual([]);
  });
});
