import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgUrl, postgresIt } from '../../test/support/postgres.js';
import { recordingIO } from '../../test/support/command-io.js';
import { runTest } from './test.js';

const root = resolve(__dirname, '../..');

describe('ismslint test', () => {
  // The command reads ISMSLINT_DATABASE_URL from its own environment (io.env), never from the process's.
  beforeAll(() => {
    vi.stubEnv('ISMSLINT_DATABASE_URL', 'postgres://127.0.0.1:1/not_a_server');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('passes every requirement of a compliant module on PGlite, says what stands in for TimescaleDB, exits 0', async () => {
    const io = recordingIO(root);
    expect(await runTest(io, { args: ['fixtures/workspaces/clean'], reporter: 'stylish' })).toBe(0);
    expect(io.out).toContain('module vendor_risk (PGlite)\n  note: TimescaleDB is absent on this PGlite database: create_hypertable is a stand-in');
    expect(io.out).toContain("  ✓ vendor: organisation B's rows are invisible to organisation A\n");
    expect(io.out).toContain('  ✓ vendor.organisation_id is covered by an index\n');
    expect(io.out).toMatch(/✓ (\d+) of \1 requirements passed\n$/);
  }, 180_000);

  it('builds a module without migrations from the DDL ismslint sql generates for it', async () => {
    // A workspace of its own (the global module next to the fixture): module-schemas/ has a
    // risk_assessment table of its own, which would collide with the fixture's.
    const ws = mkdtempSync(join(tmpdir(), 'ismslint-qa-ws-'));
    cpSync(join(root, 'module-schemas/global'), join(ws, 'global'), { recursive: true });
    cpSync(join(root, 'fixtures/schema-json/risk_scale/schema.json'), join(ws, 'risk_scale/schema.json'));
    const io = recordingIO(root);
    expect(await runTest(io, { args: [ws], reporter: 'json' })).toBe(0);
    const json = JSON.parse(io.out);
    expect(json.modules.map((m: any) => m.module)).toEqual(['global', 'risk_scale']);
    expect(json.modules[1].requirements.length).toBeGreaterThan(20);
    expect(json.summary.failed).toBe(0);
    expect(json.summary.requirements).toBeGreaterThan(20);
  }, 180_000);

  it('names each broken requirement of a non-compliant module and exits 1', async () => {
    const io = recordingIO(root);
    expect(await runTest(io, { args: ['fixtures/workspaces/violations'], reporter: 'stylish' })).toBe(1);
    expect(io.out).toContain('  ✗ vendor_contact.vendor_id is covered by an index\n      vendor_contact.(vendor_id) is covered by a usable index: got false\n');
    expect(io.out).toContain('  ✗ vendor has row-level security enabled and forced\n      vendor has row-level security enabled: got false\n');
    expect(io.out).toMatch(/✗ \d+ of \d+ requirements passed, 2 failed\n$/);
  }, 180_000);

  it('writes JSON and JUnit results that say which requirement failed and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-test-'));
    const io = recordingIO(root);
    expect(await runTest(io, { args: ['fixtures/workspaces/violations'], reporter: 'json', outputFile: join(dir, 'qa.json') })).toBe(1);
    const json = JSON.parse(readFileSync(join(dir, 'qa.json'), 'utf8'));
    expect(json.kind).toBe('qa-results');
    expect(json.summary.failed).toBe(2);
    const vendorModule = json.modules.find((m: any) => m.module === 'vendor_risk');
    const failed = vendorModule.requirements.filter((r: any) => !r.ok).map((r: any) => [r.group, r.title]);
    expect(failed).toEqual([
      ['rls', 'vendor has row-level security enabled and forced'],
      ['completeness', 'vendor_contact.vendor_id is covered by an index'],
    ]);
    await runTest(recordingIO(root), { args: ['fixtures/workspaces/violations'], reporter: 'junit', outputFile: join(dir, 'qa.xml') });
    const xml = readFileSync(join(dir, 'qa.xml'), 'utf8');
    expect(xml).toMatch(/<testsuite name="vendor_risk" tests="\d+" failures="2">/);
    expect(xml).toContain('<testcase classname="vendor_risk.completeness" name="vendor_contact.vendor_id is covered by an index">');
    expect(xml).toContain('<failure message="vendor_contact.(vendor_id) is covered by a usable index: got false">');
  }, 300_000);

  it('prints TAP with one line per requirement', async () => {
    const io = recordingIO(root);
    await runTest(io, { args: ['fixtures/workspaces/violations'], reporter: 'tap' });
    const lines = io.out.split('\n');
    expect(lines[0]).toBe('TAP version 13');
    const plan = Number(/^1\.\.(\d+)$/.exec(lines[1]!)![1]);
    expect(lines.filter((l) => /^(not )?ok \d+ - /.test(l))).toHaveLength(plan);
    expect(lines.filter((l) => l.startsWith('not ok ')).map((l) => l.replace(/^not ok \d+ - /, ''))).toEqual([
      'vendor_risk: vendor has row-level security enabled and forced',
      'vendor_risk: vendor_contact.vendor_id is covered by an index',
    ]);
    expect(lines).toContain('  message: "vendor_contact.(vendor_id) is covered by a usable index: got false"');
  }, 180_000);

  it('refuses a database URL that is not PostgreSQL, and an unknown reporter', async () => {
    await expect(runTest(recordingIO(root), { args: [], reporter: 'stylish', databaseUrl: 'mysql://x' })).rejects.toThrow(/must start with postgres:\/\//);
    await expect(runTest(recordingIO(root), { args: [], reporter: 'xml' })).rejects.toThrow(/--reporter must be one of stylish, junit, json, tap/);
  });

  postgresIt('passes module-schemas and the hostile fixture on PostgreSQL 15, on a fresh database it drops afterwards', async (client) => {
    const before = await client.query(`SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'ismslint_qa_%'`);
    const io = recordingIO(root);
    const code = await runTest(io, { args: ['global', 'fixtures/qa/hostile'], reporter: 'stylish', databaseUrl: pgUrl() });
    expect(io.out).not.toContain('✗');
    expect(code).toBe(0);
    expect(io.out).toContain('module global (PostgreSQL)');
    expect(io.out).toContain('module hostile (PostgreSQL)');
    const after = await client.query(`SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'ismslint_qa_${process.pid}_%'`);
    expect(after.rows[0].n).toBe(0);
    expect(before.rows[0].n).toBeGreaterThanOrEqual(0);
  }, 300_000);
});
