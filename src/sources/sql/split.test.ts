import { scanTokens } from '../../model/pg-wasm.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from './parser.js';
import { splitStatements, splitWithComments, withoutMetaCommands } from './split.js';

beforeAll(() => loadParser());

const pieces = (sql: string) => splitStatements(sql).map((s) => sql.slice(s.start, s.end));

function comments(sql: string): string[] {
  const out: string[] = [];
  splitStatements(sql, (start, end) => out.push(sql.slice(start, end)));
  return out;
}

describe('splitStatements', () => {
  it('splits at top-level semicolons and keeps a last statement without one', () => {
    expect(pieces('CREATE TABLE a (id int);\n  CREATE TABLE b (id int)  ;SELECT 1')).toEqual(['CREATE TABLE a (id int)', 'CREATE TABLE b (id int)  ', 'SELECT 1']);
  });

  it("skips pg_dump's COPY … FROM stdin rows, up to the \\. line", () => {
    const dump = "COPY t (a, b) FROM stdin;\n1\tx; 'y\n2\t\\N\n\\.\nSELECT 1;\ncopy t from STDIN with (format csv);\n3,z\n\\.\r\nSELECT 2";
    expect(pieces(dump)).toEqual(['COPY t (a, b) FROM stdin', 'SELECT 1', 'copy t from STDIN with (format csv)', 'SELECT 2']);
    // COPY to stdout, or from a file, has no rows in the script.
    expect(pieces("COPY t TO stdout; SELECT 1; COPY t FROM '/tmp/x'; SELECT 2")).toEqual(['COPY t TO stdout', 'SELECT 1', "COPY t FROM '/tmp/x'", 'SELECT 2']);
  });

  it("reads psql's meta-commands as psql does: not SQL, up to the end of the line", () => {
    const key = 'hQ7fWm2Kc9TzR4pLxV1bN8sYd3GjU6eAqP0oZiXtMwC5vHkJrDl2nFyEgBa9sQ';
    const dump = `--\n\\restrict ${key}\n\nSET x = 1;\n  \\connect -reuse-previous=on "dbname='a b'"\nSELECT 2;\n\n\\unrestrict ${key}\n`;
    expect(pieces(dump)).toEqual(['SET x = 1', 'SELECT 2']);
    const { meta } = splitWithComments(dump);
    expect(meta.map((at, k) => (k % 2 === 0 ? dump.slice(at, meta[k + 1]) : '')).filter(Boolean)).toEqual([`\\restrict ${key}`, `\\connect -reuse-previous=on "dbname='a b'"`, `\\unrestrict ${key}`]);
    // Windows line ends stay out of the command.
    expect(splitWithComments('\\restrict k\r\nSELECT 1').meta).toEqual([0, 11]);
  });

  it('a backslash in a string, escape string, quoted identifier, dollar quote, comment or COPY row is not a meta-command', () => {
    const sql = `SELECT 'C:\\', E'\\\\x\\'', "a\\b", $$\n\\restrict$$ -- \\x\n/* \\y */;\nCOPY t FROM stdin;\n\\N\t\\restrict\n\\.\nSELECT 3`;
    expect(splitWithComments(sql).meta).toEqual([]);
    expect(pieces(sql)).toEqual([`SELECT 'C:\\', E'\\\\x\\'', "a\\b", $$\n\\restrict$$ -- \\x\n/* \\y */`, 'COPY t FROM stdin', 'SELECT 3']);
  });

  it('a meta-command inside a statement leaves one statement, which the parser sees without it, at the same offsets', () => {
    const sql = 'CREATE TABLE t (\n  a int,\n\\echo between the lines\n  b text);\nSELECT 1';
    const { spans, meta } = splitWithComments(sql);
    expect(spans).toHaveLength(2);
    const blanked = withoutMetaCommands(sql, meta);
    expect(blanked).toHaveLength(sql.length);
    expect(blanked.slice(spans[0]!.start, spans[0]!.end)).toBe(`CREATE TABLE t (\n  a int,\n${' '.repeat('\\echo between the lines'.length)}\n  b text)`);
    expect(blanked.indexOf('b text')).toBe(sql.indexOf('b text'));
  });

  it('\\g and its kin send the statement, \\r discards it, \\\\ ends a command, \\; separates', () => {
    expect(pieces('SELECT 1 \\g out.txt\nSELECT 2\n\\gset p_\nSELECT 3 \\gx\n')).toEqual(['SELECT 1 ', 'SELECT 2\n', 'SELECT 3 ']);
    expect(pieces('SELECT oops\n\\r\nSELECT 4;')).toEqual(['SELECT 4']);
    expect(pieces("\\set v 'a \\\\ b' \\\\ SELECT 5;")).toEqual(['SELECT 5']);
    expect(pieces('SELECT 6 \\; SELECT 7;')).toEqual(['SELECT 6 ', 'SELECT 7']);
    // `\:` is psql's escape for a colon: the colon is SQL.
    const cast = "SELECT 'a'\\::text;";
    const { spans, meta } = splitWithComments(cast);
    expect(withoutMetaCommands(cast, meta).slice(spans[0]!.start, spans[0]!.end)).toBe("SELECT 'a' ::text");
  });

  it('the rows after \\copy … from stdin, up to \\., belong to the command', () => {
    const sql = "\\copy t (a) from stdin with (format csv)\n1;'\n\\.\nSELECT 8;\n\\copy t to 'x.csv'\nSELECT 9;";
    expect(pieces(sql)).toEqual(['SELECT 8', 'SELECT 9']);
  });

  it('drops spans of only white space, comments and empty statements', () => {
    expect(pieces(';;  -- note;\n/* x; */ ;\n')).toEqual([]);
    expect(pieces('')).toEqual([]);
  });

  it('a statement starts at its first token, after leading comments', () => {
    const sql = '-- header; not a split\n/* block; */ SELECT 1;';
    expect(pieces(sql)).toEqual(['SELECT 1']);
  });

  it('ignores semicolons in strings, escape strings, quoted identifiers and comments', () => {
    expect(pieces(`SELECT 'a;b', 'it''s;', E'\\';', "col;umn" -- x;\n, 1 /* a /* nested; */ b; */;SELECT 2`)).toEqual([
      `SELECT 'a;b', 'it''s;', E'\\';', "col;umn" -- x;\n, 1 /* a /* nested; */ b; */`,
      'SELECT 2',
    ]);
  });

  it('a backslash ends nothing in a standard string', () => {
    expect(pieces(`SELECT 'C:\\';SELECT 2`)).toEqual([`SELECT 'C:\\'`, 'SELECT 2']);
  });

  it('keeps dollar-quoted function bodies whole, with or without a tag', () => {
    const fn = `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF NEW.x THEN RAISE EXCEPTION 'no; never'; END IF; -- ;
  PERFORM $$inner; quoted$$;
  RETURN NEW;
END;
$body$`;
    expect(pieces(`${fn};\nSELECT $$a;b$$;`)).toEqual([fn, 'SELECT $$a;b$$']);
  });

  it('$1 parameters and identifiers holding $ are not dollar quotes', () => {
    expect(pieces('PREPARE p AS SELECT $1;SELECT a$b$c FROM t;SELECT 3')).toEqual(['PREPARE p AS SELECT $1', 'SELECT a$b$c FROM t', 'SELECT 3']);
  });

  it('an unterminated string or comment runs to the end of the file', () => {
    expect(pieces("SELECT 'abc;\nCREATE TABLE t (id int);")).toEqual(["SELECT 'abc;\nCREATE TABLE t (id int);"]);
    expect(pieces('SELECT 1; /* open; SELECT 2;')).toEqual(['SELECT 1']);
  });

  it('offsets are UTF-16 offsets into the text', () => {
    const sql = "SELECT '日本😀';SELECT 'ü'";
    const spans = splitStatements(sql);
    expect(spans).toEqual([
      { start: 0, end: 13 },
      { start: 14, end: 24 },
    ]);
  });

  it('reports every comment outside strings, and none inside them', () => {
    const sql = `-- one\nSELECT '-- not a comment', $$ /* nor this */ $$; /* two /* nested */ */ SELECT 1 -- three`;
    expect(comments(sql)).toEqual(['-- one', '/* two /* nested */ */', '-- three']);
  });
});

