import { GLOBAL_PRELUDE, ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'the standard’s own tables', sql: GLOBAL_PRELUDE, global: false },
    {
      name: 'every default prefix, bool alias included',
      sql: 'CREATE TABLE vendor (is_active boolean, has_contract bool, can_edit boolean, should_notify boolean, was_migrated boolean, allow_export boolean, requires_review boolean);',
    },
    { name: 'non-boolean columns are not judged', sql: 'CREATE TABLE vendor (active text, enabled int, flags bit(8));' },
    { name: 'boolean arrays are not judged', sql: 'CREATE TABLE vendor (answers boolean[]);' },
    { name: 'configured prefixes', sql: 'CREATE TABLE vendor (is_active boolean, needs_review boolean);', options: { prefixes: ['is_', 'needs_'] } },
    {
      name: 'renamed by a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendor (active boolean);', 'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN active TO is_active;' },
    },
  ],
  invalid: [
    {
      name: 'no prefix',
      sql: 'CREATE TABLE vendor (\n  id uuid,\n  active boolean DEFAULT true,\n  deleted bool\n);',
      errors: [
        {
          message: 'boolean column "active" on table "vendor" does not start with one of "is_", "has_", "can_", "should_", "was_", "allow_", "requires_": rename it, e.g. to "is_active"',
          line: 3,
          column: 3,
          logical: 'public.vendor.active',
        },
        { message: /"deleted" .* e\.g\. to "is_deleted"$/, line: 4 },
      ],
    },
    {
      name: 'unquoted camelCase is folded: isActive is stored as isactive',
      sql: 'CREATE TABLE vendor (isActive boolean, hasContract boolean);',
      errors: [{ message: /"isactive" .* e\.g\. to "is_active"$/ }, { message: /"hascontract" .* e\.g\. to "has_contract"$/ }],
    },
    {
      name: 'a partition’s columns are reported once, on the parent',
      sql: 'CREATE TABLE flag (id uuid, enabled boolean) PARTITION BY LIST (enabled);\nCREATE TABLE flag_on PARTITION OF flag FOR VALUES IN (true);',
      errors: [{ message: /"enabled" on table "flag"/, logical: 'public.flag.enabled' }],
    },
    { name: 'a prefix alone is not a name', sql: 'CREATE TABLE vendor ("is_" boolean);', errors: [{ message: /^boolean column "is_" on table "vendor" does not start with/ }] },
    {
      name: 'a column added or retyped by a later migration',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE vendor (approved int);',
        'app/migrations/002_b.sql': 'ALTER TABLE vendor ALTER COLUMN approved TYPE boolean USING approved <> 0;\nALTER TABLE vendor ADD COLUMN archived boolean;',
      },
      errors: [{ message: /"approved"/ }, { message: /"archived"/, file: 'app/migrations/002_b.sql', line: 2 }],
    },
    {
      name: 'configured prefixes replace the default',
      sql: 'CREATE TABLE vendor (is_active boolean, contract_signed boolean);',
      options: { prefixes: ['is_'] },
      errors: [{ messageId: 'unprefixed', data: { column: 'contract_signed', table: 'vendor', prefixes: '"is_"', suggestion: 'is_contract_signed' } }],
    },
  ],
});
