// Issue 15: the ISMS's own schemas in module-schemas/ apply, global first, into one database on PGlite
// and PostgreSQL 15; generate_uuidv7() makes time-ordered version-7 UUIDs on both; and every tenant
// table isolates its tenants on the real server, with rows seeded from the model.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg, { type QueryResultRow } from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../src/commands/workspace.js';
import type { Catalog, Table } from '../src/model/catalog.js';
import type { Standard } from '../src/engine/standard.js';
import { RowFactory, type TestRow } from '../src/qa/rows.js';
import { openDatabase, type Database } from '../src/qa/runtime/index.js';
import { ident, literal, qualified } from '../src/qa/runtime/sql.js';
import { recordingIO } from './support/command-io.js';
import { pgUrl, postgresIt } from './support/postgres.js';

const root = resolve(__dirname, '..');

let catalog: Catalog;
let standard: Standard;
/** Every migration file of module-schemas/, global first, each module's in natural order. */
let migrations: { module: string; path: string; sql: string }[];

beforeAll(async () => {
  const { model, config } = await loadWorkspace(recordingIO(root), { paths: [resolve(root, 'module-schemas')] });
  catalog = model.catalog;
  standard = config.standard;
  migrations = catalog.modules.flatMap((m) => m.files.filter((f) => f.endsWith('.sql')).map((f) => ({ module: m.name, path: f, sql: readFileSync(resolve(root, f), 'utf8') })));
});

/** A query on PGlite or PostgreSQL, typed by the row the caller's SQL selects. */
type Query = <Row>(text: string, params?: unknown[]) => Promise<{ rows: Row[] }>;

async function applyAll(exec: (sql: string) => Promise<unknown>): Promise<void> {
  for (const m of migrations) {
    try {
      await exec(m.sql);
    } catch (e) {
      throw new Error(`${m.path} does not apply: ${(e as Error).message}`);
    }
  }
}

/** Values made one after another sort in the order they were made, and carry version 7 and the RFC variant. */
async function checkUuidV7(query: Query): Promise<void> {
  const made: string[] = [];
  for (let i = 0; i < 20; i++) {
    made.push((await query<{ u: string }>('SELECT generate_uuidv7()::text AS u')).rows[0]!.u);
    await new Promise((r) => setTimeout(r, 2));
  }
  const sorted = (await query<{ u: string }>('SELECT u::text FROM unnest($1::uuid[]) AS u ORDER BY u', [made])).rows.map((r) => r.u);
  expect(sorted).toEqual(made);
  for (const u of made) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const ms = parseInt(made[0]!.replace(/-/g, '').slice(0, 12), 16);
  expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  const many = (
    await query<{ n: number; v7: boolean }>('SELECT count(DISTINCT u)::int AS n, bool_and(substr(u::text, 15, 1) = $1) AS v7 FROM (SELECT generate_uuidv7() AS u FROM generate_series(1, 2000)) AS s', [
      '7',
    ])
  ).rows[0];
  expect(many).toEqual({ n: 2000, v7: true });
}

function tablesOf(c: Catalog): Table[] {
  return [...c.tables.values()];
}

/**
 * The QA suites' test rows (src/qa/rows.ts) for `tables`: one per organisation of every tenant table,
 * parents first. Every table must be seedable.
 */
function seedPlan(tables: Table[]): { rows: RowFactory; plan: TestRow[] } {
  const rows = new RowFactory(catalog, standard, tables);
  const plan = [...rows.world(), ...rows.spares()];
  expect(Object.fromEntries(rows.unseedable)).toEqual({});
  return { rows, plan };
}

/** Insert as the owner, the tenant setting on each row's organisation (FORCE ROW LEVEL SECURITY binds the owner too). */
async function insertAll(exec: (sql: string) => Promise<unknown>, rows: RowFactory, plan: TestRow[]): Promise<void> {
  for (const row of plan) {
    await exec(`SELECT set_config(${literal(standard.tenantSetting)}, ${literal(rows.orgIds[row.org ?? 'A'])}, false)`);
    await exec(rows.insertSql(row));
  }
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
      const seeded = seedPlan(tablesOf(catalog));
      await insertAll((sql) => db.exec(sql), seeded.rows, seeded.plan);
    } finally {
      await db.close();
    }
  }, 120_000);
});

/** A fresh database on the server with every migration applied, dropped afterwards: the QA runtime's own. */
async function withMigratedDatabase(fn: (db: Database) => Promise<void>): Promise<void> {
  const db = await openDatabase(pgUrl());
  try {
    await applyAll((sql) => db.exec(sql));
    await fn(db);
  } finally {
    await db.close();
  }
}

