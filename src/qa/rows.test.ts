// Requirements and test rows for a module written to be awkward (circular and self-referencing
// foreign keys, NOT VALID constraints, enums, identity and generated columns, a hypertable, quoted
// and over-long names): the generated suite must pass on the database its own DDL builds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARD } from '../engine/standard.js';
import { FIXTURE_ROLES, GLOBAL_PRELUDE, VENDOR_RISK_SQL, ddlModule, fixtureModel } from '../../test/support/generator-fixture.js';
import { buildModel } from '../sources/build.js';
import { buildRequirements } from './requirements.js';
import { runSuite, type Suite } from './runtime/index.js';
import { columnChecks } from './checks.js';

const model = await fixtureModel();

function suite(): Suite {
  return {
    ...buildRequirements({ catalog: model.catalog, standard: DEFAULT_STANDARD, module: 'vendor_risk' }),
    build: [
      // The standard's generate_uuidv7(), as the ISMS's global module defines it.
      { name: 'functions', sql: readFileSync(resolve(__dirname, '../../module-schemas/global/migrations/001_functions.sql'), 'utf8') },
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
    const result = await runSuite(suite(), { base: pathToFileURL(`${process.cwd()}/`), databaseUrl: undefined });
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
        { name: 'functions', sql: readFileSync(resolve(__dirname, '../../module-schemas/global/migrations/001_functions.sql'), 'utf8') },
        { name: 'global', sql: GLOBAL_PRELUDE },
        { name: 'crm', sql },
      ],
    };
    const result = await runSuite(s, { base: pathToFileURL(`${process.cwd()}/`) });
    expect(result.requirements.filter((r) => !r.ok).map((r) => `${r.title}: ${JSON.stringify(r.assertions.filter((a) => !a.ok))}`)).toEqual([]);
    expect(result.requirements.map((r) => r.title)).toContain('contact: a rating outside contact_rating_check is refused (23514)');
  }, 300_000);
});
