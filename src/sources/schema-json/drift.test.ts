import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../../rules/index.js';
import { GLOBAL_PRELUDE } from '../../../rules/test-harness.js';
import { resolveConfig } from '../../engine/config/load.js';
import { runRules } from '../../engine/runner.js';
import type { RawFinding } from '../../engine/suppressions.js';
import { buildModel, type BuiltModel, type InputModule } from '../build.js';
import type { ModuleDefinition } from './definition.js';
import { createSchemaJsonLoader } from './index.js';

const enc = new TextEncoder();
const GLOBAL: InputModule = { name: 'global', dir: 'global', migrations: [{ path: 'global/migrations/000_prelude.sql', bytes: enc.encode(GLOBAL_PRELUDE) }] };

function build(json: string, migrations: Record<string, string>): BuiltModel {
  const module: InputModule = {
    name: 'vendor_risk',
    dir: 'vendor_risk',
    schemaJson: { path: 'vendor_risk/schema.json', bytes: enc.encode(json) },
    migrations: Object.entries(migrations).map(([path, text]) => ({ path, bytes: enc.encode(text) })),
  };
  return buildModel([GLOBAL, module], 'global', createSchemaJsonLoader({ today: '2026-01-01' }));
}

const TENANT = "organisation_id = current_setting('app.current_organisation_id')::uuid";

const BASE_SQL = `CREATE TABLE vendor (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'draft',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uq_vendor_organisation_id_name UNIQUE (organisation_id, name),
  CONSTRAINT valid_status CHECK (status IN ('draft', 'approved'))
);
CREATE INDEX idx_vendor_organisation_id ON vendor (organisation_id);
CREATE INDEX idx_vendor_status ON vendor (status) WHERE status <> 'draft';
ALTER TABLE vendor ENABLE ROW LEVEL SECURITY;
ALTER TABLE vendor FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vendor USING (${TENANT});
`;

const BASE_JSON: ModuleDefinition = {
  module: 'vendor_risk',
  tables: [
    {
      name: 'vendor',
      columns: [
        { name: 'id', type: 'uuid', nullable: false, default: 'generate_uuidv7()', primaryKey: true },
        { name: 'organisation_id', type: 'uuid', nullable: false, references: { table: 'organisations', column: 'id', onDelete: 'restrict' } },
        { name: 'name', type: 'text', nullable: false },
        { name: 'status', type: 'text', nullable: false, default: "'draft'" },
        { name: 'created_at', type: 'timestamptz', nullable: false, default: 'now()' },
      ],
      unique: [{ name: 'uq_vendor_organisation_id_name', columns: ['organisation_id', 'name'] }],
      checks: [{ name: 'valid_status', expression: "status IN ('draft', 'approved')" }],
      indexes: [
        { name: 'idx_vendor_organisation_id', columns: ['organisation_id'] },
        { name: 'idx_vendor_status', columns: ['status'], where: "status <> 'draft'" },
      ],
      rls: { enabled: true, force: true, policies: [{ name: 'tenant_isolation', using: TENANT }] },
    },
  ],
};

function jsonText(edit: (j: ModuleDefinition) => void = () => {}): string {
  const j = structuredClone(BASE_JSON);
  edit(j);
  return JSON.stringify(j, null, 2);
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`not found: ${needle}`);
  return text.slice(0, at).split('\n').length;
}

function drift(json: string, sql: string | Record<string, string> = BASE_SQL): RawFinding[] {
  const m = build(json, typeof sql === 'string' ? { 'vendor_risk/migrations/001_init.sql': sql } : sql);
  const other = m.findings.filter((f) => f.ruleId !== 'schema-drift');
  expect(other, other.map((f) => f.message).join('\n')).toEqual([]);
  return m.findings.filter((f) => f.ruleId === 'schema-drift');
}

const messages = (fs: RawFinding[]) => fs.map((f) => f.message);

