import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { buildModel, type InputModule } from '../sources/build.js';
import { loadParser } from '../sources/sql/parser.js';
import { insertStatement, sampleRegex, seedRows } from './seed-rows.js';

describe('sampleRegex', () => {
  const cases = ['^[A-Z]{2}$', '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$', '^[^@[:space:]]+@[^@[:space:]]+$', '^[0-9a-f]{64}$', '^CVE-[0-9]{4}-[0-9]{4,}$', '^CVSS:[34]\\.[01]/', '^(low|high)$'];
  for (const pattern of cases) {
    it(`matches ${pattern}, with different variants`, () => {
      const a = sampleRegex(pattern, 0);
      const b = sampleRegex(pattern, 1);
      const js = new RegExp(pattern.replaceAll('[:space:]', '\\s'));
      expect(a).toMatch(js);
      expect(b).toMatch(js);
      if (pattern !== '^CVSS:[34]\\.[01]/') expect(a).not.toBe(b);
    });
  }
});

const SQL = `
CREATE TABLE organisations (id uuid PRIMARY KEY);
CREATE TABLE users (id uuid PRIMARY KEY, organisation_id uuid NOT NULL REFERENCES organisations, created_by uuid NOT NULL REFERENCES users,
  email text NOT NULL CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'), UNIQUE (organisation_id, email));
CREATE TYPE level AS ENUM ('low', 'high');
CREATE TABLE course (id uuid PRIMARY KEY, organisation_id uuid NOT NULL REFERENCES organisations, created_by uuid NOT NULL REFERENCES users,
  code text NOT NULL UNIQUE, status text NOT NULL CHECK (status IN ('draft', 'live')), lvl level NOT NULL,
  minutes integer NOT NULL CHECK (minutes >= 5 AND minutes <= 6), score numeric(4,1) NOT NULL CHECK (score > 0), starts_on date NOT NULL,
  parent_id uuid REFERENCES course);
CREATE TABLE prerequisite (id uuid PRIMARY KEY, organisation_id uuid NOT NULL REFERENCES organisations,
  course_id uuid NOT NULL REFERENCES course, required_id uuid NOT NULL REFERENCES course, CHECK (course_id <> required_id), UNIQUE (course_id, required_id));
`;

it('seeds rows that PostgreSQL accepts: parents first, checks met, unique keys distinct, the same every time', async () => {
  await loadParser();
  const module: InputModule = { name: 'app', dir: 'app', migrations: [{ path: 'app/001.sql', bytes: new TextEncoder().encode(SQL) }] };
  const { catalog } = buildModel([module], 'global');
  const tables = [...catalog.tables.values()].reverse();
  const tenants = ['01900000-0000-7000-8000-00000000000a', '01900000-0000-7000-8000-00000000000b'];
  const rows = seedRows(catalog, tables, { tenants });
  expect(rows.map((r) => `${r.table.name}:${r.index}`).slice(0, 7)).toEqual(['organisations:0', 'users:0', 'users:1', 'course:0', 'course:1', 'prerequisite:0', 'prerequisite:1']);
  expect(seedRows(catalog, tables, { tenants })).toEqual(rows);
  const db = new PGlite();
  try {
    await db.exec(SQL);
    for (const row of rows) {
      const { text, params } = insertStatement(row);
      await db.query(text, params);
    }
    const { rows: counts } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM prerequisite');
    expect(counts[0]!.n).toBe(4);
  } finally {
    await db.close();
  }
}, 60_000);
