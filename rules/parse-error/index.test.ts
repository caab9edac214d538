import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintCase, ruleTester } from '../test-harness.js';
import rule from './index.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));

ruleTester(rule, {
  valid: [
    {
      name: 'semicolons inside strings, quoted identifiers and comments',
      sql: `CREATE TABLE "a;b" (note text DEFAULT 'x;y', tag text DEFAULT E'it\\'s;'); -- trailing; comment\n/* block; /* nested; */ */ SELECT 1;`,
    },
    {
      name: 'dollar-quoted function bodies with semicolons',
      sql: `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  NEW.updated_at := now();
  RAISE NOTICE 'touched; %', $$quoted; text$$;
  RETURN NEW;
END;
$body$;
CREATE TABLE vendor (id uuid);`,
    },
    {
      name: 'a BEGIN ATOMIC … END body with semicolons',
      sql: `CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT 1;
  SELECT i + 1;
END;
CREATE TABLE vendor (id uuid);`,
    },
    { name: 'CRLF line endings and a byte order mark', sql: { 'app/migrations/001_a.sql': bytes([0xef, 0xbb, 0xbf], 'CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n') } },
    { name: 'non-ASCII text in comments, strings and quoted names', sql: `-- Übersicht: 日本語 😀\nCREATE TABLE "größe" (note text DEFAULT 'ça va 😀');` },
  ],
  invalid: [
    {
      name: 'a syntax error at its exact line and column',
      sql: 'CREATE TABLE a (id int);\nCREATE TABEL b (id int);',
      errors: [{ message: 'syntax error at or near "TABEL"', line: 2, column: 8 }],
    },
    {
      name: 'several errors in one file, each where it is',
      sql: 'CREATE TABLE a (id int,, name text);\nCREATE TABLE b (id int;\n  SELEC 1;\nCREATE TABLE c (id int);',
      errors: [
        { message: 'syntax error at or near ","', line: 1, column: 24 },
        { message: 'syntax error at end of input', line: 2, column: 23 },
        { message: 'syntax error at or near "SELEC"', line: 3, column: 3 },
      ],
    },
    {
      name: 'an unterminated string: reported at its opening quote, quoting only its first line',
      sql: "CREATE TABLE a (id int);\nINSERT INTO a VALUES ('abc);\nCREATE TABLE b (id int);",
      errors: [{ message: `unterminated quoted string at or near "'abc);…"`, line: 2, column: 23 }],
    },
    {
      name: 'an unterminated dollar quote',
      sql: 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1;\nCREATE TABLE b (id int);',
      errors: [{ message: /^unterminated dollar-quoted string at or near "\$\$ SELECT 1;…"$/, line: 1, column: 49 }],
    },
    {
      name: 'non-ASCII text before the error: columns count UTF-16 units, not bytes',
      sql: `-- ümlaut\nCREATE TABLE "größe" (id int,, x int);\nCREATE TABLE "😀" (a int, b int,, c int);`,
      errors: [
        { message: 'syntax error at or near ","', line: 2, column: 30 },
        { message: 'syntax error at or near ","', line: 3, column: 33 },
      ],
    },
    {
      name: 'a byte order mark does not shift the column',
      sql: { 'app/migrations/001_a.sql': bytes([0xef, 0xbb, 0xbf], 'CREATE TABEL a (id int);') },
      errors: [{ message: 'syntax error at or near "TABEL"', line: 1, column: 8 }],
    },
    {
      name: 'CRLF line endings',
      sql: 'CREATE TABLE a (id int);\r\nCREATE TABEL b (id int);\r\n',
      errors: [{ line: 2, column: 8 }],
    },
    {
      name: 'an error inside a BEGIN ATOMIC body is one finding, at the error',
      sql: 'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELEC 2; END;\nCREATE TABLE b (id int);',
      errors: [{ message: 'syntax error at or near "SELEC"', line: 1, column: 69 }],
    },
    {
      name: 'a file that is not UTF-8: the first bad byte, with its line and column',
      sql: { 'app/migrations/001_latin1.sql': bytes('-- café ok\nCREATE TABLE t (id int);\n-- na', [0xef, 0x76], 've\n') },
      errors: [{ message: 'file is not valid UTF-8 (invalid byte 0xef at byte 42): save it as UTF-8', line: 3, column: 6, file: 'app/migrations/001_latin1.sql' }],
    },
    {
      name: 'non-UTF-8 after multi-byte characters on the same line: the column counts characters',
      sql: { 'app/migrations/001_x.sql': bytes("SELECT '日本", [0xff], "';") },
      errors: [{ message: /invalid byte 0xff at byte 14/, line: 1, column: 11 }],
    },
    {
      name: 'a binary file (NUL bytes) is reported, never parsed',
      sql: { 'app/migrations/002_image.sql': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) },
      errors: [{ message: 'file is binary (contains a NUL byte), not text: only text files belong here', line: 3, column: 1, file: 'app/migrations/002_image.sql' }],
    },
    {
      name: 'MySQL UNIQUE KEY gets a hint',
      sql: 'CREATE TABLE policy (\n  policy_id varchar(36) PRIMARY KEY,\n  version integer NOT NULL,\n  UNIQUE KEY uk_policy_version (policy_id, version)\n);',
      errors: [{ message: /^syntax error at or near "KEY" \(this looks like MySQL syntax; PostgreSQL declares .* UNIQUE \(…\)/, line: 4, column: 10 }],
    },
    {
      name: 'an inline trigger body (MySQL/SQLite style) is one finding with a hint',
      sql: "CREATE TRIGGER t BEFORE INSERT ON x\nBEGIN\n  IF NEW.a THEN\n    RAISE EXCEPTION 'no';\n  END IF;\nEND;\nCREATE TABLE y (id int);",
      errors: [{ message: /^syntax error at or near "BEGIN" \(PostgreSQL triggers have no inline body: .*EXECUTE FUNCTION/, line: 2, column: 1 }],
    },
  ],
});

describe('parse-error: the rest of the file is still linted', () => {
  it('statements after a syntax error are replayed and judged by the other rules', () => {
    const findings = lintCase(
      {
        sql: 'CREATE TABEL broken (id int);\nCREATE TABLE vendor (id uuid PRIMARY KEY);\nALTER TABLE missing ADD COLUMN x int;',
      },
      ['parse-error', 'rls-enabled', 'replay-error'],
    );
    expect(findings.map((f) => `${f.loc.line}:${f.loc.column} ${f.ruleId}`)).toEqual(['1:8 parse-error', '2:14 rls-enabled', '3:13 replay-error']);
  });

  it('a table created after an unterminated string is swallowed by it, as PostgreSQL would read it', () => {
    const findings = lintCase({ sql: "SELECT 'abc;\nCREATE TABLE vendor (id uuid);" }, ['parse-error', 'rls-enabled']);
    expect(findings.map((f) => `${f.loc.line}:${f.loc.column} ${f.ruleId}`)).toEqual(['1:8 parse-error']);
  });

  it('a broken file does not stop the next file of the module', () => {
    const findings = lintCase({ sql: { 'app/migrations/001_a.sql': new Uint8Array([0x00]), 'app/migrations/002_b.sql': 'CREATE TABLE vendor (id uuid);' } }, ['parse-error', 'rls-enabled']);
    expect(findings.map((f) => `${f.loc.file}:${f.loc.line} ${f.ruleId}`)).toEqual(['app/migrations/001_a.sql:1 parse-error', 'app/migrations/002_b.sql:1 rls-enabled']);
  });
});

describe('parse-error: MySQL-flavoured DDL from a design document', () => {
  const sql = readFileSync(new URL('../../fixtures/sql/mysql-flavoured.sql', import.meta.url), 'utf8');

  it('gives clear findings at the offending lines, never a crash', () => {
    const findings = lintCase({ sql }, ['parse-error', 'replay-error']);
    const parseErrors = findings.filter((f) => f.ruleId === 'parse-error');
    // UNIQUE KEY in policy and risk_model; the two inline trigger bodies.
    expect(parseErrors.map((f) => `${f.loc.line}:${f.loc.column}`)).toEqual(['35:12', '58:12', '185:1', '194:1']);
    expect(parseErrors[0]!.message).toMatch(/"KEY" \(this looks like MySQL syntax/);
    expect(parseErrors[2]!.message).toMatch(/"BEGIN" \(PostgreSQL triggers have no inline body/);
    const replayErrors = findings.filter((f) => f.ruleId === 'replay-error');
    // Every inline INDEX is read as a column "index", once per line, with the CREATE INDEX to write instead:
    // 23 of them, less the 3 in policy and risk_model, which do not parse.
    const inlineIndexes = replayErrors.filter((f) => /column named "index"/.test(f.message));
    expect(sql.match(/^\s+INDEX /gm)).toHaveLength(23);
    expect(inlineIndexes).toHaveLength(20);
    expect(inlineIndexes[0]).toMatchObject({ loc: { line: 14, column: 5 } });
    expect(inlineIndexes[0]!.message).toMatch(/MySQL's inline INDEX\/KEY is not PostgreSQL; use CREATE INDEX idx_event_source ON event \(…\)/);
    // CHECKs naming columns the tables do not have.
    expect(replayErrors.filter((f) => !inlineIndexes.includes(f)).map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`)).toEqual([
      '172:49 column "created_at" does not exist: the CHECK constraint can only use columns of "ledger_entry"',
      '180:50 column "updated_at" does not exist: the CHECK constraint can only use columns of "advisory"',
    ]);
  });
});