describe('schema-drift: schema.json against the final state of the migrations', () => {
  it('the vendor_risk fixture pair agrees exactly, and lints clean with the recommended preset', () => {
    const dir = 'fixtures/schema-json/vendor_risk';
    const json = readFileSync(`${dir}/schema.json`, 'utf8');
    const sql = readFileSync(`${dir}/migrations/001_init.sql`, 'utf8');
    expect(drift(json, { 'vendor_risk/migrations/001_init.sql': sql })).toEqual([]);
    const model = build(json, { 'vendor_risk/migrations/001_init.sql': sql });
    const findings = runRules({ catalog: model.catalog, rules: allRules, config: resolveConfig({}, allRules, '.'), sourceFindings: model.findings, directives: model.directives });
    const outside = findings.filter((f) => !f.loc.file.startsWith('global/'));
    expect(outside.map((f) => `${f.loc.file}:${f.loc.line} ${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('the base pair agrees', () => {
    expect(drift(jsonText())).toEqual([]);
  });

  it('spellings PostgreSQL treats as the same are no drift', () => {
    const sql = BASE_SQL.replace("DEFAULT 'draft'", "DEFAULT 'draft'::text")
      .replace('DEFAULT now()', 'DEFAULT CURRENT_TIMESTAMP')
      .replace('timestamptz', 'timestamp with time zone')
      .replace('REFERENCES organisations (id)', 'REFERENCES organisations')
      .replace(`USING (${TENANT})`, "USING (vendor.organisation_id = CAST(current_setting('app.current_organisation_id') AS uuid))")
      .replace("CHECK (status IN ('draft', 'approved'))", "CHECK ((status IN ('draft','approved')))");
    expect(drift(jsonText(), sql)).toEqual([]);
  });

  it('tables missing on either side', () => {
    const json = jsonText((j) => j.tables.push({ ...structuredClone(j.tables[0]!), name: 'vendor_note', unique: [], checks: [], indexes: [], rls: { enabled: false, force: false, policies: [] } }));
    const sql = BASE_SQL + 'CREATE TABLE vendor_audit (id uuid PRIMARY KEY);\n';
    const found = drift(json, sql);
    expect(messages(found)).toEqual([
      'table "vendor_note" is declared in schema.json but the migrations of module "vendor_risk" never create it: add a migration or remove it from schema.json',
      'table "vendor_audit" is created by the migrations (vendor_risk/migrations/001_init.sql:15) but not declared in schema.json: declare it or drop it in a migration',
    ]);
    expect(found[0]).toMatchObject({ loc: { file: 'vendor_risk/schema.json', line: lineOf(json, '"name": "vendor_note"') }, logical: 'public.vendor_note', module: 'vendor_risk' });
    expect(found[1]).toMatchObject({ loc: { line: lineOf(json, '"tables"') }, logical: 'public.vendor_audit' });
  });

  it('columns: missing, extra, type, nullability and default, each once, at the column', () => {
    const sql = BASE_SQL.replace("status text NOT NULL DEFAULT 'draft'", 'status text')
      .replace('name text NOT NULL', 'name varchar(100) NOT NULL')
      .replace('  created_at timestamptz NOT NULL DEFAULT now(),\n', '  legacy_code text,\n');
    const json = jsonText();
    const found = drift(json, sql);
    expect(found.map((f) => [f.loc.line, f.logical, f.message])).toEqual([
      [
        lineOf(json, '"name": "name"'),
        'public.vendor.name',
        'column "vendor.name": schema.json says text NOT NULL, migrations (vendor_risk/migrations/001_init.sql:4) say character varying(100) NOT NULL',
      ],
      [
        lineOf(json, '"name": "status"'),
        'public.vendor.status',
        `column "vendor.status": schema.json says text NOT NULL DEFAULT 'draft', migrations (vendor_risk/migrations/001_init.sql:5) say text NULL`,
      ],
      [
        lineOf(json, '"name": "created_at"'),
        'public.vendor.created_at',
        'column "vendor.created_at" (timestamp with time zone NOT NULL DEFAULT now()) is declared in schema.json but the migrations never add it (table created at vendor_risk/migrations/001_init.sql:1): add it in a migration or remove it from schema.json',
      ],
      [
        lineOf(json, '"name": "vendor"'),
        'public.vendor.legacy_code',
        'column "vendor.legacy_code" (text NULL) exists in the migrations (vendor_risk/migrations/001_init.sql:6) but is not declared in schema.json: declare it or drop it in a migration',
      ],
    ]);
    expect(found[0]!.loc.file).toBe('vendor_risk/schema.json');
  });

  it('the final state counts: a later migration that changes a column drifts, one that restores it does not', () => {
    const json = jsonText();
    expect(messages(drift(json, { 'vendor_risk/migrations/001_init.sql': BASE_SQL, 'vendor_risk/migrations/002_relax.sql': 'ALTER TABLE vendor ALTER COLUMN name DROP NOT NULL;' }))).toEqual([
      'column "vendor.name": schema.json says text NOT NULL, migrations (vendor_risk/migrations/001_init.sql:4) say text NULL',
    ]);
    const restored = {
      'vendor_risk/migrations/001_init.sql': BASE_SQL.replace('name text NOT NULL', 'name text'),
      'vendor_risk/migrations/10_fix.sql': 'ALTER TABLE vendor ALTER COLUMN name SET NOT NULL;',
    };
    expect(drift(json, restored)).toEqual([]);
  });

  it('primary key', () => {
    const json = jsonText();
    const found = drift(json, BASE_SQL.replace('id uuid PRIMARY KEY DEFAULT', 'id uuid NOT NULL DEFAULT').replace('  CONSTRAINT uq_', '  PRIMARY KEY (id, organisation_id),\n  CONSTRAINT uq_'));
    expect(found.map((f) => [f.loc.line, f.loc.column, f.message])).toEqual([
      [
        lineOf(json, '"primaryKey": true'),
        json.split('\n')[lineOf(json, '"primaryKey": true') - 1]!.indexOf('"primaryKey"') + 1,
        'primary key of "vendor": schema.json says (id), migrations (vendor_risk/migrations/001_init.sql:7) say (id, organisation_id)',
      ],
    ]);
  });

  it('foreign keys: actions, target, missing, extra and renamed', () => {
    const sql = BASE_SQL.replace('REFERENCES organisations (id) ON DELETE RESTRICT', 'REFERENCES organisations (id) ON DELETE CASCADE').replace(
      '  CONSTRAINT uq_',
      '  created_by uuid REFERENCES users (id),\n  CONSTRAINT uq_',
    );
    const json = jsonText((j) => {
      j.tables[0]!.columns.push({ name: 'created_by', type: 'uuid' });
    });
    expect(messages(drift(json, sql))).toEqual([
      'foreign key "vendor_organisation_id_fkey" of "vendor": schema.json says FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE RESTRICT, migrations (vendor_risk/migrations/001_init.sql:3) say FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE',
      'foreign key "vendor_created_by_fkey" of "vendor" (FOREIGN KEY (created_by) REFERENCES users (id)) exists in the migrations (vendor_risk/migrations/001_init.sql:7) but is not declared in schema.json',
    ]);
    const renamed = jsonText((j) => {
      j.tables[0]!.foreignKeys = [{ name: 'fk_vendor_organisation', columns: ['organisation_id'], references: { table: 'organisations', columns: ['id'] }, onDelete: 'restrict' }];
      delete j.tables[0]!.columns[1]!.references;
    });
    const found = drift(renamed);
    expect(messages(found)).toEqual([
      'foreign key "fk_vendor_organisation" of "vendor" is named "vendor_organisation_id_fkey" in the migrations (vendor_risk/migrations/001_init.sql:3): use one name in both',
    ]);
    expect(found[0]!.loc.line).toBe(lineOf(renamed, '"name": "fk_vendor_organisation"'));
    const retargeted = jsonText((j) => {
      j.tables[0]!.columns[1]!.references = { table: 'users', column: 'id', onDelete: 'restrict' };
    });
    expect(messages(drift(retargeted))).toEqual([
      'foreign key "vendor_organisation_id_fkey" of "vendor": schema.json says FOREIGN KEY (organisation_id) REFERENCES users (id) ON DELETE RESTRICT, migrations (vendor_risk/migrations/001_init.sql:3) say FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE RESTRICT',
    ]);
  });

  it('unique and check constraints, compared after normalisation', () => {
    const sql = BASE_SQL.replace("CHECK (status IN ('draft', 'approved'))", "CHECK (status IN ('draft', 'approved', 'retired'))").replace(
      'UNIQUE (organisation_id, name)',
      'UNIQUE (name, organisation_id)',
    );
    const json = jsonText();
    const found = drift(json, sql);
    expect(found.map((f) => [f.loc.line, f.message])).toEqual([
      [
        lineOf(json, '"name": "uq_vendor_organisation_id_name"'),
        'unique constraint "uq_vendor_organisation_id_name" of "vendor": schema.json says UNIQUE (organisation_id, name), migrations (vendor_risk/migrations/001_init.sql:7) say UNIQUE (name, organisation_id)',
      ],
      [
        lineOf(json, '"name": "valid_status"'),
        `check constraint "valid_status" of "vendor": schema.json says CHECK (status IN ('draft', 'approved')), migrations (vendor_risk/migrations/001_init.sql:8) say CHECK (status IN ('draft', 'approved', 'retired'))`,
      ],
    ]);
    const missing = jsonText((j) => {
      j.tables[0]!.checks = [];
      j.tables[0]!.unique!.push({ name: 'uq_vendor_name', columns: ['name'] });
    });
    expect(messages(drift(missing))).toEqual([
      'unique constraint "uq_vendor_name" of "vendor" (UNIQUE (name)) is declared in schema.json but the migrations do not create it',
      `check constraint "valid_status" of "vendor" (CHECK (status IN ('draft', 'approved'))) exists in the migrations (vendor_risk/migrations/001_init.sql:8) but is not declared in schema.json`,
    ]);
  });

  it('indexes: keys, uniqueness, method, predicate, sort order', () => {
    const sql = BASE_SQL.replace(
      'CREATE INDEX idx_vendor_organisation_id ON vendor (organisation_id);',
      'CREATE UNIQUE INDEX idx_vendor_organisation_id ON vendor USING hash (organisation_id);',
    ).replace("ON vendor (status) WHERE status <> 'draft'", "ON vendor (status DESC) WHERE status <> 'approved'");
    const json = jsonText();
    expect(drift(json, sql).map((f) => [f.loc.line, f.message])).toEqual([
      [
        lineOf(json, '"name": "idx_vendor_organisation_id"'),
        'index "idx_vendor_organisation_id" of "vendor": schema.json says INDEX USING btree (organisation_id), migrations (vendor_risk/migrations/001_init.sql:10) say UNIQUE INDEX USING hash (organisation_id)',
      ],
      [
        lineOf(json, '"name": "idx_vendor_status"'),
        `index "idx_vendor_status" of "vendor": schema.json says INDEX USING btree (status) WHERE status <> 'draft', migrations (vendor_risk/migrations/001_init.sql:11) say INDEX USING btree (status DESC) WHERE status <> 'approved'`,
      ],
    ]);
    const renamed = BASE_SQL.replace('idx_vendor_status', 'vendor_status_idx');
    expect(messages(drift(json, renamed))).toEqual([
      'index "idx_vendor_status" of "vendor" is named "vendor_status_idx" in the migrations (vendor_risk/migrations/001_init.sql:11): use one name in both',
    ]);
  });

  it('row-level security enabled and forced', () => {
    const json = jsonText();
    const sql = BASE_SQL.replace('ALTER TABLE vendor FORCE ROW LEVEL SECURITY;\n', '') + 'ALTER TABLE vendor DISABLE ROW LEVEL SECURITY;\n';
    const found = drift(json, sql);
    expect(found.map((f) => [f.loc.line, f.message])).toEqual([
      [lineOf(json, '"enabled": true'), 'row-level security of "vendor": schema.json says enabled, migrations (vendor_risk/migrations/001_init.sql:14) say disabled'],
      [lineOf(json, '"force": true'), 'FORCE ROW LEVEL SECURITY of "vendor": schema.json says forced, migrations (vendor_risk/migrations/001_init.sql:14) say not forced'],
    ]);
    const undeclared = jsonText((j) => delete j.tables[0]!.rls);
    expect(drift(undeclared).map((f) => [f.loc.line, f.message.slice(0, 45)])).toEqual([
      [lineOf(undeclared, '"name": "vendor"'), 'row-level security of "vendor": schema.json s'],
      [lineOf(undeclared, '"name": "vendor"'), 'FORCE ROW LEVEL SECURITY of "vendor": schema.'],
      [lineOf(undeclared, '"name": "vendor"'), 'policy "tenant_isolation" of "vendor" (FOR AL'],
    ]);
  });

  it('policies: command, roles, expressions, permissive; missing and extra', () => {
    const sql = BASE_SQL.replace(
      `CREATE POLICY tenant_isolation ON vendor USING (${TENANT});`,
      `CREATE POLICY tenant_isolation ON vendor AS RESTRICTIVE FOR SELECT TO app_user USING (${TENANT} AND status <> 'draft');\nCREATE POLICY extra ON vendor FOR DELETE USING (false);`,
    );
    const json = jsonText();
    expect(drift(json, sql).map((f) => [f.loc.line, f.message])).toEqual([
      [
        lineOf(json, '"name": "tenant_isolation"'),
        `policy "tenant_isolation" of "vendor": schema.json says FOR ALL TO public USING (${TENANT}), migrations (vendor_risk/migrations/001_init.sql:14) say AS RESTRICTIVE FOR SELECT TO app_user USING (${TENANT} AND status <> 'draft')`,
      ],
      [
        lineOf(json, '"name": "vendor"'),
        'policy "extra" of "vendor" (FOR DELETE TO public USING (false)) exists in the migrations (vendor_risk/migrations/001_init.sql:15) but is not declared in schema.json',
      ],
    ]);
  });

  it('hypertable', () => {
    const json = jsonText((j) => (j.tables[0]!.hypertable = { timeColumn: 'created_at' }));
    expect(drift(json).map((f) => [f.loc.line, f.message])).toEqual([
      [lineOf(json, '"timeColumn"'), 'hypertable of "vendor": schema.json says a hypertable on "created_at", migrations (vendor_risk/migrations/001_init.sql:1) say no hypertable'],
    ]);
    expect(drift(json, BASE_SQL + "SELECT create_hypertable('vendor', 'created_at');\n")).toEqual([]);
  });

  it('an invalid schema.json is reported, not compared', () => {
    const m = build(
      jsonText((j) => Object.assign(j.tables[0]!.columns[2]!, { nullable: 'no' })),
      { 'vendor_risk/migrations/001_init.sql': BASE_SQL.replace('name text NOT NULL', 'name text') },
    );
    expect(m.findings.map((f) => f.ruleId)).toEqual(['schema-definition-invalid']);
  });

  it('the same input gives the same findings in the same order', () => {
    const sql = BASE_SQL.replace('name text NOT NULL', 'name text').replace('status text NOT NULL', 'status varchar');
    const a = drift(jsonText(), sql);
    const b = drift(jsonText(), sql);
    expect(a).toEqual(b);
    expect(a.length).toBe(2);
  });
});
