/**
 * The RLS analysis checked against PostgreSQL itself (PGlite): for each set of policies, the roles
 * and commands the analysis says leak across tenants are exactly those where a real query does.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../sources/build.js';
import { loadParser } from '../sources/sql/parser.js';
import type { Table } from './catalog.js';
import { RLS_COMMANDS, tableTenantLeaks } from './rls.js';

await loadParser();

const OWN = '00000000-0000-0000-0000-00000000000a';
const OTHER = '00000000-0000-0000-0000-00000000000b';
const TENANT = "organisation_id = current_setting('app.current_organisation_id')::uuid";
/** `nobody` is named by no policy: it stands for every role the policies do not mention. */
const ROLES = ['app', 'nobody'] as const;

const TABLE = 'CREATE TABLE t (id integer PRIMARY KEY, organisation_id uuid NOT NULL, v integer NOT NULL DEFAULT 0);\nALTER TABLE t ENABLE ROW LEVEL SECURITY;\n';

function modelTable(policies: string[]): Table {
  const sql = TABLE + policies.map((p) => p + ';').join('\n');
  const model = buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/migrations/001.sql', bytes: new TextEncoder().encode(sql) }] }], 'global');
  expect(model.findings).toEqual([]);
  return model.catalog.tables.get('public.t')!;
}

/** `role:command` pairs the analysis reports. */
function predicted(policies: string[]): string[] {
  const table = modelTable(policies);
  const named = new Set(table.policies.flatMap((p) => p.roles));
  const out = new Set<string>();
  for (const leak of tableTenantLeaks(table, 'organisation_id', 'app.current_organisation_id')) {
    for (const role of ROLES) {
      const covered = named.has(role) ? leak.roles.includes(role) : leak.roles.includes(undefined);
      if (covered) out.add(`${role}:${leak.command}`);
    }
  }
  return [...out].sort();
}

let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.exec(ROLES.map((r) => `CREATE ROLE ${r} NOLOGIN;`).join('\n'));
});

afterAll(async () => {
  await db.close();
});

/** Run `probe` as `role` inside a transaction that is rolled back; true when it reached the other tenant's data. */
async function attempt(role: string, sql: string, check: string): Promise<boolean> {
  await db.exec('BEGIN');
  try {
    await db.exec(`SET LOCAL ROLE ${role}; SET LOCAL app.current_organisation_id = '${OWN}';`);
    const rows = (await db.query<{ n: number }>(sql)).rows;
    await db.exec('RESET ROLE');
    if (check === 'rows') return rows.length > 0 && Number(rows[0]!.n) > 0;
    return Number((await db.query<{ n: number }>(check)).rows[0]!.n) > 0;
  } catch (e) {
    if (!/row-level security/.test(String(e))) throw e;
    return false;
  } finally {
    await db.exec('ROLLBACK');
  }
}

/** `role:command` pairs where PostgreSQL lets the role reach rows of the other tenant. */
async function observed(policies: string[]): Promise<string[]> {
  await db.exec(`DROP TABLE IF EXISTS t; ${TABLE}
    INSERT INTO t VALUES (1, '${OWN}', 0), (2, '${OTHER}', 0);
    GRANT SELECT, INSERT, UPDATE, DELETE ON t TO ${ROLES.join(', ')};
    ${policies.map((p) => p + ';').join('\n')}`);
  const out: string[] = [];
  for (const role of ROLES) {
    // None of the writes reads a column, so SELECT policies do not join in: the command's own policies decide.
    const probes: Record<string, [string, string][]> = {
      select: [[`SELECT count(*) AS n FROM t WHERE organisation_id = '${OTHER}'`, 'rows']],
      insert: [[`INSERT INTO t VALUES (3, '${OTHER}', 0)`, `SELECT count(*) AS n FROM t WHERE id = 3`]],
      update: [
        [`UPDATE t SET organisation_id = '${OWN}', v = 9`, `SELECT count(*) AS n FROM t WHERE id = 2 AND v = 9`],
        [`UPDATE t SET organisation_id = '${OTHER}', v = 9`, `SELECT count(*) AS n FROM t WHERE id = 1 AND organisation_id = '${OTHER}'`],
      ],
      delete: [['DELETE FROM t', 'SELECT CASE WHEN EXISTS (SELECT 1 FROM t WHERE id = 2) THEN 0 ELSE 1 END AS n']],
    };
    for (const command of RLS_COMMANDS) {
      let leaked = false;
      for (const [sql, check] of probes[command]!) leaked ||= await attempt(role, sql, check);
      if (leaked) out.push(`${role}:${command}`);
    }
  }
  return out.sort();
}

