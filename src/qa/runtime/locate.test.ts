import { describe, expect, it } from 'vitest';
import { errorLocation, splitStatements } from './locate.js';

describe('splitStatements', () => {
  it('splits at semicolons outside quotes, dollar quotes and comments, each statement starting at its first token', () => {
    const sql = [
      '-- a comment; not a statement',
      "CREATE TABLE \"a;b\" (x text DEFAULT 'it''s; fine', y text DEFAULT E'\\'; still');",
      '/* nested /* comment; */ still; */ CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;',
      'SELECT $1;',
      'COMMENT ON TABLE t IS $$x;y$$',
    ].join('\n');
    const parts = splitStatements(sql);
    expect(parts.map((p) => p.text)).toEqual([
      "CREATE TABLE \"a;b\" (x text DEFAULT 'it''s; fine', y text DEFAULT E'\\'; still');",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;',
      'SELECT $1;',
      'COMMENT ON TABLE t IS $$x;y$$',
    ]);
    for (const p of parts) expect(sql.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });
});

describe('errorLocation', () => {
  it('reads the server position as characters, not UTF-16 units', () => {
    expect(errorLocation('SELECT 1;\n-- 😀 é\nSELEC 2;', { position: '18' })).toEqual({ line: 3, column: 1 });
    expect(errorLocation('x', {})).toBeUndefined();
  });
});
