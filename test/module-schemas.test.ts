// Issue 15: the ISMS's own schemas in module-schemas/ apply, global first, into one database on PGlite
// and PostgreSQL 15; generate_uuidv7() makes time-ordered version-7 UUIDs on both; and every tenant
// table isolates its tenants on the real server, with rows seeded from the model.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../src/commands/workspace.js';
import type { Catalog, Table } from '../src/model/catalog.js';
import { IdMaker, insertStatement, seedRow, seedRows, type SeedRow } from '../src/qa/seed-rows.js';
import { recordingIO } from './support/command-io.js';
import { pgUrl, postgresIt } from './support/postgres.js';

const root = resolve(__dirname, '..');
const TENANT_ROOT = 'organisations';
const TENANT_KEY = 'organisation_id';
const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';

let catalog: Catalog;
/** Every migration file of module-schemas/, global first, each module's in natural order. */
let migrations: { module: string; path: string; sql: string }[];

beforeAll(async () => {
  const { model } = await loadWorkspace(recordingIO(root), { paths: [resolve(root, 'module-schemas')] });
  catalog = model.catalog;
  migrations = catalog.modules.flatMap((m) => m.files.filter((f) => f.endsWith('.sql')).map((f) => ({ module: m.name, path: f, sql: readFileSync(resolve(root, f), 'utf8') })));
});

type Query = (text: string, params?: unknown[]) => Promise<{ rows: any[] }>;

async function applyAll(exec: (sql: string) => Promise<unknown>): Promise<void> {
  for (const m of migrations) {
    try {
      await exec(m.sql);
    } catch (e: any) {
      throw new Error(`${m.path} does not apply: ${e.message}`);
    }
  }
}

/** Values made one after another sort in the order they were made, and carry version 7 and the RFC variant. */
async function checkUuidV7(query: Query): Promise<void> {
  const made: string[] = [];
  for (let i = 0; i < 20; i++) {
    made.push((await query('SELECT generate_uuidv7()::text AS u')).rows[0].u);
    await new Promise((r) => setTimeout(r, 2));
  }
  const sorted = (await query('SELECT u::text FROM unnest($1::uuid[]) AS u ORDER BY u', [made])).rows.map((r) => r.u);
  expect(sorted).toEqual(made);
  for (const u of made) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const ms = parseInt(made[0]!.replace(/-/g, '').slice(0, 12), 16);
  expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  const many = (await query('SELECT count(DISTINCT u)::int AS n, bool_and(substr(u::text, 15, 1) = $1) AS v7 FROM (SELECT generate_uuidv7() AS u FROM generate_series(1, 2000)) AS s', ['7'])).rows[0];
  expect(many).toEqual({ n: 2000, v7: true });
}

function tablesOf(c: Catalog): Table[] {
  return [...c.tables.values()];
}

it('module-schemas/ holds global, integration and the 11 modules, with the planned table counts', () => {
  const counts = Object.fromEntries(catalog.modules.map((m) => [m.name, tablesOf(catalog).filter((t) => t.module === m.name).length]));
  expect(counts).toEqual({
    global: 6,
    analytics_remote_assurance: 5,
    auditor_mobile: 6,
    course_crafter: 10,
    erm: 8,
    integration: 4,
    pit: 15,
    policy_builder: 8,
    risk_assessment: 7,
    skills_portal: 9,
    threat: 8,
    vulnerability: 8,
    wrac: 12,
  });
  expect(migrations[0]!.path).toBe('module-schemas/global/migrations/000_functions.sql');
});

