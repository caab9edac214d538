// Issue 3: DDL generated from a schema.json applies on PGlite and PostgreSQL 15, and linting it gives
// the same findings as linting the schema.json itself.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { resolveConfig } from '../src/engine/config/load.js';
import { runRules } from '../src/engine/runner.js';
import { generateModuleSql } from '../src/generators/sql/index.js';
import { buildModel, type BuiltModel, type InputModule } from '../src/sources/build.js';
import { createSchemaJsonLoader } from '../src/sources/schema-json/index.js';
import { loadParser } from '../src/sources/sql/parser.js';
import { ddlModule, GLOBAL_PRELUDE } from './support/generator-fixture.js';
import { postgresIt } from './support/postgres.js';
import { withoutKeys } from './support/without-keys.js';

const fixtures = resolve(__dirname, '..', 'fixtures', 'schema-json');
const UUIDV7_STUB = 'CREATE FUNCTION generate_uuidv7() RETURNS uuid LANGUAGE sql AS $$ SELECT gen_random_uuid() $$;';
const SCHEMA_ONLY_RULES = new Set(['schema-definition-invalid', 'schema-drift', 'waiver-expired']);

function schemaJsonModule(name: string): InputModule {
  const path = `fixtures/schema-json/${name}/schema.json`;
  return { name, dir: `fixtures/schema-json/${name}`, schemaJson: { path, bytes: readFileSync(resolve(fixtures, name, 'schema.json')) }, migrations: [] };
}

function findings(model: BuiltModel, module: string): string[] {
  const config = resolveConfig({}, allRules, '.');
  return runRules({ catalog: model.catalog, rules: allRules, config, sourceFindings: model.findings, directives: model.directives })
    .filter((f) => f.module === module && !SCHEMA_ONLY_RULES.has(f.ruleId))
    .map((f) => `${f.ruleId} ${f.logical ?? ''}: ${f.message}`)
    .sort();
}

describe.each(['risk_register', 'vendor_risk'])('schema.json module %s → ismslint sql', (module) => {
  let sql: string;
  let fromJson: string[];

  beforeAll(async () => {
    await loadParser();
    const declared = buildModel([ddlModule('global', GLOBAL_PRELUDE), schemaJsonModule(module)], 'global', createSchemaJsonLoader({ today: '2026-11-21' }));
    expect(declared.findings.filter((f) => f.ruleId === 'schema-definition-invalid' || f.ruleId === 'parse-error')).toEqual([]);
    fromJson = findings(declared, module);
    sql = generateModuleSql(declared.catalog, module);
  });

  it('re-linting the generated DDL gives the same findings as the schema.json', () => {
    const replayed = buildModel([ddlModule('global', GLOBAL_PRELUDE), ddlModule(module, sql)], 'global');
    expect(replayed.findings).toEqual([]);
    expect(findings(replayed, module)).toEqual(fromJson);
  });

  it('is deterministic', () => {
    const again = buildModel([ddlModule('global', GLOBAL_PRELUDE), schemaJsonModule(module)], 'global', createSchemaJsonLoader({ today: '2026-11-21' }));
    expect(generateModuleSql(again.catalog, module)).toBe(sql);
  });

  it('applies cleanly on PGlite', async () => {
    const db = new PGlite();
    try {
      await db.exec(UUIDV7_STUB + GLOBAL_PRELUDE);
      await db.exec(sql);
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind = 'r'`);
      expect(rows[0]!.n).toBeGreaterThanOrEqual(4);
    } finally {
      await db.close();
    }
  }, 60_000);

  postgresIt('applies cleanly on PostgreSQL 15', async (client) => {
    await client.query(UUIDV7_STUB + GLOBAL_PRELUDE);
    await client.query(sql);
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_policies WHERE schemaname = current_schema()`);
    expect(rows[0].n).toBeGreaterThan(2);
  });
});

