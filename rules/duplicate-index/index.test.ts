import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const T = 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid, name text, code text, deleted_at timestamptz);\n';

ruleTester(rule, {
  valid: [
    { name: 'different column order', sql: T + 'CREATE INDEX a ON vendor (organisation_id, name);\nCREATE INDEX b ON vendor (name, organisation_id);' },
    { name: 'different method', sql: T + 'CREATE INDEX a ON vendor (name);\nCREATE INDEX b ON vendor USING hash (name);' },
    { name: 'different predicate', sql: T + 'CREATE INDEX a ON vendor (name) WHERE deleted_at IS NULL;\nCREATE INDEX b ON vendor (name);' },
    { name: 'different INCLUDE', sql: T + 'CREATE INDEX a ON vendor (name) INCLUDE (code);\nCREATE INDEX b ON vendor (name);' },
    { name: 'different operator class', sql: T + 'CREATE INDEX a ON vendor (name text_pattern_ops);\nCREATE INDEX b ON vendor (name);' },
    { name: 'different collation', sql: T + 'CREATE INDEX a ON vendor (name COLLATE "C");\nCREATE INDEX b ON vendor (name);' },
    { name: 'different sort order', sql: T + 'CREATE INDEX a ON vendor (organisation_id, name DESC);\nCREATE INDEX b ON vendor (organisation_id, name);' },
    { name: 'different expressions', sql: T + 'CREATE INDEX a ON vendor (lower(name));\nCREATE INDEX b ON vendor (upper(name));' },
    { name: 'same columns on another table', sql: T + 'CREATE TABLE contact (name text);\nCREATE INDEX a ON vendor (name);\nCREATE INDEX b ON contact (name);' },
    {
      name: 'duplicate dropped by a later migration',
      sql: { 'app/migrations/001_a.sql': T + 'CREATE INDEX a ON vendor (name);\nCREATE INDEX b ON vendor (name);', 'app/migrations/002_b.sql': 'DROP INDEX b;' },
    },
    { name: 'PRIMARY KEY UNIQUE in one CREATE TABLE: PostgreSQL builds one index', sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY UNIQUE, code text, UNIQUE (code), UNIQUE (code));' },
    { name: 'a prefix is not reported by default', sql: T + 'CREATE INDEX a ON vendor (organisation_id);\nCREATE INDEX b ON vendor (organisation_id, name);' },
    { name: 'prefix: a unique index is not redundant', sql: T + 'CREATE UNIQUE INDEX a ON vendor (code);\nCREATE INDEX b ON vendor (code, name);', options: { prefix: true } },
    {
      name: 'prefix: the longer index is partial',
      sql: T + 'CREATE INDEX a ON vendor (organisation_id);\nCREATE INDEX b ON vendor (organisation_id, name) WHERE deleted_at IS NULL;',
      options: { prefix: true },
    },
    { name: 'prefix: the longer index is not btree', sql: T + 'CREATE INDEX a ON vendor (name);\nCREATE INDEX b ON vendor USING gist (name, code);', options: { prefix: true } },
    {
      name: 'prefix: the shorter index covers more through INCLUDE',
      sql: T + 'CREATE INDEX a ON vendor (organisation_id) INCLUDE (code);\nCREATE INDEX b ON vendor (organisation_id, name);',
      options: { prefix: true },
    },
  ],
  invalid: [
    {
      name: 'two identical plain indexes: the later one is reported',
      sql: T + 'CREATE INDEX idx_vendor_name ON vendor (name);\nCREATE INDEX idx_vendor_name_2 ON vendor USING btree (name ASC NULLS LAST);',
      errors: [
        {
          messageId: 'duplicate',
          data: { index: 'index "idx_vendor_name_2"', keys: 'name', kept: 'index "idx_vendor_name"', table: 'vendor' },
          fix: 'DROP INDEX idx_vendor_name_2;',
          line: 3,
          column: 1,
          logical: 'public.vendor.idx_vendor_name_2',
        },
      ],
    },
    {
      name: 'a plain index duplicating a unique constraint is reported even when it comes first',
      sql: 'CREATE TABLE vendor (organisation_id uuid, code text);\nCREATE INDEX idx_vendor_org_code ON vendor (organisation_id, code);\nALTER TABLE vendor ADD CONSTRAINT uq_vendor_org_code UNIQUE (organisation_id, code);',
      errors: [{ message: /^index "idx_vendor_org_code" \(organisation_id, code\) duplicates unique constraint "uq_vendor_org_code"/, line: 2 }],
    },
    {
      name: 'a unique constraint added on the primary key by ALTER TABLE (PostgreSQL builds a second index)',
      sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY);\nALTER TABLE vendor ADD UNIQUE (id);',
      errors: [{ message: /^unique constraint "vendor_id_key" \(id\) duplicates primary key "vendor_pkey" on "vendor" .*/, fix: /ALTER TABLE vendor DROP CONSTRAINT vendor_id_key;$/, line: 2 }],
    },
    {
      name: 'same expression and predicate, INCLUDE in another order, in a later migration, quoted and qualified',
      sql: {
        'app/migrations/001_a.sql':
          'CREATE SCHEMA crm;\nCREATE TABLE crm."Vendor" (name text, a int, b int, deleted_at timestamptz);\nCREATE INDEX "idxA" ON crm."Vendor" (lower(name)) INCLUDE (a, b) WHERE deleted_at IS NULL;',
        'app/migrations/002_b.sql': 'CREATE INDEX "idxB" ON crm."Vendor" (LOWER(name)) INCLUDE (b, a) WHERE (deleted_at IS NULL);',
      },
      errors: [
        { message: /^index "idxB" \(\(lower\(name\)\)\) duplicates index "idxA" on "Vendor" .*/, fix: /DROP INDEX crm\."idxB";$/, file: 'app/migrations/002_b.sql', logical: 'crm.Vendor.idxB' },
      ],
    },
    {
      name: 'three identical: both later ones name the first',
      sql: T + 'CREATE INDEX a ON vendor (code);\nCREATE INDEX b ON vendor (code);\nCREATE INDEX c ON vendor (code);',
      errors: [{ message: /^index "b" .* duplicates index "a"/ }, { message: /^index "c" .* duplicates index "a"/ }],
    },
    {
      name: 'renamed columns make two indexes the same',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE vendor (name text, title text);\nCREATE INDEX a ON vendor (name);\nCREATE INDEX b ON vendor (title);',
        'app/migrations/002_b.sql': 'ALTER TABLE vendor DROP COLUMN name;\nALTER TABLE vendor RENAME COLUMN title TO name;\nCREATE INDEX c ON vendor (name);',
      },
      errors: [{ message: /^index "c" \(name\) duplicates index "b"/ }],
    },
    {
      name: 'prefix option: a leading prefix of a longer index',
      sql: T + 'CREATE INDEX idx_vendor_org ON vendor (organisation_id);\nCREATE INDEX idx_vendor_org_name ON vendor (organisation_id, name);',
      options: { prefix: true },
      errors: [
        {
          messageId: 'prefix',
          data: { index: 'index "idx_vendor_org"', keys: 'organisation_id', longer: 'index "idx_vendor_org_name"', longerKeys: 'organisation_id, name' },
          fix: 'DROP INDEX idx_vendor_org;',
          line: 2,
        },
      ],
    },
    {
      name: 'prefix option: a prefix of the primary key, reported once alongside an exact duplicate',
      sql: 'CREATE TABLE ledger (account uuid, at timestamptz, PRIMARY KEY (account, at));\nCREATE INDEX a ON ledger (account);\nCREATE INDEX b ON ledger (account, at);',
      options: { prefix: true },
      errors: [{ message: /^index "a" \(account\) is redundant: .* prefix of primary key "ledger_pkey"/ }, { message: /^index "b" \(account, at\) duplicates primary key "ledger_pkey"/ }],
    },
  ],
});
