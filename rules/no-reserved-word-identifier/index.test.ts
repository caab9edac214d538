import { describe, expect, it } from 'vitest';
import { parseSqlFile } from '../../src/sources/sql/parser.js';
import { GLOBAL_PRELUDE, lintCase, ruleTester } from '../test-harness.js';
import rule from './index.js';

const KEY_WORDS_ACCEPTED = ['name', 'status', 'timestamp', 'type', 'role', 'action', 'value', 'year', 'position', 'level', 'comment', 'data', 'key', 'time', 'interval'];
const KEY_WORDS_REPORTED = ['user', 'order', 'check', 'default', 'group', 'limit', 'primary', 'references', 'table', 'end', 'left', 'join', 'authorization', 'verbose'];

ruleTester(rule, {
  valid: [
    { name: 'the standard’s own tables', sql: GLOBAL_PRELUDE, global: false },
    {
      name: 'unreserved and column-name key words are fine',
      sql: `CREATE TABLE event_log (${KEY_WORDS_ACCEPTED.map((w) => `${w} text`).join(', ')});\nCREATE TABLE action (id uuid);\nCREATE INDEX role ON action (id);`,
    },
    { name: 'a quoted name in another case is not the key word', sql: 'CREATE TABLE "User" (id uuid, "Order" int);' },
    { name: 'allow-listed word', sql: 'CREATE TABLE vendor (id uuid, "user" uuid);', options: { allow: ['user'] } },
    {
      name: 'renamed by a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE "order" (id uuid);', 'app/migrations/002_b.sql': 'ALTER TABLE "order" RENAME TO purchase_order;' },
    },
  ],
  invalid: [
    {
      name: 'quoted reserved table and column names',
      sql: 'CREATE TABLE "order" (\n  id uuid PRIMARY KEY,\n  "user" uuid,\n  "left" int\n);',
      errors: [
        { message: 'table "order" is a reserved key word in PostgreSQL, so every statement must quote it as "order": rename it to a more specific name', line: 1, column: 14, logical: 'public.order' },
        { messageId: 'reserved', data: { label: 'column', name: 'user', where: ' on table "order"', kind: 'a reserved key word' }, line: 3, column: 3, logical: 'public.order.user' },
        { message: /^column "left" on table "order" is a key word reserved except as a function or type name in PostgreSQL/, line: 4, logical: 'public.order.left' },
      ],
    },
    {
      name: 'constraint, index and policy names',
      sql: `CREATE TABLE vendor (id uuid, amount int, CONSTRAINT "check" CHECK (amount > 0));
CREATE INDEX "limit" ON vendor (amount);
CREATE POLICY "all" ON vendor USING (true);`,
      errors: [
        { message: /^check constraint "check" on table "vendor" is a reserved key word/, line: 1 },
        { message: /^index "limit" on table "vendor"/, line: 2 },
        { message: /^policy "all" on table "vendor"/, line: 3 },
      ],
    },
    {
      name: 'the allow-list names words, not objects',
      sql: 'CREATE TABLE vendor (id uuid, "user" uuid, "order" int);',
      options: { allow: ['user'] },
      errors: [{ message: /^column "order"/ }],
    },
  ],
});

describe('the key word list is PostgreSQL’s own', () => {
  it.each(KEY_WORDS_REPORTED)('"%s" cannot be a bare table or column name, and is reported', (word) => {
    expect(parseSqlFile(`CREATE TABLE ${word} (id uuid);`).errors).toHaveLength(1);
    expect(parseSqlFile(`CREATE TABLE t (${word} uuid);`).errors).toHaveLength(1);
    expect(lintCase({ sql: `CREATE TABLE "${word}" (id uuid);` }, ['no-reserved-word-identifier'])).toHaveLength(1);
  });

  it.each(KEY_WORDS_ACCEPTED)('"%s" can be a bare table and column name, and is not reported', (word) => {
    expect(parseSqlFile(`CREATE TABLE ${word} (${word} uuid);`).errors).toHaveLength(0);
    expect(lintCase({ sql: `CREATE TABLE ${word} (${word} uuid);` }, ['no-reserved-word-identifier'])).toHaveLength(0);
  });
});
