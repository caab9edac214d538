import { ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'text and text with a CHECK', sql: 'CREATE TABLE vendor (name text, code text CHECK (char_length(code) <= 10), tags text[]);' },
    { name: 'the internal one-byte "char" type is not character(n)', sql: 'CREATE TABLE vendor (kind "char");' },
    { name: 'character(n) with allowFixedLength', sql: 'CREATE TABLE vendor (country_code char(2), currency character(3));', options: { allowFixedLength: true } },
    { name: 'changed to text later', sql: 'CREATE TABLE vendor (name varchar(100));\nALTER TABLE vendor ALTER COLUMN name TYPE text;' },
  ],
  invalid: [
    {
      name: 'varchar(n)',
      sql: 'CREATE TABLE vendor (\n  id uuid,\n  name varchar(255) NOT NULL\n);',
      errors: [
        {
          message:
            'column "name" is character varying(255): the length in the type buys nothing in PostgreSQL (text is stored the same way) and changing it later takes a migration; use text, with CHECK (char_length(name) <= 255) if the limit is a business rule',
          line: 3,
          column: 3,
          logical: 'public.vendor.name',
        },
      ],
    },
    {
      name: 'char(n), quoted reserved column name in the CHECK',
      sql: 'CREATE TABLE vendor ("Code" char(2), "user" character(8));',
      errors: [
        {
          messageId: 'character',
          data: {
            column: 'Code',
            type: 'character(2)',
            better: 'text',
            check: ', with CHECK (char_length("Code") <= 2) if the limit is a business rule',
            allow: ' (or set allowFixedLength for fixed-length codes)',
          },
          logical: 'public.vendor.Code',
        },
        { message: /CHECK \(char_length\("user"\) <= 8\)/ },
      ],
    },
    {
      name: 'CHAR without a length is character(1)',
      sql: 'CREATE TABLE vendor (flag char);',
      errors: [{ message: /^column "flag" is character\(1\): .*<= 1\)/ }],
    },
    {
      name: 'varchar without a length: same as text, gentler message',
      sql: 'CREATE TABLE vendor (name varchar, notes character varying);',
      errors: [
        { messageId: 'unboundedVarchar', data: { column: 'name', type: 'character varying', better: 'text' }, fix: 'ALTER TABLE vendor ALTER COLUMN name TYPE text;' },
        { message: /^column "notes" is character varying, which without a length/, fix: 'ALTER TABLE vendor ALTER COLUMN notes TYPE text;' },
      ],
    },
    {
      name: 'varchar without a length in schema.json: the fix sets the type',
      schemaJson: {
        'app/schema.json': JSON.stringify({
          module: 'app',
          tables: [
            {
              name: 'vendor',
              columns: [
                { name: 'id', type: 'uuid' },
                { name: 'tags', type: 'varchar[]' },
              ],
            },
          ],
        }),
      },
      errors: [{ messageId: 'unboundedVarchar', data: { better: 'text[]' }, fix: 'set tables[0].columns[1].type to "text[]"' }],
    },
    {
      name: "arrays: no CHECK hint; a length is the author's call, so no fix",
      sql: 'CREATE TABLE vendor (aliases varchar(50)[]);',
      errors: [{ message: /^column "aliases" is character varying\(50\)\[\]: .*; use text\[\]$/, fix: null }],
    },
    {
      name: 'allowFixedLength still reports varchar(n) and unbounded bpchar',
      sql: 'CREATE TABLE vendor (country_code char(2), name varchar(10), raw bpchar);',
      options: { allowFixedLength: true },
      errors: [{ message: /^column "name"/ }, { message: /^column "raw" is character: .*; use text$/ }],
    },
    {
      name: 'added by a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendor (id uuid);', 'app/migrations/002_b.sql': 'ALTER TABLE vendor ADD COLUMN name varchar(80);' },
      errors: [{ file: 'app/migrations/002_b.sql', line: 1 }],
    },
  ],
});