const ALL = (roles: readonly string[], commands = RLS_COMMANDS) => roles.flatMap((r) => commands.map((c) => `${r}:${c}`)).sort();

const scenarios: { name: string; policies: string[]; leaks: string[] }[] = [
  { name: 'FOR ALL USING (tenant): USING also checks new rows', policies: [`CREATE POLICY p ON t USING (${TENANT})`], leaks: [] },
  { name: 'FOR ALL USING (true)', policies: ['CREATE POLICY p ON t USING (true)'], leaks: ALL(ROLES) },
  {
    name: 'FOR ALL USING (tenant) WITH CHECK (true)',
    policies: [`CREATE POLICY p ON t USING (${TENANT}) WITH CHECK (true)`],
    leaks: ALL(ROLES, ['insert', 'update']),
  },
  {
    name: 'permissive USING (true) AND-ed with a restrictive tenant policy',
    policies: ['CREATE POLICY p ON t USING (true)', `CREATE POLICY guard ON t AS RESTRICTIVE USING (${TENANT})`],
    leaks: [],
  },
  {
    name: 'a restrictive tenant policy for one role protects only that role',
    policies: ['CREATE POLICY p ON t USING (true)', `CREATE POLICY guard ON t AS RESTRICTIVE TO app USING (${TENANT})`],
    leaks: ALL(['nobody']),
  },
  { name: 'restrictive policies alone grant nothing', policies: ['CREATE POLICY guard ON t AS RESTRICTIVE USING (true)'], leaks: [] },
  {
    name: 'restrictive tenant policy for SELECT only',
    policies: ['CREATE POLICY p ON t USING (true)', `CREATE POLICY guard ON t AS RESTRICTIVE FOR SELECT USING (${TENANT})`],
    leaks: ALL(ROLES, ['insert', 'update', 'delete']),
  },
  {
    name: 'INSERT policy without WITH CHECK grants nothing',
    policies: [`CREATE POLICY r ON t FOR SELECT USING (${TENANT})`, 'CREATE POLICY w ON t FOR INSERT'],
    leaks: [],
  },
  {
    name: 'INSERT policy WITH CHECK (true)',
    policies: [`CREATE POLICY r ON t FOR SELECT USING (${TENANT})`, 'CREATE POLICY w ON t FOR INSERT WITH CHECK (true)'],
    leaks: ALL(ROLES, ['insert']),
  },
  {
    name: 'UPDATE USING (true) WITH CHECK (tenant): other tenants’ rows can be taken over',
    policies: [`CREATE POLICY u ON t FOR UPDATE USING (true) WITH CHECK (${TENANT})`],
    leaks: ALL(ROLES, ['update']),
  },
  {
    name: 'UPDATE USING (tenant) WITH CHECK (true): own rows can be moved to another tenant',
    policies: [`CREATE POLICY u ON t FOR UPDATE USING (${TENANT}) WITH CHECK (true)`],
    leaks: ALL(ROLES, ['update']),
  },
  { name: 'UPDATE WITH CHECK (true) but no USING reaches no row', policies: ['CREATE POLICY u ON t FOR UPDATE WITH CHECK (true)'], leaks: [] },
  {
    name: 'open policy for one role next to a tenant policy for everyone',
    policies: ['CREATE POLICY admin ON t TO app USING (true)', `CREATE POLICY p ON t USING (${TENANT})`],
    leaks: ALL(['app']),
  },
  {
    name: 'current_setting(…, true) and a differently-cased setting name',
    policies: [
      `CREATE POLICY p ON t USING (organisation_id = current_setting('app.current_organisation_id', true)::uuid)`,
      `CREATE POLICY q ON t TO app USING (organisation_id = CAST(current_setting('APP.Current_Organisation_Id') AS uuid))`,
    ],
    leaks: [],
  },
];

describe('tenant leaks agree with PostgreSQL', () => {
  for (const s of scenarios) {
    it(s.name, async () => {
      expect(predicted(s.policies)).toEqual(s.leaks);
      expect(await observed(s.policies)).toEqual(s.leaks);
    });
  }
});
