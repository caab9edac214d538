import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgUrl, postgresIt } from '../../test/support/postgres.js';
import { recordingIO } from '../../test/support/command-io.js';
import { runTest } from './test.js';
import { runInit } from './init.js';
import { moduleSuites, selectModules } from './qa-common.js';
import { type RequirementResult, runSuite, type Suite } from '../qa/runtime/index.js';

const root = resolve(__dirname, '../..');

/** What these tests read of `ismslint test --reporter json`. */
interface QaResultsJson {
  kind: string;
  summary: { requirements: number; passed: number; failed: number };
  modules: { module: string; requirements: RequirementResult[] }[];
}

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
    const json = JSON.parse(io.out) as QaResultsJson;
    expect(json.modules.map((m) => m.module)).toEqual(['global', 'risk_scale']);
    expect(json.modules[1]!.requirements.length).toBeGreaterThan(20);
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
    const json = JSON.parse(readFileSync(join(dir, 'qa.json'), 'utf8')) as QaResultsJson;
    expect(json.kind).toBe('qa-results');
    expect(json.summary.failed).toBe(2);
    const vendorModule = json.modules.find((m) => m.module === 'vendor_risk')!;
    const failed = vendorModule.requirements.filter((r) => !r.ok).map((r) => [r.group, r.title]);
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

  it('refuses a database URL that is not PostgreSQL or not a URL, an unknown reporter and an unknown module, in one line', async () => {
    const refusal = (opts: Partial<Parameters<typeof runTest>[1]>) => runTest(recordingIO(root), { args: [], reporter: 'stylish', ...opts });
    await expect(refusal({ databaseUrl: 'mysql://x' })).rejects.toThrow(/^the database URL must be postgres:\/\/\[user\[:password\]@\]host\[:port\]\/database \(got "mysql:\/\/x"\)$/);
    await expect(refusal({ databaseUrl: 'postgres://u:secret@[bad/db' })).rejects.toThrow(/^the database URL must be .* \(got "postgres:\/\/…@\[bad\/db"\)$/);
    await expect(refusal({ reporter: 'xml' })).rejects.toThrow(/--reporter must be one of stylish, junit, json, tap/);
    await expect(refusal({ args: ['no_such_module'] })).rejects.toMatchObject({ name: 'UsageError', message: expect.stringMatching(/^unknown module "no_such_module"; known modules: .*global/) });
  });

  it('says in one line, with exit 2, that a server cannot be reached, for the suites and the mutation analysis alike', async () => {
    for (const mutation of [false, true]) {
      const io = recordingIO(root);
      await expect(runTest(io, { args: ['global'], reporter: 'stylish', mutation, databaseUrl: 'postgres://u:secret@127.0.0.1:1/db' })).rejects.toMatchObject({
        name: 'UsageError',
        message: 'cannot use the database server at 127.0.0.1:1: cannot connect: connect ECONNREFUSED 127.0.0.1:1',
      });
      expect(io.out).toBe('');
    }
  });

  it('reports a migration that does not apply as a failing requirement naming its file, line and column, and exits 1', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ismslint-qa-broken-'));
    cpSync(join(root, 'module-schemas/global'), join(ws, 'module-schemas/global'), { recursive: true });
    mkdirSync(join(ws, 'module-schemas/broken/migrations'), { recursive: true });
    writeFileSync(
      join(ws, 'module-schemas/broken/migrations/001_init.sql'),
      '-- A table, then an index on a column it lacks.\nCREATE TABLE thing (id uuid PRIMARY KEY);\n\nCREATE INDEX idx_thing_name ON thing (name);\n',
    );
    const io = recordingIO(ws);
    expect(await runTest(io, { args: ['broken'], reporter: 'stylish' })).toBe(1);
    expect(io.out).toContain('  ✗ broken: the database builds from the module\'s migrations\n      module-schemas/broken/migrations/001_init.sql:4:1: does not apply: column "name" does not exist\n');
  }, 180_000);

  it('passes a project whose global module is schema.json alone, supplying the UUIDv7 function schema.json cannot define, and saying so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-qa-init-'));
    expect(await runInit(recordingIO(dir), { module: 'vendor_risk', root: join(dir, 'module-schemas'), withGlobal: true })).toBe(0);
    // init also writes the global module's migrations (the function among them); without them, the QA build supplies it.
    rmSync(join(dir, 'module-schemas', 'global', 'migrations'), { recursive: true });
    const io = recordingIO(dir);
    expect(await runTest(io, { args: [], reporter: 'stylish' })).toBe(0);
    expect(io.out).toContain("module vendor_risk (PGlite)\n  note: no migration defines generate_uuidv7(), which the design's defaults call: the database uses ismslint's UUIDv7 generate_uuidv7()\n");
    expect(io.out).toContain('  ✓ vendor_risk_example.id defaults to a time-ordered UUIDv7\n');
    expect(io.out).toMatch(/✓ (\d+) of \1 requirements passed\n$/);
  }, 180_000);

  postgresIt(
    'passes module-schemas and the hostile fixture on PostgreSQL 15, on a fresh database it drops afterwards',
    async (client) => {
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
    },
    300_000,
  );

  postgresIt(
    'says in one line, with exit 2, that the server refused the login, and does not hang',
    async () => {
      const url = new URL(pgUrl()!);
      url.username = `ismslint_no_such_role_${process.pid}`;
      url.password = '';
      for (const mutation of [[], ['--mutation']]) {
        const { code, stdout, stderr } = await cli(['test', 'global', ...mutation, '--database-url', url.toString()], 60_000);
        expect(stdout).toBe('');
        expect(stderr).toMatch(new RegExp(`^ismslint: cannot use the database server at ${url.hostname}:${url.port}: cannot connect: .+\n$`));
        expect(code).toBe(2);
      }
    },
    90_000,
  );

  postgresIt(
    'leaves no database on the server after a failing run, and drops the application role it made',
    async (client) => {
      const leftovers = async () => (await client.query(`SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'ismslint_qa_${process.pid}_%'`)).rows[0].n;
      const io = recordingIO(root);
      expect(await runTest(io, { args: ['fixtures/workspaces/violations'], reporter: 'stylish', databaseUrl: pgUrl() })).toBe(1);
      expect(await leftovers()).toBe(0);
      // A role of the run's own: the shared server may hold ismslint_qa_app from other runs, which a run must not drop.
      const role = `ismslint_qa_app_${process.pid}`;
      const sel = await selectModules(io, ['fixtures/workspaces/clean'], undefined);
      const [m] = moduleSuites(io, sel, root);
      const suite: Suite = JSON.parse(JSON.stringify(m!.suite).replaceAll('ismslint_qa_app', role));
      const result = await runSuite(suite, { base: pathToFileURL(`${root}/`), databaseUrl: pgUrl() });
      expect(result.requirements.filter((r) => !r.ok)).toEqual([]);
      expect((await client.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [role])).rows[0].n).toBe(0);
      expect(await leftovers()).toBe(0);
    },
    300_000,
  );

  postgresIt(
    'drops its database when interrupted (Ctrl-C), and exits 130',
    async (client) => {
      const child = spawn(process.execPath, [join(root, 'bin/ismslint.js'), 'test', 'global', 'wrac', '--database-url', pgUrl()!], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      const ofChild = `SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'ismslint_qa_${child.pid}_%'`;
      const deadline = Date.now() + 60_000;
      while ((await client.query(ofChild)).rows[0].n === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect((await client.query(ofChild)).rows[0].n).toBe(1);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toBe("ismslint: SIGINT: dropping this run's databases on the server\n");
      expect((await client.query(ofChild)).rows[0].n).toBe(0);
    },
    120_000,
  );
});

/** The command-line tool, run as a user runs it. */
function cli(args: string[], timeout: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin/ismslint.js'), ...args], { cwd: root, timeout, env: { ...process.env, ISMSLINT_DATABASE_URL: '' } }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}
