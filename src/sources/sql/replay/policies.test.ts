/** Policies as the replay models them, compared with what PostgreSQL (PGlite) stores in pg_policy. */
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../build.js';
import { loadParser } from '../parser.js';

await loadParser();

const SQL = `
CREATE ROLE app_user NOLOGIN;
CREATE TABLE "Vendor" (id uuid PRIMARY KEY, organisation_id uuid NOT NULL);
ALTER TABLE "Vendor" ENABLE ROW LEVEL SECURITY;
CREATE POLICY open ON "Vendor" USING (true);
CREATE POLICY guard ON "Vendor" AS RESTRICTIVE USING (organisation_id = current_setting('app.current_organisation_id')::uuid);
CREATE POLICY reader ON "Vendor" AS PERMISSIVE FOR SELECT TO app_user USING (true);
CREATE POLICY writer ON "Vendor" AS RESTRICTIVE FOR INSERT TO app_user, public WITH CHECK (true);
CREATE POLICY gone ON "Vendor" FOR DELETE USING (true);
ALTER POLICY open ON "Vendor" USING (false);
ALTER POLICY reader ON "Vendor" RENAME TO "Reader";
DROP POLICY gone ON "Vendor";
`;

const COMMANDS: Record<string, string> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' };

describe('policy replay', () => {
  it('keeps command, permissive/restrictive, roles and expressions as PostgreSQL does', async () => {
    const db = new PGlite();
    await db.exec(SQL);
    const stored = await db.query<{ name: string; permissive: boolean; cmd: string; roles: string; qual: string | null }>(
      `SELECT polname AS name, polpermissive AS permissive, polcmd AS cmd,
              array_to_string(ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END FROM unnest(polroles) r ORDER BY 1), ',') AS roles,
              pg_get_expr(polqual, polrelid) AS qual
         FROM pg_policy ORDER BY polname`,
    );
    await db.close();
    const sql = SQL.replace(/^CREATE ROLE.*$/m, '');
    const model = buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/migrations/001.sql', bytes: new TextEncoder().encode(sql) }] }], 'global');
    expect(model.findings).toEqual([]);
    const table = model.catalog.tables.get('public.Vendor')!;
    const modelled = table.policies
      .map((p) => ({ name: p.name, permissive: p.permissive, cmd: p.command, roles: p.roles.includes('public') ? 'public' : [...p.roles].sort().join(','), qual: p.using?.text ?? null }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    // PostgreSQL keeps `TO app_user, public` as public alone, and prints expressions its own way.
    const shape = <P extends { qual: string | null }>(p: P) => ({ ...p, qual: p.qual === null ? null : p.qual.replace(/[()]|::text/g, '') });
    expect(modelled.map(shape)).toEqual(stored.rows.map((r) => shape({ ...r, cmd: COMMANDS[r.cmd]! })));
    expect(modelled.map((p) => [p.name, p.permissive])).toEqual([
      ['Reader', true],
      ['guard', false],
      ['open', true],
      ['writer', false],
    ]);
  });
});
