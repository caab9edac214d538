import { describe, expect, it } from 'vitest';
import { lintCase, ruleTester } from '../test-harness.js';
import rule from './index.js';

const MESSAGE = 'migration file holds no SQL statements (only white space or comments): add its statements or delete the file';
const NO_STATEMENTS = { messageId: 'noStatements' };

ruleTester(rule, {
  valid: [
    { name: 'one statement', sql: 'CREATE TABLE vendor (id uuid);' },
    { name: 'a statement without its final semicolon, after comments', sql: '-- vendor\n/* v1 */\nSELECT 1' },
    { name: 'a data-only migration still holds a statement', sql: "INSERT INTO organisations (id, name) VALUES (generate_uuidv7(), 'x');" },
    { name: 'a binary file is a parse-error, not an empty file', sql: { 'app/migrations/001_x.sql': new Uint8Array([0x00, 0x01]) } },
  ],
  invalid: [
    { name: 'an empty string', sql: '', errors: [{ message: MESSAGE, line: 1, column: 1 }] },
    { name: 'zero bytes', sql: { 'app/migrations/003_todo.sql': new Uint8Array([]) }, errors: [{ ...NO_STATEMENTS, line: 1, column: 1, file: 'app/migrations/003_todo.sql' }] },
    { name: 'only a byte order mark', sql: { 'app/migrations/003_todo.sql': new Uint8Array([0xef, 0xbb, 0xbf]) }, errors: [{ ...NO_STATEMENTS, line: 1, column: 1 }] },
    { name: 'white space and empty statements', sql: '\n  \t\r\n;;\n', errors: [{ ...NO_STATEMENTS, line: 1, column: 1 }] },
    {
      name: 'comments only',
      sql: "-- 004_vendor.sql: to do\n/* CREATE TABLE vendor (id uuid); */\n-- SELECT 'x';\n",
      errors: [{ ...NO_STATEMENTS, line: 1, column: 1 }],
    },
    { name: 'a statement commented out by an unclosed block comment', sql: '/* CREATE TABLE vendor (id uuid);', errors: [NO_STATEMENTS] },
  ],
});

describe('empty-file', () => {
  it('reports each empty file once, and other files are linted as usual', () => {
    const findings = lintCase({ sql: { 'app/migrations/001_a.sql': '-- nothing yet', 'app/migrations/002_b.sql': 'CREATE TABLE vendor (id uuid);', 'app/migrations/003_c.sql': '' } }, [
      'empty-file',
      'rls-enabled',
    ]);
    expect(findings.map((f) => `${f.loc.file} ${f.ruleId}`)).toEqual(['app/migrations/001_a.sql empty-file', 'app/migrations/002_b.sql rls-enabled', 'app/migrations/003_c.sql empty-file']);
    expect(findings.find((f) => f.ruleId === 'empty-file')!.severity).toBe('warn');
  });
});
