/**
 * Relations that are not tables, tables made from queries, LIKE, partitions and unknown types: what the
 * replay builds, and what rules make of it. PostgreSQL's side of each is proved in
 * test/replay-differential.test.ts; these cases pin what users see.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../../../rules/index.js';
import { lintCase } from '../../../../rules/test-harness.js';
import { resolveConfig } from '../../../engine/config/load.js';
import { buildModel } from '../../build.js';

const ALL = allRules.map((r) => r.meta.id);
const enc = new TextEncoder();

const lint = (sql: string) => lintCase({ sql }, ALL);
const ids = (sql: string, rule: string) => lint(sql).filter((f) => f.ruleId === rule);

function model(sql: string, extensions: string[] = []) {
  return buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/1.sql', bytes: enc.encode(sql) }] }], 'global', undefined, undefined, { extensions });
}
const replayErrors = (sql: string, extensions: string[] = []) => model(sql, extensions).findings.filter((f) => f.ruleId === 'replay-error');

const TENANT_TABLE = `
CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  title text NOT NULL
);
CREATE INDEX incidents_organisation_id_idx ON incidents (organisation_id);`;

describe('views, materialized views and sequences', () => {
  it('are what pg_dump writes about them, accepted without replay-error', () => {
    const errors = replayErrors(`${TENANT_TABLE}
      CREATE SEQUENCE incident_no_seq;
      ALTER TABLE incident_no_seq OWNER TO app;
      ALTER SEQUENCE incident_no_seq OWNED BY incidents.title;
      CREATE VIEW open_incidents AS SELECT id, title FROM incidents;
      ALTER TABLE open_incidents OWNER TO app;
      ALTER VIEW open_incidents OWNER TO app;
      COMMENT ON COLUMN open_incidents.title IS 'As reported';
      CREATE FUNCTION ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER open_incidents_ins INSTEAD OF INSERT ON open_incidents FOR EACH ROW EXECUTE FUNCTION ins();
      CREATE MATERIALIZED VIEW incident_titles AS SELECT id, title FROM incidents;
      CREATE UNIQUE INDEX ON incident_titles (id);
      GRANT SELECT ON open_incidents TO PUBLIC;`);
    expect(errors.map((f) => f.message)).toEqual([]);
    const m = model(`${TENANT_TABLE} CREATE VIEW v AS SELECT id FROM incidents; CREATE SEQUENCE s;`);
    expect([...m.catalog.views.values()].map((v) => `${v.relkind} ${v.name} (${v.columns.map((c) => `${c.name} ${c.type.text}`).join(', ')})`)).toEqual(['view v (id uuid)']);
    expect([...m.catalog.sequences.keys()]).toEqual(['public.s']);
    expect([...m.catalog.tables.keys()]).toEqual(['public.incidents']);
  });

  it('a view may read the system catalogs, and a LATERAL subquery the columns before it', () => {
    expect(
      replayErrors(`${TENANT_TABLE}
        CREATE VIEW table_sizes AS SELECT c.relname, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN information_schema.tables t ON t.table_name = c.relname;
        CREATE VIEW titled AS SELECT i.id, x.t FROM incidents i, LATERAL (SELECT i.title AS t) x;`),
    ).toEqual([]);
    expect(replayErrors(`${TENANT_TABLE} CREATE VIEW v AS SELECT titel FROM incidents;`).map((f) => f.message)).toEqual(['column "titel" does not exist']);
  });

  it('are not judged by table rules', () => {
    const findings = lint(`${TENANT_TABLE}
      ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
      ALTER TABLE incidents FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON incidents USING (organisation_id = current_setting('app.current_organisation_id')::uuid);
      CREATE VIEW "OpenIncidents" AS SELECT id, title FROM incidents;
      CREATE MATERIALIZED VIEW incident_titles AS SELECT id, title FROM incidents;`);
    expect(findings.filter((f) => /OpenIncidents|incident_titles/.test(f.logical ?? f.message)).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('an index on a materialized view counts for duplicate-index', () => {
    const found = ids(
      `${TENANT_TABLE}
      CREATE MATERIALIZED VIEW incident_titles AS SELECT id, title FROM incidents;
      CREATE INDEX a_idx ON incident_titles (title);
      CREATE INDEX b_idx ON incident_titles (title);`,
      'duplicate-index',
    );
    expect(found.map((f) => f.logical)).toEqual(['public.incident_titles.b_idx']);
  });

  it('a view pins the columns it reads: DROP COLUMN and ALTER TYPE of them are refused, DROP TABLE needs CASCADE', () => {
    const base = `${TENANT_TABLE} CREATE VIEW v AS SELECT title FROM incidents;`;
    expect(replayErrors(`${base} ALTER TABLE incidents DROP COLUMN title;`).map((f) => f.message)).toEqual([
      expect.stringMatching(/^cannot drop column title of table incidents because other objects depend on it \(view v\)/),
    ]);
    expect(replayErrors(`${base} ALTER TABLE incidents ALTER COLUMN title TYPE varchar(10);`)).toHaveLength(1);
    expect(replayErrors(`${base} DROP TABLE incidents;`)).toHaveLength(1);
    const cascade = model(`${base} DROP TABLE incidents CASCADE;`);
    expect(cascade.findings.filter((f) => f.ruleId === 'replay-error')).toEqual([]);
    expect(cascade.catalog.views.size).toBe(0);
  });
});

describe('CREATE TABLE … AS and SELECT … INTO', () => {
  it('make tables whose later statements replay', () => {
    const m = model(`${TENANT_TABLE}
      CREATE TABLE incidents_copy AS SELECT id, organisation_id, title, 1 AS n, 'x'::varchar(3) AS tag, now() AS at FROM incidents;
      ALTER TABLE incidents_copy ADD PRIMARY KEY (id);
      CREATE INDEX ON incidents_copy (organisation_id);
      SELECT * INTO incidents_old FROM incidents;
      DROP TABLE incidents_old;`);
    expect(m.findings.filter((f) => f.ruleId === 'replay-error')).toEqual([]);
    const copy = m.catalog.tables.get('public.incidents_copy')!;
    expect(copy.columns.map((c) => `${c.name} ${c.type.text}${c.notNull ? ' NOT NULL' : ''}`)).toEqual([
      'id uuid NOT NULL',
      'organisation_id uuid',
      'title text',
      'n integer',
      'tag character varying(3)',
      'at unknown',
    ]);
    // Every name is known; a type that is not stays `unknown`.
    expect(copy.columnsIncomplete).toBeUndefined();
    expect(model('CREATE TABLE f AS SELECT * FROM generate_series(1, 3);').catalog.tables.get('public.f')!.columnsIncomplete).toBe(true);
    expect(m.catalog.tables.has('public.incidents_old')).toBe(false);
  });

  it('a tenant-data copy without row-level security or a primary key is reported', () => {
    const findings = lint(`${TENANT_TABLE} CREATE TABLE incidents_backup AS SELECT * FROM incidents;`).filter((f) => f.logical?.startsWith('public.incidents_backup'));
    const rules = new Set(findings.map((f) => f.ruleId));
    expect(rules.has('rls-enabled')).toBe(true);
    expect(rules.has('primary-key-required')).toBe(true);
  });
});

describe('LIKE, index renames, subcommand order and partitions', () => {
  it('LIKE copies by its INCLUDING options', () => {
    const m = model(`CREATE TABLE src (id int PRIMARY KEY, code text DEFAULT 'x' NOT NULL, CONSTRAINT code_len CHECK (length(code) < 9));
      CREATE INDEX ON src (code);
      COMMENT ON COLUMN src.code IS 'the code';
      CREATE TABLE plain (LIKE src);
      CREATE TABLE full_copy (LIKE src INCLUDING ALL);`);
    const plain = m.catalog.tables.get('public.plain')!;
    const full = m.catalog.tables.get('public.full_copy')!;
    expect(plain.columns.map((c) => [c.name, c.notNull, c.default?.text, c.comment])).toEqual([
      ['id', true, undefined, undefined],
      ['code', true, undefined, undefined],
    ]);
    expect(plain.constraints).toEqual([]);
    expect(full.columns.map((c) => [c.name, c.default?.text, c.comment])).toEqual([
      ['id', undefined, undefined],
      ['code', "'x'", 'the code'],
    ]);
    expect(full.constraints.map((c) => c.name).sort()).toEqual(['code_len', 'full_copy_pkey']);
    expect(full.indexes.map((i) => i.name)).toEqual(['full_copy_code_idx']);
  });

  it('ALTER INDEX … RENAME of a key index renames the constraint, which then drops by its new name', () => {
    const m = model(`CREATE TABLE t (a int UNIQUE, b int UNIQUE);
      ALTER INDEX t_a_key RENAME TO t_a_uniq;
      ALTER TABLE t DROP CONSTRAINT t_a_uniq;
      CREATE UNIQUE INDEX t_b_key2 ON t (b);`);
    expect(m.findings).toEqual([]);
    expect(m.catalog.tables.get('public.t')!.constraints.map((c) => c.name)).toEqual(['t_b_key']);
  });

  it('one ALTER TABLE runs its subcommands in PostgreSQL order', () => {
    const m = model(`CREATE TABLE t (x text, y int);
      ALTER TABLE t DROP COLUMN x, ADD COLUMN x int;
      ALTER TABLE t ADD COLUMN z int, ALTER COLUMN z SET NOT NULL;`);
    expect(m.findings).toEqual([]);
    expect(m.catalog.tables.get('public.t')!.columns.map((c) => `${c.name} ${c.type.text}${c.notNull ? ' NOT NULL' : ''}`)).toEqual(['y integer', 'x integer', 'z integer NOT NULL']);
  });

  it('ATTACH PARTITION gives the parent key and indexes; DETACH leaves them, as PostgreSQL does', () => {
    const m = model(`CREATE TABLE ev (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
      CREATE INDEX ON ev (at);
      CREATE TABLE ev_2026 (id int NOT NULL, at date NOT NULL);
      ALTER TABLE ev ATTACH PARTITION ev_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`);
    expect(m.findings).toEqual([]);
    const part = m.catalog.tables.get('public.ev_2026')!;
    expect(part.constraints.map((c) => c.name)).toEqual(['ev_2026_pkey']);
    expect(part.indexes.map((i) => i.name)).toEqual(['ev_2026_at_idx']);
    expect(part.partitionOf).toEqual({ schema: 'public', table: 'ev' });
  });
});

describe('keys that foreign keys use', () => {
  it('dropping a referenced column or key is refused without CASCADE, as PostgreSQL does; CASCADE drops the foreign keys', () => {
    const base = `CREATE TABLE vendor (id int PRIMARY KEY, legacy_id int UNIQUE);
      CREATE TABLE contact (legacy int REFERENCES vendor (legacy_id), vendor_id int REFERENCES vendor);`;
    expect(replayErrors(`${base} ALTER TABLE vendor DROP COLUMN legacy_id;`).map((f) => f.message)).toEqual([
      expect.stringMatching(/^cannot drop column legacy_id of table vendor because other objects depend on it \(constraint contact_legacy_fkey on table contact\)/),
    ]);
    expect(replayErrors(`${base} ALTER TABLE vendor DROP CONSTRAINT vendor_pkey;`)).toHaveLength(1);
    const m = model(`${base} ALTER TABLE vendor DROP COLUMN legacy_id CASCADE; ALTER TABLE vendor DROP CONSTRAINT vendor_pkey CASCADE;`);
    expect(m.findings).toEqual([]);
    expect(m.catalog.tables.get('public.contact')!.constraints).toEqual([]);
  });
});

describe('column types must exist', () => {
  it('an unknown type is a replay-error at the type, with a suggestion', () => {
    const errors = replayErrors(`CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN ts timestmp;`);
    expect(errors.map((f) => [f.loc.line, f.loc.column, f.message])).toEqual([[2, 29, expect.stringMatching(/^type "timestmp" does not exist \(did you mean timestamp\?\)/)]]);
  });

  it('real schemas give no false type errors', () => {
    expect(
      replayErrors(`CREATE TYPE mood AS ENUM ('ok');
        CREATE DOMAIN posint AS int CHECK (VALUE > 0);
        CREATE TYPE pair AS (x int, y text);
        CREATE TYPE numrange2 AS RANGE (subtype = numeric);
        DO $$ BEGIN CREATE TYPE status AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN null; END $$;
        CREATE TABLE t (a int[], b character varying(10), c double precision, d timestamp with time zone, e pg_catalog.int4,
          f mood, g public.mood[], h posint, i pair, j numrange2, k nummultirange2, l status, m bigserial, n "char",
          o information_schema.cardinal_number, p t2_missing_is_not_a_type_here_but_a_table_row_type);`).map((f) => f.message),
    ).toEqual([expect.stringMatching(/^type "t2_missing_is_not_a_type_here_but_a_table_row_type" does not exist/)]);
    expect(replayErrors(`CREATE TABLE u (a int); CREATE TABLE t (x u, y u[]);`)).toEqual([]);
  });

  it("an extension's types are known when it is configured or created", () => {
    const sql = 'CREATE TABLE t (email citext, shape public.geometry);';
    expect(replayErrors(sql)).toHaveLength(2);
    expect(replayErrors(sql, ['citext', 'postgis'])).toEqual([]);
    expect(replayErrors(`CREATE EXTENSION IF NOT EXISTS citext; CREATE TABLE t (email citext);`)).toEqual([]);
    // An extension ismslint does not know may provide any type.
    expect(replayErrors(`CREATE EXTENSION some_vendor_types; CREATE TABLE t (x vendor_thing);`)).toEqual([]);
  });

  it('the config option `extensions` reaches the replay', () => {
    expect(resolveConfig({ extensions: ['postgis'] }, allRules, '.').extensions).toEqual(['postgis']);
  });
});