describe('on PGlite', () => {
  it('all migrations apply, global first, and generate_uuidv7() is time-ordered UUIDv7', async () => {
    const db = new PGlite();
    try {
      await applyAll((sql) => db.exec(sql));
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      expect(rows[0]!.n).toBe(catalog.tables.size);
      await checkUuidV7((text, params) => db.query(text, params));
      // Seeded rows go in too: every CHECK, NOT NULL and foreign key of every table accepts them.
      for (const row of seedRows(catalog, tablesOf(catalog), { tenants: [A, B] })) {
        const { text, params } = insertStatement(row);
        await db.query(text, params);
      }
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('on PostgreSQL 15', () => {
  postgresIt('all migrations apply, global first, and generate_uuidv7() is time-ordered UUIDv7', async (client) => {
    await applyAll((sql) => client.query(sql));
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()`);
    expect(rows[0].n).toBe(catalog.tables.size);
    await checkUuidV7((text, params) => client.query(text, params));
  }, 120_000);

  postgresIt('log tables are append-only for their owner too: UPDATE, DELETE and TRUNCATE raise', async (client) => {
    await applyAll((sql) => client.query(sql));
    for (const row of seedRows(catalog, tablesOf(catalog).filter((t) => t.module === 'global'), { tenants: [A] })) {
      const { text, params } = insertStatement(row);
      await client.query(text, params);
    }
    for (const log of ['audit_log', 'event_log']) {
      for (const stmt of [`UPDATE ${log} SET created_at = now()`, `DELETE FROM ${log}`, `TRUNCATE ${log}`]) {
        await expect(client.query(stmt), stmt).rejects.toThrow(`${log} is append-only`);
      }
      expect((await client.query(`SELECT count(*)::int AS n FROM ${log}`)).rows[0].n).toBe(2);
    }
  }, 120_000);

  postgresIt('tenant isolation holds on every tenant table of every module', async (client, schema) => {
    await applyAll((sql) => client.query(sql));
    const tables = tablesOf(catalog);
    const ids = new IdMaker();
    const plan: SeedRow[] = seedRows(catalog, tables, { tenants: [A, B], ids });
    for (const row of plan) {
      const { text, params } = insertStatement(row);
      await client.query(text, params);
    }
    const role = `ismslint_tenant_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await client.query(`CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS`);
    const app = new pg.Client({ connectionString: pgUrl() });
    await app.connect();
    try {
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
      await app.query(`SET search_path TO ${schema}`);
      await app.query(`SET ROLE ${role}`);
      const key = (t: Table) => (t.name === TENANT_ROOT ? 'id' : TENANT_KEY);
      const failures: string[] = [];

      // With the setting never set in this session, no table shows a row.
      for (const t of tables) {
        const n = (await app.query(`SELECT count(*)::int AS n FROM "${t.name}"`)).rows[0].n;
        if (n !== 0) failures.push(`${t.name}: ${n} rows visible with app.current_organisation_id unset`);
      }

      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.current_organisation_id', $1, true)`, [A]);
      for (const t of tables) {
        const k = key(t);
        const seen = (await app.query(`SELECT count(*) FILTER (WHERE "${k}" = $1)::int AS b, count(*)::int AS total FROM "${t.name}"`, [B])).rows[0];
        if (seen.b !== 0) failures.push(`${t.name}: ${seen.b} rows of organisation B visible to A`);
        if (seen.total === 0) failures.push(`${t.name}: A sees none of its own rows`);

        const intoB = seedRow(catalog, t, B, 2, { ids, root: TENANT_ROOT, tenantKey: TENANT_KEY });
        // A fresh row of B's, with new keys but B's parents: only row-level security can refuse it.
        if (t.name !== TENANT_ROOT) intoB.values.set('id', ids.next());
        else intoB.values.set('id', '01900000-0000-7000-8000-0000000000bb');
        await refused(app, insertStatement(intoB), `${t.name}: INSERT of a row of another organisation`, failures);

        const ownId = plan.find((r) => r.table === t && r.tenant === A)!.values.get('id');
        const newKey = t.name === TENANT_ROOT ? '01900000-0000-7000-8000-0000000000bc' : B;
        await refused(app, { text: `UPDATE "${t.name}" SET "${k}" = $1 WHERE id = $2`, params: [newKey, ownId!] }, `${t.name}: UPDATE moving a row to another organisation`, failures);

        const touched = await app.query(`UPDATE "${t.name}" SET "${k}" = "${k}" WHERE "${k}" = $1`, [B]);
        if (touched.rowCount !== 0) failures.push(`${t.name}: UPDATE reached ${touched.rowCount} rows of B`);
        const deleted = await app.query(`DELETE FROM "${t.name}" WHERE "${k}" = $1`, [B]);
        if (deleted.rowCount !== 0) failures.push(`${t.name}: DELETE removed ${deleted.rowCount} rows of B`);
      }
      await app.query('COMMIT');

      // As the owner, B's rows are all still there.
      for (const t of tables) {
        const n = (await client.query(`SELECT count(*)::int AS n FROM "${t.name}" WHERE "${key(t)}" = $1`, [B])).rows[0].n;
        const seeded = plan.filter((r) => r.table === t && r.tenant === B).length;
        if (n !== seeded) failures.push(`${t.name}: organisation B has ${n} rows, ${seeded} were seeded`);
      }
      expect(failures).toEqual([]);
      expect(tables.length).toBeGreaterThan(100);
    } finally {
      await app.end();
      await client.query(`DROP OWNED BY ${role}`);
      await client.query(`DROP ROLE ${role}`);
    }
  }, 300_000);
});

/** The statement fails with insufficient_privilege (RLS WITH CHECK, or an append-only trigger); a savepoint keeps the transaction usable. */
async function refused(app: pg.Client, stmt: { text: string; params: unknown[] }, what: string, failures: string[]): Promise<void> {
  await app.query('SAVEPOINT attempt');
  try {
    await app.query(stmt.text, stmt.params);
    failures.push(`${what} was accepted`);
  } catch (e: any) {
    if (e.code !== '42501') failures.push(`${what} failed with ${e.code} (${e.message}), not 42501 insufficient_privilege`);
  }
  await app.query('ROLLBACK TO SAVEPOINT attempt');
}
