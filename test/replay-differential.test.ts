/**
 * The replay's principle, proved against PostgreSQL (PGlite): a statement PostgreSQL accepts never gives
 * replay-error, one it rejects does (unless the reason is one a static replay cannot see), and the model
 * after the accepted statements is the catalog PostgreSQL holds. Run on every SQL fixture of the project
 * and on a seeded stream of generated DDL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../src/sources/sql/parser.js';
import type { ScriptFile } from './support/differential.js';
import { defaultText } from './support/catalog-shape.js';
import { differential } from './support/differential.js';

const ROOT = join(import.meta.dirname, '..');

function sqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sqlFiles(join(dir, e.name)) : e.name.endsWith('.sql') ? [join(dir, e.name)] : []))
    .sort();
}

const read = (path: string): ScriptFile => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') });
const GLOBAL = sqlFiles(join(ROOT, 'module-schemas/global/migrations')).map(read);

/** Each fixture project: the global module first where its SQL references organisations and users. */
function fixtureProjects(): { name: string; files: ScriptFile[] }[] {
  const out: { name: string; files: ScriptFile[] }[] = [{ name: 'module-schemas/global', files: GLOBAL }];
  // A file directly in fixtures/sql is a script of its own; a folder there is one migration history.
  for (const entry of readdirSync(join(ROOT, 'fixtures/sql'), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(ROOT, 'fixtures/sql', entry.name);
    if (entry.isDirectory()) out.push({ name: relative(ROOT, path), files: sqlFiles(path).map(read) });
    else if (entry.name.endsWith('.sql')) out.push({ name: relative(ROOT, path), files: [read(path)] });
  }
  // fixtures/qa/generated holds generated pgTAP suites, which are tests, not migrations.
  const moduleDirs = [
    ...new Set(
      sqlFiles(join(ROOT, 'fixtures'))
        .filter((f) => !f.includes('/fixtures/sql/') && !f.includes('/fixtures/qa/generated/'))
        .map((f) => f.slice(0, f.lastIndexOf('/'))),
    ),
  ];
  // A fixture's own global module replaces module-schemas' one instead of following it.
  for (const dir of moduleDirs) out.push({ name: relative(ROOT, dir), files: [...(dir.endsWith('/global/migrations') ? [] : GLOBAL), ...sqlFiles(dir).map(read)] });
  return out;
}

let db: PGlite;
beforeAll(async () => {
  await loadParser();
  // The extensions pg_dump fixtures create, as a server would have them installed.
  db = new PGlite({ extensions: { citext, pg_trgm } });
  await db.waitReady;
});
afterAll(async () => {
  await db.close();
});

describe('every SQL fixture: lint agrees with PGlite', () => {
  for (const project of fixtureProjects()) {
    it(project.name, async () => {
      const outcome = await differential(db, project.files);
      expect(outcome.problems).toEqual([]);
      expect(outcome.accepted).toBeGreaterThan(0);
      // Every fixture but the MySQL-flavoured one is valid PostgreSQL: PGlite refuses only calls into
      // TimescaleDB, which it does not have.
      if (!project.name.includes('mysql')) expect(outcome.serverOnly.filter((s) => !/function create_hypertable/.test(s))).toEqual([]);
      if (!project.name.includes('mysql')) expect(outcome.rejected).toBe(outcome.serverOnly.length);
    }, 60_000);
  }
});

describe("default text: only pg_get_expr()'s cosmetic spelling is taken out", () => {
  it('drops the cast of a literal to the column type, wrapping parentheses and the schema public of a sequence', () => {
    expect(defaultText("'open'::text", 'text')).toBe("'open'");
    expect(defaultText("(now() + '7 years'::interval)", 'timestamp with time zone')).toBe("now() + '7 years'::interval");
    expect(defaultText("('now'::text)::date", 'date')).toBe("'now'::text::date");
    expect(defaultText("nextval('public.s')", 'bigint')).toBe("nextval('s'::regclass)");
  });

  it('keeps what changes the value', () => {
    expect(defaultText("'open'::text", 'character varying(5)')).toBe("'open'::text");
    expect(defaultText('(1 + 2) * 3', 'integer')).toBe('(1 + 2) * 3');
    expect(defaultText("nextval('other.s'::regclass)", 'bigint')).toBe("nextval('other.s'::regclass)");
    expect(defaultText('0', 'integer')).not.toBe(defaultText('1', 'integer'));
  });
});

// A small world of names, so that generated statements meet each other's objects.
const TABLES = ['t1', 't2', 't3'];
const VIEWS = ['v1', 'v2'];
const COLUMNS = ['a', 'b', 'c', 'd'];
const TYPES = [
  'int',
  'bigint',
  'text',
  'varchar(20)',
  'boolean',
  'timestamptz',
  'numeric(10,2)',
  'uuid',
  'int[]',
  'jsonb',
  'double precision',
  'character varying(5)',
  'pg_catalog.int4',
  'timestamp with time zone',
  'timestmp',
  'mood',
];
const INDEXES = ['i1', 'i2'];
const CONSTRAINTS = ['k1', 'k2'];

const table = fc.constantFrom(...TABLES);
const anyRelation = fc.constantFrom(...TABLES, ...VIEWS, 'mv1', 's1', 'p');
const column = fc.constantFrom(...COLUMNS);
const type = fc.constantFrom(...TYPES);
const columnList = fc.uniqueArray(column, { minLength: 1, maxLength: 3 }).map((cs) => cs.join(', '));

const statement: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      table,
      fc.uniqueArray(fc.tuple(column, type, fc.boolean()), { minLength: 1, maxLength: 4, selector: ([c]) => c }),
      fc.constantFrom('', ', PRIMARY KEY (a)', ', UNIQUE (b)', ', CHECK (a IS NOT NULL)'),
    )
    .map(([t, cols, extra]) => `CREATE TABLE ${t} (${cols.map(([c, ty, nn]) => `${c} ${ty}${nn ? ' NOT NULL' : ''}`).join(', ')}${extra})`),
  fc.tuple(table, table).map(([t, u]) => `CREATE TABLE ${t} (id serial PRIMARY KEY, a int REFERENCES ${u} (a))`),
  fc
    .tuple(table, table, fc.constantFrom('', ' INCLUDING ALL', ' INCLUDING INDEXES', ' INCLUDING CONSTRAINTS INCLUDING DEFAULTS', ' INCLUDING ALL EXCLUDING INDEXES'))
    .map(([t, u, o]) => `CREATE TABLE ${t} (LIKE ${u}${o})`),
  fc.tuple(table, table, columnList).map(([t, u, cs]) => `CREATE TABLE ${t} AS SELECT ${cs} FROM ${u}`),
  fc.tuple(table).map(([t]) => `CREATE TABLE ${t} AS SELECT 1 AS a, 'x'::text AS b, now() AS c`),
  fc.tuple(table, table).map(([t, u]) => `SELECT * INTO ${t} FROM ${u}`),
  fc.tuple(table, column, type, fc.constantFrom('', ' NOT NULL DEFAULT 0', ' UNIQUE', ' GENERATED ALWAYS AS IDENTITY')).map(([t, c, ty, x]) => `ALTER TABLE ${t} ADD COLUMN ${c} ${ty}${x}`),
  fc.tuple(table, column).map(([t, c]) => `ALTER TABLE ${t} DROP COLUMN ${c}`),
  fc.tuple(table, column, type).map(([t, c, ty]) => `ALTER TABLE ${t} DROP COLUMN ${c}, ADD COLUMN ${c} ${ty}`),
  fc.tuple(table, column, column).map(([t, c, d]) => `ALTER TABLE ${t} ADD CHECK (${c} IS NOT NULL), ADD COLUMN ${d} int`),
  fc.tuple(table, column, column).map(([t, c, d]) => `ALTER TABLE ${t} RENAME COLUMN ${c} TO ${d}`),
  fc.tuple(anyRelation, fc.constantFrom(...TABLES, ...VIEWS)).map(([t, u]) => `ALTER TABLE ${t} RENAME TO ${u}`),
  fc.tuple(table, column, type).map(([t, c, ty]) => `ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${ty}`),
  fc.tuple(table, column, fc.constantFrom('SET', 'DROP')).map(([t, c, x]) => `ALTER TABLE ${t} ALTER COLUMN ${c} ${x} NOT NULL`),
  fc.tuple(table, fc.constantFrom(...CONSTRAINTS), fc.constantFrom('PRIMARY KEY (a)', 'UNIQUE (b)', 'UNIQUE (a, b)', 'CHECK (c <> 0)')).map(([t, k, d]) => `ALTER TABLE ${t} ADD CONSTRAINT ${k} ${d}`),
  fc.tuple(table, fc.constantFrom(...CONSTRAINTS, 't1_pkey', 't1_b_key', 't2_pkey')).map(([t, k]) => `ALTER TABLE ${t} DROP CONSTRAINT ${k}`),
  fc.tuple(fc.constantFrom(...INDEXES, ''), fc.boolean(), fc.constantFrom(...TABLES, 'mv1', 'v1', 'p'), columnList).map(([i, u, t, cs]) => `CREATE ${u ? 'UNIQUE ' : ''}INDEX ${i} ON ${t} (${cs})`),
  fc.constantFrom(...INDEXES, 't1_pkey', 'k1').map((i) => `DROP INDEX ${i}`),
  fc.tuple(fc.constantFrom(...INDEXES, 't1_pkey', 't2_b_key', 'k1', 'k2'), fc.constantFrom(...INDEXES, 'k2')).map(([i, j]) => `ALTER INDEX ${i} RENAME TO ${j}`),
  fc.tuple(fc.constantFrom(...TABLES, 'v1'), fc.boolean()).map(([t, c]) => `DROP TABLE ${t}${c ? ' CASCADE' : ''}`),
  fc.tuple(fc.constantFrom(...VIEWS), table, fc.constantFrom('*', 'a', 'a, b', 'a AS x, 1 AS y')).map(([v, t, cs]) => `CREATE VIEW ${v} AS SELECT ${cs} FROM ${t}`),
  fc.tuple(table, fc.constantFrom('*', 'a', 'b, c')).map(([t, cs]) => `CREATE MATERIALIZED VIEW mv1 AS SELECT ${cs} FROM ${t}`),
  fc.tuple(fc.constantFrom('VIEW v1', 'VIEW v2', 'MATERIALIZED VIEW mv1', 'SEQUENCE s1', 'VIEW mv1'), fc.boolean()).map(([x, c]) => `DROP ${x}${c ? ' CASCADE' : ''}`),
  anyRelation.map((r) => `ALTER TABLE ${r} OWNER TO CURRENT_USER`),
  fc.constantFrom('v1', 'mv1', 't1').map((v) => `ALTER VIEW ${v} OWNER TO CURRENT_USER`),
  fc.tuple(fc.constantFrom('v1', 'mv1', 't1'), column).map(([v, c]) => `COMMENT ON COLUMN ${v}.${c} IS 'note'`),
  fc.constant('CREATE SEQUENCE s1'),
  fc.tuple(table, column).map(([t, c]) => `ALTER SEQUENCE s1 OWNED BY ${t}.${c}`),
  fc.constant(`CREATE TYPE mood AS ENUM ('ok', 'sad')`),
  fc.constant(`CREATE DOMAIN posint AS int CHECK (VALUE > 0)`),
  fc.constant('CREATE TABLE p (a int, b text, PRIMARY KEY (a)) PARTITION BY LIST (a)'),
  fc.constant('CREATE TABLE p_1 PARTITION OF p FOR VALUES IN (1)'),
  fc.constant('CREATE TABLE p_2 (a int NOT NULL, b text)'),
  fc.constant('ALTER TABLE p ATTACH PARTITION p_2 FOR VALUES IN (2)'),
  fc.constant('ALTER TABLE p DETACH PARTITION p_2'),
  table.map((t) => `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`),
  table.map((t) => `CREATE POLICY pol ON ${t} USING (true)`),
  table.map((t) => `DROP POLICY pol ON ${t}`),
  fc.constant('CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$'),
  fc.constantFrom('v1', 't1').map((v) => `CREATE TRIGGER tr INSTEAD OF INSERT ON ${v} FOR EACH ROW EXECUTE FUNCTION noop()`),
  fc.tuple(fc.constantFrom('v1', 'v2'), column, column).map(([v, c, d]) => `ALTER VIEW ${v} RENAME COLUMN ${c} TO ${d}`),
  fc.tuple(fc.constantFrom('VIEW v1', 'MATERIALIZED VIEW mv1', 'SEQUENCE s1', 'VIEW t1', 'SEQUENCE t1_id_seq'), fc.constantFrom('v2', 'x1', 't1')).map(([r, n]) => `ALTER ${r} RENAME TO ${n}`),
  fc.tuple(table, fc.constantFrom(...CONSTRAINTS, 't1_pkey', 't1_b_key'), fc.constantFrom(...CONSTRAINTS, 'x1')).map(([t, k, n]) => `ALTER TABLE ${t} RENAME CONSTRAINT ${k} TO ${n}`),
  fc
    .tuple(table, column, fc.constantFrom('public.mood', 'posint', 'serial', 'bigserial', 'pg_catalog.int8', 'mood[]', 't2', 'information_schema.cardinal_number', 'public.strng'))
    .map(([t, c, ty]) => `ALTER TABLE ${t} ADD COLUMN ${c} ${ty}`),
  fc.constantFrom(
    'DROP TYPE mood',
    'DROP TYPE mood CASCADE',
    'DROP DOMAIN posint',
    'ALTER TYPE mood RENAME TO feeling',
    `CREATE TYPE pair AS (x int, y text)`,
    'CREATE TYPE floatrange AS RANGE (subtype = float8)',
  ),
  fc.tuple(fc.constantFrom(...VIEWS), table, fc.constantFrom('a, b', 'a, b, c', 'b', 'a, b, 1 AS e')).map(([v, t, cs]) => `CREATE OR REPLACE VIEW ${v} AS SELECT ${cs} FROM ${t}`),
  fc.tuple(table).map(([t]) => `CREATE TABLE ${t} AS VALUES (1, 'x'), (2, 'y')`),
  fc.tuple(table, table, table).map(([t, u, w]) => `CREATE TABLE ${t} AS SELECT a FROM ${u} UNION ALL SELECT a FROM ${w}`),
  fc.tuple(table, table).map(([t, u]) => `CREATE TABLE ${t} AS SELECT x.* FROM ${u} x`),
  fc.tuple(fc.constantFrom(...TABLES, ...VIEWS, 'mv1'), column).map(([t, c]) => `CREATE TABLE t3 (LIKE ${t} INCLUDING ALL, ${c} int)`),
  fc.constant("ALTER TABLE p ADD CONSTRAINT p_b_check CHECK (b <> '')"),
  fc.constant('CREATE INDEX ON p (b)'),
  fc.constant('CREATE INDEX ON ONLY p (b)'),
  fc.constant("ALTER TABLE p_2 ADD CONSTRAINT p_b_check CHECK (b <> '')"),
  fc.constant('DROP TABLE p CASCADE'),
  fc.constantFrom('ALTER TABLE t1 SET SCHEMA s2', 'ALTER TABLE s2.t1 SET SCHEMA public', 'ALTER VIEW v1 SET SCHEMA s2', 'ALTER SEQUENCE s1 SET SCHEMA s2'),
  fc.constantFrom('CREATE SCHEMA s2', 'CREATE TABLE s2.x (a int PRIMARY KEY, b text)', 'CREATE VIEW s2.xv AS SELECT b FROM s2.x', 'DROP SCHEMA s2', 'DROP SCHEMA s2 CASCADE'),
  fc.constantFrom('v1', 'v2').map((v) => `CREATE VIEW ${v} AS SELECT c.relname, t.table_name FROM pg_class c, information_schema.tables t`),
  fc.tuple(table, column).map(([t, c]) => `ALTER TABLE ${t} DROP COLUMN ${c} CASCADE`),
  fc.tuple(table, fc.constantFrom('', 'a int CHECK (a > 0), ')).map(([t, cs]) => `CREATE TABLE kid (${cs}e text) INHERITS (${t})`),
  fc.tuple(fc.constantFrom(...TABLES, 'p', 'kid'), fc.constantFrom('', 'ONLY ')).map(([t, o]) => `ALTER TABLE ${o}${t} ADD COLUMN e int`),
  fc.tuple(fc.constantFrom(...TABLES, 'p'), fc.constantFrom('', 'ONLY ')).map(([t, o]) => `ALTER TABLE ${o}${t} ADD CONSTRAINT k3 CHECK (a <> 7)`),
  fc.constantFrom('CREATE TABLE typed OF pair', 'CREATE TABLE typed OF pair (x WITH OPTIONS NOT NULL, PRIMARY KEY (y))', 'CREATE TABLE typed OF mood'),
  fc
    .tuple(
      fc.constantFrom('pair', 'mood', 't1', 'nothing'),
      fc.constantFrom(
        'ADD ATTRIBUTE z int',
        'ADD ATTRIBUTE x bigint',
        'DROP ATTRIBUTE y',
        'DROP ATTRIBUTE IF EXISTS z',
        'ALTER ATTRIBUTE x TYPE bigint',
        'ALTER ATTRIBUTE y SET DATA TYPE varchar(20)',
        'ALTER ATTRIBUTE z TYPE text',
        'DROP ATTRIBUTE y CASCADE, ADD ATTRIBUTE y int',
        'ADD ATTRIBUTE w timestmp',
        'RENAME ATTRIBUTE x TO w',
        'RENAME ATTRIBUTE y TO x',
      ),
      fc.constantFrom('', ' CASCADE', ' RESTRICT'),
    )
    .map(([ty, action, behavior]) => `ALTER TYPE ${ty} ${action}${behavior}`),
  fc.tuple(table, fc.constantFrom('pair', 'pair[]')).map(([t, ty]) => `ALTER TABLE ${t} ADD COLUMN d ${ty}`),
  fc.constantFrom(
    'CREATE VIEW v2 AS SELECT x, y FROM typed',
    'CREATE INDEX ON typed (y)',
    'CREATE TABLE typed2 OF pair',
    'ALTER TABLE typed DROP COLUMN x',
    'ALTER TABLE typed ALTER COLUMN x TYPE bigint',
    'ALTER TABLE typed RENAME COLUMN y TO w',
    'ALTER TABLE typed ADD COLUMN q int',
    'DROP TYPE pair',
    'DROP TYPE pair CASCADE',
    'ALTER TYPE pair RENAME TO couple',
    'CREATE TABLE typed2 OF couple',
  ),
  fc.tuple(table, fc.constantFrom('t1_pkey', 'k1', 't2_pkey')).map(([t, k]) => `ALTER TABLE ${t} DROP CONSTRAINT ${k} CASCADE`),
  fc
    .tuple(table, column, fc.constantFrom('NULL', "nextval('s1')", "nextval('public.s1'::regclass)", '0', '1 + 2', '(-1)', "'7'", "length('ab')", 'DEFAULT'))
    .map(([t, c, e]) => (e === 'DEFAULT' ? `ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT` : `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${e}`)),
  fc.constantFrom('ALTER SEQUENCE s1 RENAME TO s3', 'ALTER SEQUENCE s3 RENAME TO s1'),
  fc.tuple(table, column).map(([t, c]) => `DO $$ BEGIN EXECUTE 'ALTER TABLE ${t} ADD COLUMN ${c} int'; END $$`),
  fc.tuple(table, column).map(([t, c]) => `DO $$ BEGIN EXECUTE 'CREATE INDEX i1 ON ' || '${t} (${c})'; END $$`),
  fc.tuple(table, table).map(([t, u]) => `DO $d$ BEGIN EXECUTE $q$DROP TABLE ${t}; CREATE TABLE ${u} (a int)$q$; END $d$`),
);

