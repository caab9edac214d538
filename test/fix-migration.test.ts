// lint --fix-migration end to end, and proof on PGlite that the SQL fixes apply as written.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { GLOBAL_PRELUDE, lintCase } from '../rules/test-harness.js';
import { allRules } from '../rules/index.js';
import { run } from '../src/cli/main.js';
import { fixMigrationText } from '../src/commands/fix-migration.js';
import type { CommandIO } from '../src/commands/io.js';

const root = resolve(__dirname, '..');

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { cwd, env: {}, isTTY: false, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** The violations fixture next to the real global module, in a directory of its own. */
function violationsWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-fix-'));
  cpSync(join(root, 'fixtures/workspaces/violations/vendor_risk'), join(dir, 'vendor_risk'), { recursive: true });
  cpSync(join(root, 'module-schemas/global'), join(dir, 'global'), { recursive: true });
  return dir;
}

const ruleIds = (stdout: string): string[] => (JSON.parse(stdout) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId));

/** What PGlite lacks of the ISMS platform: TimescaleDB's create_hypertable, as a no-op. */
const PLATFORM_STUBS = `CREATE FUNCTION create_hypertable(regclass, name) RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$;`;

function migrations(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

describe('lint --fix-migration', () => {
  it('writes every SQL fix into one new migration, after which lint is clean on the fixed rules, and PostgreSQL applies it', async () => {
    const dir = violationsWorkspace();
    const before = migrations(join(dir, 'vendor_risk/migrations'));
    const first = await cli(['lint', '.', '--format', 'json', '--fix-migration', 'vendor_risk/migrations/003_ismslint_fixes.sql'], dir);
    expect(first.code).toBe(1);
    const fixed = ruleIds(first.stdout).filter((id) => id !== 'prefer-text');
    expect(new Set(fixed)).toEqual(new Set(['rls-enabled', 'policy-requires-rls', 'foreign-key-index']));

    const text = readFileSync(join(dir, 'vendor_risk/migrations/003_ismslint_fixes.sql'), 'utf8');
    // Enabling RLS on a table without a policy needs the policy too: the fixes come in passes.
    expect(text.split('\n').filter((l) => l && !l.startsWith('--'))).toEqual([
      'ALTER TABLE vendor ENABLE ROW LEVEL SECURITY;',
      'ALTER TABLE vendor_contact ENABLE ROW LEVEL SECURITY;',
      'CREATE INDEX idx_vendor_contact_vendor_id ON vendor_contact (vendor_id);',
      "CREATE POLICY tenant_isolation ON vendor_contact USING (organisation_id = current_setting('app.current_organisation_id')::uuid);",
      'ALTER TABLE vendor_contact FORCE ROW LEVEL SECURITY;',
    ]);
    // The existing migrations are untouched.
    expect(migrations(join(dir, 'vendor_risk/migrations')).slice(0, before.length)).toEqual(before);

    const again = await cli(['lint', '.', '--format', 'json'], dir);
    expect(ruleIds(again.stdout)).toEqual(['prefer-text']);

    const pg = new PGlite();
    await pg.exec(PLATFORM_STUBS);
    for (const sql of [...migrations(join(dir, 'global/migrations')), ...migrations(join(dir, 'vendor_risk/migrations'))]) await pg.exec(sql);
    const { rows } = await pg.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname IN ('vendor', 'vendor_contact') ORDER BY relname",
    );
    expect(rows).toEqual([
      { relname: 'vendor', relrowsecurity: true, relforcerowsecurity: true },
      { relname: 'vendor_contact', relrowsecurity: true, relforcerowsecurity: true },
    ]);
    await pg.close();
  });

  it('refuses to overwrite a file, with one line and exit 2, and leaves it as it was', async () => {
    const dir = violationsWorkspace();
    writeFileSync(join(dir, 'vendor_risk/migrations/003_mine.sql'), 'SELECT 1;\n');
    const r = await cli(['lint', '.', '--fix-migration', 'vendor_risk/migrations/003_mine.sql'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/003_mine\.sql exists/);
    expect(readFileSync(join(dir, 'vendor_risk/migrations/003_mine.sql'), 'utf8')).toBe('SELECT 1;\n');
  });

  it('writes no file when there is nothing to fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-fix-'));
    cpSync(join(root, 'module-schemas/global'), join(dir, 'global'), { recursive: true });
    const r = await cli(['lint', '.', '--fix-migration', 'global/migrations/999_fixes.sql'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no SQL fixes to write/);
    expect(readdirSync(join(dir, 'global/migrations'))).not.toContain('999_fixes.sql');
  });
});

