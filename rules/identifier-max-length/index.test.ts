import { PGlite } from '@electric-sql/pglite';
import { expect, it } from 'vitest';
import { GLOBAL_PRELUDE, lintCase, ruleTester } from '../test-harness.js';
import rule from './index.js';

const LONG_TABLE = 'vendor_contact_information_for_third_party_risk_management_reviews'; // 66 bytes
const LONG_COLUMN = 'primary_contact_person_responsible_for_information_security_matters'; // 67 bytes
const E_ACUTE_32 = 'é'.repeat(32); // 32 characters, 64 bytes

ruleTester(rule, {
  valid: [
    { name: 'the standard’s own tables', sql: GLOBAL_PRELUDE, global: false },
    { name: 'exactly 63 bytes', sql: `CREATE TABLE ${'a'.repeat(63)} (id uuid);` },
    { name: '31 two-byte characters are 62 bytes', sql: `CREATE TABLE "${'é'.repeat(31)}" (id uuid);` },
    {
      name: 'implicit names PostgreSQL truncates itself are not reported',
      sql: `CREATE TABLE ${'t'.repeat(40)} (id uuid PRIMARY KEY, ${'c'.repeat(40)} uuid REFERENCES ${'t'.repeat(40)} (id) UNIQUE);`,
    },
    {
      name: 'a long name renamed by a later migration',
      sql: { 'app/migrations/001_a.sql': `CREATE TABLE ${LONG_TABLE} (id uuid);`, 'app/migrations/002_b.sql': `ALTER TABLE ${LONG_TABLE} RENAME TO vendor_contact;` },
    },
    { name: 'a stricter maximum that the names fit', sql: 'CREATE TABLE vendor (id uuid, legal_name text);', options: { max: 10 } },
  ],
  invalid: [
    {
      name: 'table name over 63 bytes',
      sql: `CREATE TABLE ${LONG_TABLE} (id uuid);`,
      errors: [
        {
          message: `table name "${LONG_TABLE}" is 66 bytes, longer than PostgreSQL's 63: PostgreSQL silently truncates it to "${LONG_TABLE.slice(0, 63)}"; give it a name of at most 63 bytes`,
          line: 1,
          column: 14,
          logical: `public.${LONG_TABLE.slice(0, 63)}`,
        },
      ],
    },
    {
      name: 'column, constraint, index and policy names over 63 bytes',
      sql: `CREATE TABLE vendor (
  id uuid PRIMARY KEY,
  ${LONG_COLUMN} text,
  CONSTRAINT ${LONG_COLUMN}_present CHECK (${LONG_COLUMN} <> '')
);
CREATE INDEX idx_vendor_${LONG_COLUMN} ON vendor (${LONG_COLUMN});
CREATE POLICY ${LONG_COLUMN}_policy ON vendor USING (true);`,
      errors: [
        { message: new RegExp(`^column name "${LONG_COLUMN}" on table "vendor" is 67 bytes, .* truncates it to "${LONG_COLUMN.slice(0, 63)}"`), line: 3, column: 3 },
        { message: new RegExp(`^check constraint name "${LONG_COLUMN}_present" on table "vendor" is 75 bytes`), line: 4 },
        { message: new RegExp(`^index name "idx_vendor_${LONG_COLUMN}" on table "vendor" is 78 bytes`), line: 6 },
        { message: new RegExp(`^policy name "${LONG_COLUMN}_policy" on table "vendor" is 74 bytes`), line: 7 },
      ],
    },
    {
      name: 'bytes, not characters: 32 two-byte characters',
      sql: `CREATE TABLE "${E_ACUTE_32}" (id uuid);`,
      errors: [{ message: `table name "${E_ACUTE_32}" is 64 bytes, longer than PostgreSQL's 63: PostgreSQL silently truncates it to "${'é'.repeat(31)}"; give it a name of at most 63 bytes` }],
    },
    {
      name: 'a stricter maximum: names within 63 bytes but over the maximum',
      sql: 'CREATE TABLE vendor_contact (id uuid, responsible_person text);',
      options: { max: 12 },
      errors: [
        { message: 'table name "vendor_contact" is 14 bytes, longer than the 12 bytes allowed: give it a shorter name', line: 1, column: 14 },
        {
          messageId: 'tooLong',
          data: { label: 'column', name: 'responsible_person', where: ' on table "vendor_contact"', bytes: '18', max: '12' },
          logical: 'public.vendor_contact.responsible_person',
        },
      ],
    },
    {
      name: 'a stricter maximum names itself in the advice for truncated names',
      sql: `CREATE TABLE ${LONG_TABLE} (id uuid);`,
      options: { max: 40 },
      errors: [{ message: /truncates it to ".*"; give it a name of at most 40 bytes$/ }],
    },
  ],
});

it('PostgreSQL truncates to 63 bytes without splitting a character, as the model does', async () => {
  const db = new PGlite();
  await db.exec(`CREATE TABLE "${E_ACUTE_32}" (${LONG_COLUMN} text);`);
  const { rows } = await db.query<{ relname: string; attname: string }>(
    `SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1 WHERE c.relname LIKE 'é%'`,
  );
  await db.close();
  const findings = lintCase({ sql: `CREATE TABLE "${E_ACUTE_32}" (${LONG_COLUMN} text);` }, ['identifier-max-length']);
  expect(rows).toEqual([{ relname: 'é'.repeat(31), attname: LONG_COLUMN.slice(0, 63) }]);
  expect(findings.map((f) => f.logical)).toEqual([`public.${rows[0]!.relname}`, `public.${rows[0]!.relname}.${rows[0]!.attname}`]);
});
