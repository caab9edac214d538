/**
 * Shapes real projects' SQL takes that the replay must read as PostgreSQL does: pg_dump's COPY data and
 * psql meta-commands, typed tables, inheritance, recursive CTEs in views, and platform schemas (Supabase's `auth` and
 * `storage`) that migrations use without creating. PostgreSQL's side of each is proved in
 * test/replay-differential.test.ts on the fixtures in fixtures/sql.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lintCase } from '../../../../rules/test-harness.js';
import { buildModel } from '../../build.js';
import { loadParser } from '../parser.js';

beforeAll(() => loadParser());

const enc = new TextEncoder();

function model(sql: string) {
  return buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/1.sql', bytes: enc.encode(sql) }] }], 'global');
}
const errors = (sql: string) => model(sql).findings.filter((f) => f.ruleId === 'replay-error' || f.ruleId === 'parse-error');
const columns = (sql: string, table: string) =>
  model(sql)
    .catalog.tables.get(table)
    ?.columns.map((c) => `${c.name} ${c.type.text}${c.notNull ? ' NOT NULL' : ''}`);

describe("pg_dump's COPY … FROM stdin", () => {
  const dump = `CREATE TABLE public.t (id integer, note text);
COPY public.t (id, note) FROM stdin;
1\tsemicolons; in; data
2\t\\N
\\.
ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
`;
  it('skips the rows up to the \\. line, and replays what follows', () => {
    expect(errors(dump)).toEqual([]);
    expect(
      model(dump)
        .catalog.tables.get('public.t')
        ?.constraints.map((c) => c.name),
    ).toEqual(['t_pkey']);
  });
});

describe("psql's meta-commands (pg_dump 17.6's \\restrict)", () => {
  const dump = `\\restrict K3y
CREATE TABLE t (
\\echo inside a statement
  id int);
ALTER TABLE nowhere ADD COLUMN x int;
\\set ON_ERROR_STOP on
CREATE TABLE u (id int,);
\\unrestrict K3y
`;
  it('are not SQL: no finding of their own, and what follows keeps its line and column', () => {
    expect(columns(dump, 'public.t')).toEqual(['id integer']);
    expect(errors(dump).map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column} ${f.message}`)).toEqual([
      'parse-error 7:24 syntax error at or near ")"',
      'replay-error 5:13 relation "public.nowhere" does not exist at this point of the migrations',
    ]);
  });
});

describe('column defaults as PostgreSQL stores them', () => {
  const defaults = (sql: string, table = 'public.t') =>
    model(sql)
      .catalog.tables.get(table)
      ?.columns.map((c) => `${c.name} ${c.type.text}${c.default ? ` DEFAULT ${c.default.text}` : ''}`);

  it('DEFAULT NULL stores no default, but a domain column keeps it', () => {
    expect(defaults(`CREATE DOMAIN d AS int DEFAULT 1; CREATE TABLE t (a int DEFAULT NULL, b d DEFAULT NULL, c int DEFAULT 2); ALTER TABLE t ALTER COLUMN c SET DEFAULT NULL::int;`)).toEqual([
      'a integer',
      'b d DEFAULT NULL',
      'c integer',
    ]);
  });

  it('SET DEFAULT without ONLY reaches inheriting tables; a parent’s serial is the integer with its nextval() there', () => {
    const sql = `CREATE TABLE t (id serial, c int); CREATE TABLE kid (e text) INHERITS (t); ALTER TABLE t ALTER COLUMN c SET DEFAULT 7; ALTER TABLE ONLY t ALTER COLUMN c SET DEFAULT 8;`;
    expect(defaults(sql, 'public.kid')).toEqual([`id integer DEFAULT nextval('t_id_seq'::regclass)`, 'c integer DEFAULT 7', 'e text']);
  });

  it('nextval() needs its sequence, which DROP SEQUENCE then needs CASCADE to drop', () => {
    expect(errors(`CREATE TABLE t (a bigint DEFAULT nextval('nope'));`).map((f) => f.message)).toEqual(['relation "public.nope" does not exist at this point of the migrations']);
    const base = `CREATE SEQUENCE s; CREATE TABLE t (a bigint DEFAULT nextval('s'), b int);\n`;
    expect(errors(`${base}DROP SEQUENCE s;`).map((f) => f.message)).toEqual(['cannot drop sequence s because other objects depend on it (default value for column a of table t): use DROP … CASCADE']);
    expect(defaults(`${base}DROP SEQUENCE s CASCADE;`)).toEqual(['a bigint', 'b integer']);
  });

  it('a column added to a parent must have the type an inheriting table declares it with', () => {
    expect(errors(`CREATE TABLE t (b int); CREATE TABLE kid (a int) INHERITS (t); ALTER TABLE t ADD COLUMN a jsonb;`).map((f) => f.message)).toEqual([
      'child table "kid" has different type for column "a"',
    ]);
  });
});

describe('sequences renamed', () => {
  it("a default's nextval() follows the sequence, as its oid does in PostgreSQL", () => {
    const defaults = (sql: string) =>
      model(sql)
        .catalog.tables.get('public.t')
        ?.columns.map((c) => c.default?.text);
    expect(
      defaults(
        `CREATE SEQUENCE s; CREATE TABLE t (a bigint DEFAULT nextval('s'), b bigint DEFAULT nextval('public.s'::regclass), c bigint DEFAULT nextval('other')); CREATE SEQUENCE other; ALTER SEQUENCE s RENAME TO "S2";`,
      ),
    ).toEqual([`nextval('"S2"')`, `nextval('public."S2"'::regclass)`, `nextval('other')`]);
  });
});

describe('typed tables and inheritance', () => {
  it('a typed table has the composite type’s attributes, WITH OPTIONS adding to one', () => {
    expect(columns(`CREATE TYPE pair AS (x integer, "Y" text); CREATE TABLE p OF pair (x WITH OPTIONS NOT NULL);`, 'public.p')).toEqual(['x integer NOT NULL', 'Y text']);
  });

  it('ALTER TYPE … CASCADE changes the typed tables’ columns with the type’s attributes, and later typed tables get them', () => {
    const sql = `CREATE TYPE pair AS (x int, y text);
      CREATE TABLE p OF pair (x WITH OPTIONS NOT NULL);
      ALTER TYPE pair ADD ATTRIBUTE z int CASCADE, DROP ATTRIBUTE y CASCADE, ALTER ATTRIBUTE x TYPE bigint CASCADE;
      ALTER TYPE pair RENAME ATTRIBUTE x TO xx CASCADE;
      ALTER TYPE pair RENAME TO couple;
      CREATE TABLE q OF couple;`;
    expect(errors(sql)).toEqual([]);
    expect(columns(sql, 'public.p')).toEqual(['xx bigint NOT NULL', 'z integer']);
    expect(columns(sql, 'public.q')).toEqual(['xx bigint', 'z integer']);
  });

  it('refuses ALTER TYPE without CASCADE while typed tables use the type, at the type’s name', () => {
    const base = `CREATE TYPE pair AS (x int, y text);\nCREATE TABLE p OF pair;\n`;
    const found = (sql: string) => errors(base + sql).map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`);
    const refusal = 'cannot alter type "pair" because it is the type of a typed table (p): use ALTER TYPE … CASCADE to alter the typed tables too';
    for (const action of ['ADD ATTRIBUTE z int', 'DROP ATTRIBUTE y', 'ALTER ATTRIBUTE x TYPE bigint RESTRICT', 'RENAME ATTRIBUTE x TO w']) {
      expect(found(`ALTER TYPE pair ${action};`), action).toEqual([`3:12 ${refusal}`]);
    }
    // The replay goes on as if CASCADE had been written.
    expect(columns(`${base}ALTER TYPE pair ADD ATTRIBUTE z int;`, 'public.p')).toEqual(['x integer', 'y text', 'z integer']);
  });

  it('refuses what PostgreSQL refuses about composite types and typed tables', () => {
    const base = `CREATE TYPE pair AS (x int, y text); CREATE TABLE p OF pair; CREATE TYPE solo AS (a int); CREATE TABLE uses (s solo[]); CREATE TYPE mood AS ENUM ('ok');\n`;
    const messages = (sql: string) => errors(base + sql).map((f) => f.message);
    // Drops run before additions, as in ALTER TABLE.
    expect(messages('ALTER TYPE solo DROP ATTRIBUTE a, ADD ATTRIBUTE a text;')).toEqual([]);
    expect(messages('ALTER TYPE solo ADD ATTRIBUTE b int, DROP ATTRIBUTE b;')).toEqual(['column "b" of relation "solo" does not exist']);
    expect(messages('ALTER TYPE solo ALTER ATTRIBUTE a TYPE bigint;')).toEqual(['cannot alter type "solo" because column "uses.s" uses it']);
    expect(messages('ALTER TYPE pair ADD ATTRIBUTE x int CASCADE;')).toEqual(['column "x" of relation "pair" already exists']);
    expect(messages('ALTER TYPE pair ALTER ATTRIBUTE nope TYPE int CASCADE;')).toEqual(['column "nope" of relation "pair" does not exist']);
    expect(messages('ALTER TYPE uses ADD ATTRIBUTE b int;')).toEqual(['"uses" is not a composite type']);
    expect(messages('ALTER TYPE mood ADD ATTRIBUTE b int;')).toEqual(['"mood" is not a composite type']);
    expect(messages('ALTER TYPE nothing ADD ATTRIBUTE b int;')).toEqual(['relation "public.nothing" does not exist at this point of the migrations']);
    expect(messages('ALTER TABLE p DROP COLUMN x;')).toEqual([expect.stringMatching(/^cannot drop column from typed table "p"/)]);
    expect(messages('ALTER TABLE p ALTER COLUMN x TYPE bigint;')).toEqual([expect.stringMatching(/^cannot alter column type of typed table "p"/)]);
    expect(messages('ALTER TABLE p RENAME COLUMN x TO w;')).toEqual([expect.stringMatching(/^cannot rename column of typed table "p"/)]);
    expect(messages('DROP TYPE pair;')).toEqual(['cannot drop type pair because other objects depend on it (table p): use DROP … CASCADE']);
    expect(model(base + 'DROP TYPE pair CASCADE;').catalog.tables.has('public.p')).toBe(false);
  });

  it('a table cannot be OF a type that is not composite', () => {
    expect(errors(`CREATE TYPE mood AS ENUM ('ok'); CREATE TABLE m OF mood;`).map((f) => f.message)).toEqual(['type "mood" is not a composite type']);
  });

  it('ALTER TABLE without ONLY reaches inheriting tables: columns added, renamed, retyped and dropped, CHECKs added', () => {
    const sql = `CREATE TABLE parent (a int, b text);
      CREATE TABLE kid (c int) INHERITS (parent);
      ALTER TABLE parent ADD COLUMN d int;
      ALTER TABLE parent RENAME COLUMN b TO bb;
      ALTER TABLE parent ALTER COLUMN a TYPE bigint;
      ALTER TABLE parent ADD CONSTRAINT a_positive CHECK (a > 0);
      ALTER TABLE parent DROP COLUMN d;`;
    expect(columns(sql, 'public.kid')).toEqual(['a bigint', 'bb text', 'c integer']);
    expect(
      model(sql)
        .catalog.tables.get('public.kid')
        ?.constraints.map((c) => c.name),
    ).toEqual(['a_positive']);
    expect(errors(sql)).toEqual([]);
  });

  it('a column declared in the inheriting table too stays when the parent drops it', () => {
    expect(columns(`CREATE TABLE parent (a int, b int); CREATE TABLE kid (a int) INHERITS (parent); ALTER TABLE parent DROP COLUMN a;`, 'public.kid')).toEqual(['a integer', 'b integer']);
  });

  it('refuses what PostgreSQL refuses about inheritance', () => {
    const base = `CREATE TABLE parent (a int, b text); CREATE TABLE kid (c int) INHERITS (parent);`;
    const messages = (sql: string) => errors(base + sql).map((f) => f.message);
    expect(messages('ALTER TABLE ONLY parent ADD CONSTRAINT k CHECK (a > 0);')).toEqual([expect.stringMatching(/^constraint must be added to child tables too/)]);
    expect(messages('ALTER TABLE ONLY parent ADD CONSTRAINT k CHECK (a > 0) NO INHERIT;')).toEqual([]);
    expect(messages('ALTER TABLE ONLY parent ADD COLUMN d int;')).toEqual([expect.stringMatching(/^column must be added to child tables too/)]);
    expect(messages('CREATE TABLE kid2 (b int) INHERITS (parent);')).toEqual([expect.stringMatching(/^column "b" has a type conflict/)]);
    expect(messages('DROP TABLE parent;')).toEqual([expect.stringMatching(/^cannot drop table parent because other objects depend on it \(table kid inherits from it\)/)]);
    expect(messages('ALTER TABLE kid NO INHERIT parent; DROP TABLE parent;')).toEqual([]);
    expect(model(base + 'DROP TABLE parent CASCADE;').catalog.tables.has('public.kid')).toBe(false);
    expect(messages('CREATE TABLE other (a int); ALTER TABLE other INHERIT parent;')).toEqual(['child table is missing column "b"']);
  });

  it('a partitioned table’s new columns reach its partitions', () => {
    const sql = `CREATE TABLE ev (id int, at date) PARTITION BY RANGE (at);
      CREATE TABLE ev_1 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
      ALTER TABLE ev ADD COLUMN note text;`;
    expect(columns(sql, 'public.ev_1')).toEqual(['id integer', 'at date', 'note text']);
  });

  it('a table cannot have a column of its own row type', () => {
    expect(errors(`CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b t;`).map((f) => f.message)).toEqual(['composite type t cannot be made a member of itself']);
  });
});

describe('views', () => {
  it('WITH RECURSIVE reads its own result', () => {
    expect(errors(`CREATE VIEW tree AS WITH RECURSIVE chain(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM chain WHERE n < 5) SELECT n FROM chain;`)).toEqual([]);
  });
});

describe('platform schemas: Supabase migrations without the platform', () => {
  const sql = `create table public.profiles (id uuid primary key references auth.users on delete cascade);
    create trigger on_auth_user_created after insert on auth.users for each row execute procedure public.handle_new_user();
    create policy "Avatars are public" on storage.objects for select using (bucket_id = 'avatars');
    alter table storage.objects enable row level security;
    insert into storage.buckets (id, name) values ('avatars', 'avatars');`;
  it('relations in a schema the migrations never create are taken to exist on the server', () => {
    expect(errors(sql)).toEqual([]);
    expect(lintCase({ sql }, ['foreign-key-target-exists'])).toEqual([]);
    expect(lintCase({ sql: 'CREATE SCHEMA auth; CREATE TABLE profiles (id uuid REFERENCES auth.users);' }, ['foreign-key-target-exists'])).toHaveLength(1);
  });

  it('but a schema the migrations created, or dropped, is known: its missing relations are errors', () => {
    expect(errors(`CREATE SCHEMA app; ALTER TABLE app.nothing ADD COLUMN a int;`).map((f) => f.message)).toEqual(['relation "app.nothing" does not exist at this point of the migrations']);
    expect(errors(`CREATE SCHEMA app; DROP SCHEMA app; ALTER TABLE app.nothing ADD COLUMN a int;`)).toHaveLength(1);
  });
});