/**
 * PostgreSQL's own scanner is the oracle: our statement ends must be exactly its `;` tokens, and our
 * comments its comment tokens.
 */
const CORPUS = [
  `CREATE TABLE "a;b" (x text DEFAULT 'x;y', y text DEFAULT E'\\'' ); -- c; d\nSELECT 1;`,
  `CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $f$ SELECT 1; $f$; SELECT $$;$$, $x$ $y$ ; $x$;`,
  `SELECT /* a /* b; */ c; */ 1; SELECT U&'d\\0061t;a', B'01', X'1F', N'n;';`,
  `SELECT 'ü;日本' AS "列;" ; SELECT '😀' ; /* ö; */ SELECT 1`,
  `CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT a$b$c;`,
  `SELECT 1 - -1; SELECT 2--3;\nSELECT e'\\\\'; SELECT 'a' 'b';`,
];

function scannerView(sql: string): { ends: number[]; comments: string[] } {
  const bytes = Buffer.from(sql, 'utf8');
  const toOffset = (b: number) => bytes.subarray(0, b).toString('utf8').length;
  const tokens = scanTokens(sql).tokens;
  return {
    ends: tokens.filter((t) => t.text === ';').map((t) => toOffset(t.start)),
    comments: tokens.filter((t) => t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT').map((t) => sql.slice(toOffset(t.start), toOffset(t.end)).replace(/\n$/, '')),
  };
}

describe('splitStatements agrees with PostgreSQL’s scanner', () => {
  for (const sql of CORPUS) {
    it(sql.slice(0, 50), () => {
      const oracle = scannerView(sql);
      const ends = splitStatements(sql)
        .map((s) => s.end)
        .filter((end) => end < sql.length);
      expect(ends).toEqual(oracle.ends);
      expect(comments(sql)).toEqual(oracle.comments);
    });
  }
});