describe('on PostgreSQL 15', () => {
  postgresIt(
    'all migrations apply, global first, and generate_uuidv7() is time-ordered UUIDv7',
    async (client) => {
      await applyAll((sql) => client.query(sql));
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()`);
      expect(rows[0].n).toBe(catalog.tables.size);
      await checkUuidV7(<Row>(text: string, params?: unknown[]) => client.query<Row & QueryResultRow>(text, params));
    },
    120_000,
  );

  postgresIt(
    'log tables are append-only for their owner too: UPDATE, DELETE and TRUNCATE raise',
    async () => {
      await withMigratedDatabase(async (db) => {
        const { rows, plan } = seedPlan(tablesOf(catalog).filter((t) => t.module === 'global'));
        await insertAll((sql) => db.exec(sql), rows, plan);
        for (const log of ['audit_log', 'event_log']) {
          const seeded = plan.filter((r) => r.table.name === log).length;
          expect(seeded).toBeGreaterThan(0);
          for (const stmt of [`UPDATE ${log} SET created_at = now()`, `DELETE FROM ${log}`, `TRUNCATE ${log}`]) {
            await expect(db.exec(stmt), stmt).rejects.toThrow(`${log} is append-only`);
          }
          expect((await db.query(`SELECT count(*)::int AS n FROM ${log}`)).rows[0]!.n).toBe(seeded);
        }
      });
    },
    120_000,
  );

  postgresIt(
    'tenant isolation holds on every tenant table of every module',
    async () => {
      await withMigratedDatabase(async (db) => {
        const tables = tablesOf(catalog);
        const { rows, plan } = seedPlan(tables);
        await insertAll((sql) => db.exec(sql), rows, plan);
        const key = (t: Table) => rows.tenantColumn(t)!;
        expect(tables.filter((t) => !rows.tenantColumn(t)).map((t) => t.name)).toEqual([]);
        // Fresh rows of B's, with new keys but B's parents (spares the owner inserts first): only row-level security can refuse them.
        const intoB = new Map<Table, TestRow>();
        for (const t of tables) {
          intoB.set(t, rows.fresh(t, 'B'));
          const spares = rows.spares();
          await insertAll((sql) => db.exec(sql), rows, spares);
          plan.push(...spares);
        }
        const A = rows.orgIds.A;
        const B = rows.orgIds.B;
        const role = `ismslint_tenant_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
        await db.exec(`CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS`);
        const app = new pg.Client({ connectionString: db.url });
        await app.connect();
        try {
          await db.exec(`GRANT USAGE ON SCHEMA public TO ${role}`);
          await db.exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
          await app.query(`SET ROLE ${role}`);
          const failures: string[] = [];

          // With the setting never set in this session, no table shows a row.
          for (const t of tables) {
            const n = (await app.query(`SELECT count(*)::int AS n FROM ${qualified(t.schema, t.name)}`)).rows[0].n;
            if (n !== 0) failures.push(`${t.name}: ${n} rows visible with ${standard.tenantSetting} unset`);
          }

          await app.query('BEGIN');
          await app.query(`SELECT set_config($1, $2, true)`, [standard.tenantSetting, A]);
          for (const t of tables) {
            const T = qualified(t.schema, t.name);
            const k = ident(key(t));
            const seen = (await app.query(`SELECT count(*) FILTER (WHERE ${k} = $1)::int AS b, count(*)::int AS total FROM ${T}`, [B])).rows[0];
            if (seen.b !== 0) failures.push(`${t.name}: ${seen.b} rows of organisation B visible to A`);
            if (seen.total === 0) failures.push(`${t.name}: A sees none of its own rows`);

            await refused(app, rows.insertSql(intoB.get(t)!), `${t.name}: INSERT of a row of another organisation`, failures);

            const own = rows.whereSql(rows.seed(t, 'A')!)!;
            const newKey = rows.isTenantRoot(t) ? rows.nextId() : B;
            await refused(app, `UPDATE ${T} SET ${k} = ${rows.uuidLiteral(newKey)} WHERE ${own}`, `${t.name}: UPDATE moving a row to another organisation`, failures);

            const touched = await app.query(`UPDATE ${T} SET ${k} = ${k} WHERE ${k} = $1`, [B]);
            if (touched.rowCount !== 0) failures.push(`${t.name}: UPDATE reached ${touched.rowCount} rows of B`);
            const deleted = await app.query(`DELETE FROM ${T} WHERE ${k} = $1`, [B]);
            if (deleted.rowCount !== 0) failures.push(`${t.name}: DELETE removed ${deleted.rowCount} rows of B`);
          }
          await app.query('COMMIT');

          // As the owner (a superuser here), B's rows are all still there.
          for (const t of tables) {
            const n = (await db.query(`SELECT count(*)::int AS n FROM ${qualified(t.schema, t.name)} WHERE ${ident(key(t))} = ${rows.uuidLiteral(B)}`)).rows[0]!.n;
            const seeded = plan.filter((r) => r.table === t && r.org === 'B').length;
            if (n !== seeded) failures.push(`${t.name}: organisation B has ${n} rows, ${seeded} were seeded`);
          }
          expect(failures).toEqual([]);
          expect(tables.length).toBeGreaterThan(100);
        } finally {
          await app.end();
          await db.exec(`DROP OWNED BY ${role}`);
          await db.exec(`DROP ROLE ${role}`);
        }
      });
    },
    300_000,
  );
});

/** The statement fails with insufficient_privilege (RLS WITH CHECK, or an append-only trigger); a savepoint keeps the transaction usable. */
async function refused(app: pg.Client, sql: string, what: string, failures: string[]): Promise<void> {
  await app.query('SAVEPOINT attempt');
  try {
    await app.query(sql);
    failures.push(`${what} was accepted`);
  } catch (e) {
    const { code, message } = e as { code?: string; message?: string };
    if (code !== '42501') failures.push(`${what} failed with ${code} (${message}), not 42501 insufficient_privilege`);
  }
  await app.query('ROLLBACK TO SAVEPOINT attempt');
}
