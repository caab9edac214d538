import { describe, expect, it } from 'vitest';
import { buildModel } from '../../build.js';
import { loadParser } from '../parser.js';

await loadParser();

function hypertable(sql: string) {
  const model = buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/migrations/001.sql', bytes: new TextEncoder().encode(sql) }] }], 'global');
  const t = model.catalog.tables.get('public.metric');
  return { hypertable: t?.hypertable, findings: model.findings.map((f) => f.message) };
}

const TABLE = 'CREATE TABLE metric (recorded_at timestamptz NOT NULL, v int);\n';

describe('DO blocks', () => {
  it('replay a create_hypertable that runs only where TimescaleDB is installed', () => {
    const r = hypertable(`${TABLE}DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable('metric', 'recorded_at');
  END IF;
END
$$;`);
    expect(r.findings).toEqual([]);
    expect(r.hypertable).toMatchObject({ timeColumn: 'recorded_at', loc: { line: 2, column: 1 } });
  });

  it('read the named-argument and by_range forms too', () => {
    expect(hypertable(`${TABLE}DO LANGUAGE plpgsql 'BEGIN PERFORM public.create_hypertable(''metric'', by_range(''recorded_at'')); END';`).hypertable?.timeColumn).toBe('recorded_at');
    expect(hypertable(`${TABLE}DO $x$ BEGIN perform create_hypertable(relation => 'metric', time_column_name => 'recorded_at'); END $x$;`).hypertable?.timeColumn).toBe('recorded_at');
  });

  it('ignore other procedural code and other languages', () => {
    expect(hypertable(`${TABLE}DO $$ BEGIN PERFORM pg_sleep(0); RAISE NOTICE 'create_hypertable'; END $$;`).hypertable).toBeUndefined();
    expect(hypertable(`${TABLE}DO LANGUAGE plpython3u $$ plpy.execute("SELECT create_hypertable('metric', 'recorded_at')") $$;`).hypertable).toBeUndefined();
  });

  it('replay the DDL of a block, as drizzle-kit writes foreign keys and enums, silent where the block guards it', () => {
    const model = buildModel(
      [
        {
          name: 'app',
          dir: 'app',
          migrations: [
            {
              path: 'app/migrations/001.sql',
              bytes: new TextEncoder().encode(`CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int NOT NULL);
DO $$ BEGIN
 CREATE TYPE "public"."status" AS ENUM('active', 'inactive');
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id");
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id");
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN ALTER TABLE nowhere ADD COLUMN a int; END $$;
`),
            },
          ],
        },
      ],
      'global',
    );
    const fk = model.catalog.tables.get('public.posts')?.constraints.find((c) => c.kind === 'foreign key');
    expect(fk).toMatchObject({ name: 'posts_author_fk', loc: { line: 9 } });
    expect(model.catalog.enums.get('public.status')?.values).toEqual(['active', 'inactive']);
    // Only the unguarded block's error is PostgreSQL's for sure.
    expect(model.findings.filter((f) => f.ruleId === 'replay-error').map((f) => [f.loc.line, f.message])).toEqual([[18, 'relation "public.nowhere" does not exist at this point of the migrations']]);
  });

  describe('dynamic EXECUTE', () => {
    const lint = (sql: string) => buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/migrations/001.sql', bytes: new TextEncoder().encode(sql) }] }], 'global');
    const errors = (sql: string) => lint(sql).findings.map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`);

    it('replays the SQL of a constant string as if written there: quoted, dollar-quoted, E-strings and || of literals', () => {
      const model = lint(`DO $$
BEGIN
  EXECUTE 'CREATE TABLE a (id int); CREATE TABLE b (id int)';
  EXECUTE $q$ALTER TABLE a ADD COLUMN note text DEFAULT 'it''s'$q$;
  EXECUTE 'CREATE TABLE c ' || '(id int)' || ' ';
  EXECUTE E'CREATE TABLE "d\\x65" (t text)';
END $$;`);
      expect(model.findings).toEqual([]);
      expect([...model.catalog.tables.keys()]).toEqual(['public.a', 'public.b', 'public.c', 'public.de']);
      expect(model.catalog.tables.get('public.a')?.columns.map((c) => c.name)).toEqual(['id', 'note']);
    });

    it('reports what PostgreSQL refuses in it at the place in the literal, or at the expression when the SQL is built', () => {
      expect(
        errors(`DO $$
BEGIN
  EXECUTE 'ALTER TABLE nope ADD COLUMN y int';
  EXECUTE 'ALTER TABLE ' || 'nope2 ADD COLUMN y int';
  EXECUTE $x$CREATE TABLE e (id int,,)$x$;
END $$;`),
      ).toEqual([
        '3:24 relation "public.nope" does not exist at this point of the migrations',
        '4:11 relation "public.nope2" does not exist at this point of the migrations',
        '5:37 syntax error at or near "," (in the SQL that EXECUTE runs)',
      ]);
    });

    it('leaves SQL it cannot know alone, and is silent where the block guards it', () => {
      const model = lint(`DO $$
DECLARE n int; name text := 'x';
BEGIN
  EXECUTE format('CREATE TABLE %I (id int)', name);
  EXECUTE 'ALTER TABLE ' || quote_ident(name) || ' ADD COLUMN y int';
  EXECUTE 'SELECT count(*) FROM nowhere' INTO n;
  EXECUTE 'ALTER TABLE nowhere ADD COLUMN y int' USING n;
  EXECUTE name;
END $$;
DO $$ BEGIN
  IF to_regclass('nowhere') IS NOT NULL THEN EXECUTE 'ALTER TABLE nowhere ADD COLUMN y int'; END IF;
END $$;`);
      expect(model.findings).toEqual([]);
      expect(model.catalog.tables.size).toBe(0);
    });
  });
});
