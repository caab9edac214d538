// Requirements and test rows for a module written to be awkward (circular and self-referencing
// foreign keys, NOT VALID constraints, enums, identity and generated columns, a hypertable, quoted
// and over-long names): the generated suite must pass on the database its own DDL builds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_STANDARD } from '../engine/standard.js';
import { FIXTURE_ROLES, GLOBAL_PRELUDE, VENDOR_RISK_SQL, ddlModule, fixtureModel, tenantTableSql } from '../../test/support/generator-fixture.js';
import { buildModel } from '../sources/build.js';
import { buildRequirements } from './requirements.js';
import { runSuite, type Suite } from './runtime/index.js';
import { columnChecks } from './checks.js';
import { RowFactory } from './rows.js';
import { PGlite } from '@electric-sql/pglite';

const model = await fixtureModel();

// runSuite runs where its caller says (here: PGlite), whatever the environment names: CI sets this for other tests.
beforeAll(() => {
  vi.stubEnv('ISMSLINT_DATABASE_URL', 'postgres://127.0.0.1:1/not_a_server');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

function suite(): Suite {
  return {
    ...buildRequirements({ catalog: model.catalog, standard: DEFAULT_STANDARD, module: 'vendor_risk' }),
    build: [
      // The standard's generate_uuidv7(), as the ISMS's global module defines it.
      { name: 'functions', sql: readFileSync(resolve(__dirname, '../../module-schemas/global/migrations/000_functions.sql'), 'utf8') },
      { name: 'roles', sql: FIXTURE_ROLES.map((r) => `CREATE ROLE ${r} NOLOGIN;`).join('\n') },
      { name: 'global', sql: GLOBAL_PRELUDE },
      { name: 'vendor_risk', sql: VENDOR_RISK_SQL },
    ],
  };
}

describe('requirements from an awkward module', () => {
  it('are deterministic', () => {
    expect(JSON.stringify(suite())).toBe(JSON.stringify(suite()));
  });

  it('build, seed and run on the database its DDL builds, failing exactly where the module breaks the standard (PGlite)', async () => {
    const result = await runSuite(suite(), { base: pathToFileURL(`${process.cwd()}/`) });
    expect(result.requirements.length).toBeGreaterThan(100);
    expect(result.requirements.filter((r) => !r.ok).map((r) => r.title)).toEqual([
      // Foreign keys and tenant keys this module leaves without an index.
      'vendor.created_by is covered by an index',
      'vendor.updated_by is covered by an index',
      'vendor.deleted_by is covered by an index',
      'vendor_contact.organisation_id is covered by an index',
      'vendor_contact.created_by is covered by an index',
      // vendor_contact: RLS not forced, and its only policy is an INSERT policy for app_writer, so the
      // application role sees and writes nothing: the positive controls fail, not the isolation.
      'vendor_contact has row-level security enabled and forced',
      "vendor_contact: organisation B's rows are invisible to organisation A",
      'vendor_contact: with app.current_organisation_id unset, no row is visible',
      'vendor_contact: organisation A cannot insert a row for organisation B',
      'vendor_contact: organisation A cannot move its rows to organisation B',
      "vendor_contact: organisation A cannot update or delete organisation B's rows",
      'assessment.organisation_id is covered by an index',
      // assessment has a bigint identity key.
      'assessment.id is a uuid primary key',
      'assessment.id defaults to a time-ordered UUIDv7',
      'vendor_metric.organisation_id is covered by an index',
      'Vendor Note.vendor_id is covered by an index',
      'vendor_document_with_an_extraordinarily_long_name_beyond_the_li.organisation_id is covered by an index',
    ]);
  }, 300_000);

  it('reads CHECK value lists and numeric bounds, and makes a value each refuses', () => {
    const seen = [...model.catalog.tables.values()].flatMap((t) => columnChecks(t).map((c) => `${t.name}.${c.column}: ${c.valid} / ${c.invalid}`));
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s).toMatch(/: .+ \/ .+$/);
  });

  it('give format-checked columns values of their shape, numeric bounds a value inside them, and nullable checks NULL', async () => {
    const sql = `CREATE TABLE contact (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  email text NOT NULL CHECK (email ~* '^[^@ ]+@[^@ ]+\\.[a-z]+$'),
  website text NOT NULL CHECK (website LIKE 'https://%'),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  weight numeric(3, 2) NOT NULL CHECK (weight > 0 AND weight <= 1),
  country_code text CHECK (country_code ~ '^[A-Z]{2}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_contact_organisation_id ON contact (organisation_id);
ALTER TABLE contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON contact
  USING (organisation_id = current_setting('app.current_organisation_id')::uuid)
  WITH CHECK (organisation_id = current_setting('app.current_organisation_id')::uuid);`;
    const built = buildModel([ddlModule('global', GLOBAL_PRELUDE), ddlModule('crm', sql)], 'global');
    const s: Suite = {
      ...buildRequirements({ catalog: built.catalog, standard: DEFAULT_STANDARD, module: 'crm' }),
      build: [
        { name: 'functions', sql: readFileSync(resolve(__dirname, '../../module-schemas/global/migrations/000_functions.sql'), 'utf8') },
        { name: 'global', sql: GLOBAL_PRELUDE },
        { name: 'crm', sql },
      ],
    };
    const result = await runSuite(s, { base: pathToFileURL(`${process.cwd()}/`) });
    expect(result.requirements.filter((r) => !r.ok).map((r) => `${r.title}: ${JSON.stringify(r.assertions.filter((a) => !a.ok))}`)).toEqual([]);
    expect(result.requirements.map((r) => r.title)).toContain('contact: a rating outside contact_rating_check is refused (23514)');
  }, 300_000);
});

describe('rows for unique keys over foreign keys and CHECKs between columns', () => {
  // As in the ISMS modules that broke the first generator: a composite unique key over two foreign keys
  // and a CHECK-listed column, a partial unique index over a foreign key, two keys to one table with a
  // `<>` CHECK between them, and a regular-expression CHECK.
  const tenantTable = (name: string, columns: string, extra = '') => tenantTableSql(name, { columns, extra });
  const sql = [
    tenantTable('course', `code text NOT NULL CHECK (code ~ '^[A-Z]{3}-[0-9]{3}$')`),
    tenantTable(
      'signoff',
      `course_id uuid NOT NULL REFERENCES course (id),
  signer_user_id uuid NOT NULL REFERENCES users (id),
  signoff_role text NOT NULL CHECK (signoff_role IN ('author', 'reviewer'))`,
      `,\n  CONSTRAINT uq_signoff_course_signer_role UNIQUE (course_id, signer_user_id, signoff_role)`,
    ),
    'CREATE INDEX idx_signoff_signer_user_id ON signoff (signer_user_id);',
    `CREATE UNIQUE INDEX uq_signoff_one_author ON signoff (course_id) WHERE signoff_role = 'author';`,
    tenantTable(
      'prerequisite',
      `course_id uuid NOT NULL REFERENCES course (id),
  required_course_id uuid NOT NULL REFERENCES course (id)`,
      `,\n  CONSTRAINT prerequisite_not_self_check CHECK (course_id <> required_course_id),\n  CONSTRAINT uq_prerequisite UNIQUE (course_id, required_course_id)`,
    ),
    'CREATE INDEX idx_prerequisite_required_course_id ON prerequisite (required_course_id);',
  ].join('\n');
  const built = buildModel([ddlModule('global', GLOBAL_PRELUDE), ddlModule('lms', sql)], 'global');
  const sources = [
    { name: 'functions', sql: readFileSync(resolve(__dirname, '../../module-schemas/global/migrations/000_functions.sql'), 'utf8') },
    { name: 'global', sql: GLOBAL_PRELUDE },
    { name: 'lms', sql },
  ];
  const s: Suite = { ...buildRequirements({ catalog: built.catalog, standard: DEFAULT_STANDARD, module: 'lms' }), build: sources };

  it('every requirement passes, each run on its own (PGlite)', async () => {
    const result = await runSuite(s, { base: pathToFileURL(`${process.cwd()}/`) });
    expect(result.requirements.filter((r) => !r.ok).map((r) => `${r.title}: ${JSON.stringify(r.assertions.filter((a) => !a.ok))}`)).toEqual([]);
    expect(result.requirements.map((r) => r.title)).toEqual(
      expect.arrayContaining([
        'signoff: a duplicate unique key uq_signoff_course_signer_role (course_id, signer_user_id, signoff_role) is refused (23505)',
        'prerequisite: a duplicate unique key uq_prerequisite (course_id, required_course_id) is refused (23505)',
        'signoff.(course_id): a row whose course does not exist is refused (23503)',
      ]),
    );
  }, 300_000);

  it('every row the suite inserts also fits beside all the others, as in the one transaction of the pgTAP file (PGlite)', async () => {
    const pg = new PGlite();
    try {
      for (const src of sources) await pg.exec(src.sql);
      for (const stmt of s.setup) await pg.exec(stmt);
      // Every row a requirement expects to be accepted, all kept: none may collide with another.
      const accepted = s.requirements.flatMap((r) => r.steps.filter((st) => !('run' in st) && st.kind === 'lives').map((st) => ('sql' in st ? st.sql : '')));
      expect(accepted.length).toBeGreaterThan(10);
      for (const stmt of accepted) await pg.exec(stmt);
    } finally {
      await pg.close();
    }
  }, 120_000);
});

describe('the world of test rows', () => {
  // Shapes the ISMS modules have: a NOT NULL self-reference (users.created_by), an enum, numeric bounds,
  // a regular expression, a value list, a nullable self-reference and a `<>` CHECK between two keys.
  const sql = `
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

  it('go into PostgreSQL as they are, parents first, and are the same every time (PGlite)', async () => {
    const { catalog } = buildModel([ddlModule('app', sql)], 'global');
    const tables = [...catalog.tables.values()].reverse();
    const make = () => {
      const rows = new RowFactory(catalog, DEFAULT_STANDARD, tables);
      return { rows, plan: [...rows.world(), ...rows.spares()] };
    };
    const { rows, plan } = make();
    expect(Object.fromEntries(rows.unseedable)).toEqual({});
    const seen = plan.map((r) => `${r.table.name}:${r.org}`);
    expect(seen[0]).toBe('organisations:A');
    expect(new Set(seen)).toEqual(new Set(['A', 'B'].flatMap((o) => ['organisations', 'users', 'course', 'prerequisite'].map((t) => `${t}:${o}`))));
    expect(plan.map((r) => rows.insertSql(r))).toEqual(make().plan.map((r) => make().rows.insertSql(r)));
    const pg = new PGlite();
    try {
      await pg.exec(sql);
      for (const row of plan) await pg.exec(rows.insertSql(row));
      // And a fresh row beside them: new keys, the same parents.
      const extra = rows.fresh(tables.find((t) => t.name === 'prerequisite')!, 'B');
      for (const spare of rows.spares()) await pg.exec(rows.insertSql(spare));
      await pg.exec(rows.insertSql(extra));
      expect((await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM prerequisite')).rows[0]!.n).toBe(3);
    } finally {
      await pg.close();
    }
  }, 60_000);
});