it('the risk_register fixture is not vacuous: it has findings of several rules', async () => {
  await loadParser();
  const declared = buildModel([ddlModule('global', GLOBAL_PRELUDE), schemaJsonModule('risk_register')], 'global', createSchemaJsonLoader({ today: '2026-11-21' }));
  const rules = new Set(findings(declared, 'risk_register').map((f) => f.split(' ')[0]));
  for (const r of ['foreign-key-index', 'prefer-text', 'prefer-timestamptz', 'prefer-jsonb', 'primary-key-uuid-v7', 'no-cascade-delete', 'rls-policy-always-true', 'audit-columns-required']) {
    expect(rules).toContain(r);
  }
});

describe('schema.json enums, identity columns and a named primary key → ismslint sql (fixture risk_scale)', () => {
  let declared: BuiltModel;
  let sql: string;

  /** What both sources must agree on: everything but places, module and documentation. */
  const shape = (model: BuiltModel) => {
    const own = <T extends { module: string }>(xs: Iterable<T>) => [...xs].filter((x) => x.module === 'risk_scale');
    // The DDL creates enums by name, schema.json lists them in any order.
    const enums = own(model.catalog.enums.values()).sort((a, b) => (a.name < b.name ? -1 : 1));
    return withoutKeys({ enums, tables: own(model.catalog.tables.values()) }, ['loc', 'module', 'kind', 'description', 'comment', 'jsonPath']);
  };

  beforeAll(async () => {
    await loadParser();
    declared = buildModel([ddlModule('global', GLOBAL_PRELUDE), schemaJsonModule('risk_scale')], 'global', createSchemaJsonLoader({ today: '2026-11-21' }));
    expect(declared.findings.filter((f) => f.ruleId === 'schema-definition-invalid' || f.ruleId === 'parse-error')).toEqual([]);
    sql = generateModuleSql(declared.catalog, 'risk_scale');
  });

  it('creates the enum types by name, before the tables, and writes identity and the key name', () => {
    const at = (s: string) => {
      const i = sql.indexOf(s);
      expect(i, s).toBeGreaterThan(-1);
      return i;
    };
    expect(at("CREATE TYPE assessment_status AS ENUM ('draft', 'approved', 'retired');")).toBeLessThan(at("CREATE TYPE risk_level AS ENUM ('low', 'medium', 'high', 'it''s critical');"));
    expect(at('CREATE TYPE risk_level')).toBeLessThan(at('CREATE TABLE risk_assessment'));
    at('sequence_no bigint GENERATED ALWAYS AS IDENTITY NOT NULL');
    at('CONSTRAINT risk_assessment_pk PRIMARY KEY (id)');
  });

  it('replaying the generated DDL gives the same model and the same findings', () => {
    const replayed = buildModel([ddlModule('global', GLOBAL_PRELUDE), ddlModule('risk_scale', sql)], 'global');
    expect(replayed.findings).toEqual([]);
    expect(shape(replayed)).toEqual(shape(declared));
    expect(findings(replayed, 'risk_scale')).toEqual(findings(declared, 'risk_scale'));
    // An enum-typed status column needs no CHECK: the enum only resolves when schema.json registered it.
    expect(findings(declared, 'risk_scale').filter((f) => f.startsWith('status-check-constraint'))).toEqual([]);
  });

  it('applies on PGlite with the enum labels in order, an identity column and the named key', async () => {
    const db = new PGlite();
    try {
      await db.exec(UUIDV7_STUB + GLOBAL_PRELUDE);
      await db.exec(sql);
      const labels = await db.query<{ l: string }>(`SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = 'risk_level'::regtype ORDER BY enumsortorder`);
      expect(labels.rows.map((r) => r.l)).toEqual(['low', 'medium', 'high', "it's critical"]);
      const col = await db.query<{ attidentity: string; attnotnull: boolean }>(
        `SELECT attidentity, attnotnull FROM pg_attribute WHERE attrelid = 'risk_assessment'::regclass AND attname = 'sequence_no'`,
      );
      expect(col.rows).toEqual([{ attidentity: 'a', attnotnull: true }]);
      const pk = await db.query<{ conname: string }>(`SELECT conname FROM pg_constraint WHERE conrelid = 'risk_assessment'::regclass AND contype = 'p'`);
      expect(pk.rows).toEqual([{ conname: 'risk_assessment_pk' }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