describe('every SQL fix applies to the names as stored', () => {
  // Mixed-case, reserved-word and other-schema names, and one violation of each fixable rule.
  const sql = `
CREATE SCHEMA crm;
CREATE TABLE "IncidentNote" (
  id integer PRIMARY KEY,
  organisation_id text REFERENCES organisations (id::text),
  "user" uuid REFERENCES users (id),
  created_at timestamp,
  created_by uuid,
  "Payload" json,
  reviewed_at timestamp(3),
  "order" varchar
);
CREATE TABLE crm."Vendor" (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), organisation_id uuid REFERENCES organisations (id), "order" uuid REFERENCES crm."Vendor" (id));
ALTER TABLE crm."Vendor" ENABLE ROW LEVEL SECURITY;
CREATE INDEX "VendorOrder" ON crm."Vendor" ("order");
CREATE INDEX "VendorOrderCopy" ON crm."Vendor" ("order");
CREATE TABLE "select" (id uuid PRIMARY KEY DEFAULT generate_uuidv7(), organisation_id uuid NOT NULL REFERENCES organisations (id));
CREATE POLICY p ON "select" USING (true);
CREATE TABLE audit_events (id uuid, organisation_id uuid NOT NULL REFERENCES organisations (id), created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz);
`.replace('REFERENCES organisations (id::text)', '');
  const standard = { logTables: ['audit_events'] };

  it('applies on PGlite, and two rules never propose two statements for one new object', async () => {
    const findings = lintCase(
      { sql, standard },
      allRules.map((r) => r.meta.id),
    );
    const fixes = findings.filter((f) => f.fix?.kind === 'sql');
    expect(fixes.length).toBeGreaterThan(15);
    const migration = fixMigrationText(findings, 'test');
    expect(migration).toContain('ALTER TABLE "IncidentNote"');
    expect(migration).toContain('"user"');
    // foreign-key-index and tenant-key-indexed both want an index on crm."Vendor" (organisation_id): one statement.
    expect(migration.match(/ON crm\."Vendor" \(organisation_id\)/g)).toHaveLength(1);
    // audit-column-definition and prefer-timestamptz both judge created_at's type: one conversion, from UTC.
    expect(migration.match(/ALTER COLUMN created_at TYPE [^;]*/g)).toEqual(["ALTER COLUMN created_at TYPE timestamptz USING created_at AT TIME ZONE 'UTC'"]);
    expect(migration).toContain('ALTER TABLE "IncidentNote" ALTER COLUMN "Payload" TYPE jsonb;');
    expect(migration).toContain(`ALTER TABLE "IncidentNote" ALTER COLUMN reviewed_at TYPE timestamptz(3) USING reviewed_at AT TIME ZONE 'UTC';`);
    expect(migration).toContain('ALTER TABLE "IncidentNote" ALTER COLUMN "order" TYPE text;');
    const indexNames = [...migration.matchAll(/^CREATE INDEX (\S+) ON/gm)].map((m) => m[1]);
    expect(new Set(indexNames).size).toBe(indexNames.length);

    const pg = new PGlite();
    await pg.exec(`CREATE FUNCTION generate_uuidv7() RETURNS uuid LANGUAGE sql AS $$ SELECT gen_random_uuid() $$;\n${GLOBAL_PRELUDE}\n${sql}`);
    for (const statement of migration.split('\n').filter((l) => l && !l.startsWith('--'))) {
      await expect(
        pg.exec(statement).then(() => 'applied'),
        statement,
      ).resolves.toBe('applied');
    }
    await pg.close();
  });
});
