// The built-in type names, in their one home, as both their users write them: the generated DDL
// (`ismslint sql`) and the QA suites' expected column types must agree with PostgreSQL's format_type().
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ddlModule } from '../../test/support/generator-fixture.js';
import { sqlType } from '../generators/sql/sql-text.js';
import { expectedType } from '../qa/requirements.js';
import { buildModel } from '../sources/build.js';
import { loadParser } from '../sources/sql/parser.js';
import { BUILTIN_TYPE_NAMES, makeTypeRef, normaliseTypeName, storedTypeName } from './types.js';

const MODS: Record<string, number[]> = {
  numeric: [5, 2],
  'character varying': [10],
  character: [3],
  bit: [3],
  'bit varying': [5],
  'timestamp with time zone': [3],
  'timestamp without time zone': [0],
  'time with time zone': [2],
  'time without time zone': [6],
};
const SERIAL = new Set(['serial', 'bigserial', 'smallserial']);
const NO_PLAIN_FORM = new Set(['character', 'bit']);

let db: PGlite;
beforeAll(async () => {
  await loadParser();
  db = new PGlite();
});
afterAll(() => db.close());

describe('built-in type names', () => {
  it('each is written by the DDL generator as PostgreSQL reads it, and expected by the QA suites as format_type() prints it', async () => {
    // Unlimited `bpchar` and `"bit"` are left out: the model prints them `character` and `bit`, which
    // format_type() does not (a known difference, not of these lists).
    const plain = (name: string) => !NO_PLAIN_FORM.has(name);
    const types = [...BUILTIN_TYPE_NAMES].flatMap((name) => [
      ...(plain(name) ? [makeTypeRef(name)] : []),
      ...(SERIAL.has(name) || !plain(name) ? [] : [makeTypeRef(name, [], 1)]),
      ...(MODS[name] ? [makeTypeRef(name, MODS[name]), makeTypeRef(name, MODS[name], 1)] : []),
    ]);
    const columns = types.map((t, i) => `c${i} ${sqlType(t)}`);
    await db.exec(`CREATE TABLE every_type (${columns.join(', ')})`);
    const { rows } = await db.query<{ attname: string; type: string }>(
      `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'every_type'::regclass AND attnum > 0 ORDER BY attnum`,
    );
    expect(rows.map((r) => r.type)).toEqual(types.map(expectedType));
    expect(types.length).toBeGreaterThan(60);
  });

  it('keeps user types named like properties of Object as they are', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(normaliseTypeName(name)).toBe(name);
      expect(storedTypeName(name)).toBe(name);
    }
    const model = buildModel([ddlModule('m', `CREATE TYPE "constructor" AS ENUM ('a');\nCREATE TABLE t (id uuid PRIMARY KEY, c "constructor", d "constructor"[]);\n`)], 'global');
    expect(model.findings.map((f) => f.message)).toEqual([]);
    expect(model.catalog.tables.get('public.t')?.columns.map((c) => c.type.text)).toEqual(['uuid', 'constructor', 'constructor[]']);
  });
});