/** A script that first makes a few objects (so later statements find them), then does anything. */
const script = fc
  .tuple(fc.array(statement, { minLength: 2, maxLength: 6 }), fc.array(statement, { minLength: 4, maxLength: 14 }))
  .map(([setup, rest]) => ['CREATE TABLE t1 (a int PRIMARY KEY, b text UNIQUE, c int)', 'CREATE TABLE t2 (a int, b text, c int, d int)', ...setup, ...rest]);

describe('generated DDL: lint agrees with PGlite', () => {
  it('150 seeded scripts', async () => {
    const scripts = fc.sample(script, { numRuns: Number(process.env.DIFF_RUNS ?? 150), seed: Number(process.env.DIFF_SEED ?? 20261207) });
    const problems: string[] = [];
    let accepted = 0;
    let rejected = 0;
    for (const [n, statements] of scripts.entries()) {
      const outcome = await differential(db, [{ path: `script-${n}.sql`, text: statements.join(';\n') + ';\n' }]);
      accepted += outcome.accepted;
      rejected += outcome.rejected;
      if (outcome.problems.length) problems.push(`script ${n}:\n${statements.join(';\n')};\n--\n${outcome.problems.join('\n')}`);
    }
    if (process.env.DIFF_DUMP) (await import('node:fs')).writeFileSync(process.env.DIFF_DUMP, problems.join('\n\n'));
    expect(problems.slice(0, 5)).toEqual([]);
    // Both sides of the principle were exercised.
    expect(accepted).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(200);
  }, 120_000);
});
