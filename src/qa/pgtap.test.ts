// The pgTAP files run where pg_prove users run them: on PGlite through @electric-sql/pglite-pgtap, and
// with pg_prove on PostgreSQL 15, each against a database where the module's migrations were applied.
// On PGlite, every committed module file runs in one database holding all of module-schemas' migrations
// (as production holds them), each file in its own BEGIN … ROLLBACK: one PGlite start with pgTAP instead
// of thirteen, which is most of the cost (see CONTRIBUTING, QA suites).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgtap } from '@electric-sql/pglite-pgtap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgUrl, postgresIt } from '../../test/support/postgres.js';
import { applyMigrations, openDatabase, pgliteDatabase, readSources, type BuildSource } from './runtime/index.js';

const root = resolve(__dirname, '../..');
const HOSTILE = 'fixtures/qa/generated/hostile.pgtap.sql';
const MODULE_FILES = readdirSync(resolve(root, 'qa'))
  .filter((f) => f.endsWith('.pgtap.sql'))
  .sort()
  .map((f) => `qa/${f}`);

/** The migrations a generated file names in its header, in order. */
function migrationsOf(file: string): string[] {
  const from = /^-- From: (.*)$/m.exec(readFileSync(resolve(root, file), 'utf8'))![1]!;
  return (JSON.parse(`[${from}]`) as string[]).filter((f) => f.endsWith('.sql'));
}

function sources(files: string[]): BuildSource[] {
  return files.map((file) => ({ file }));
}

async function pgliteWithMigrations(files: string[]): Promise<PGlite> {
  const pg = await PGlite.create({ extensions: { pgtap } });
  await applyMigrations(pgliteDatabase(pg), await readSources(sources(files), pathToFileURL(root + '/')));
  return pg;
}

async function tapOf(pg: PGlite, sql: string): Promise<string[]> {
  const results = await pg.exec(sql);
  return results
    .flatMap((r) => r.rows.flatMap((row) => Object.values(row).map(String)))
    .join('\n')
    .split('\n');
}

/** Every test passed, and as many as the plan said. */
function expectPassing(tap: string[]): void {
  const plan = Number(/^1\.\.(\d+)$/.exec(tap.find((l) => /^1\.\./.test(l))!)![1]);
  expect(tap.filter((l) => l.startsWith('not ok'))).toEqual([]);
  expect(tap.filter((l) => /^ok \d+ - /.test(l))).toHaveLength(plan);
  expect(plan).toBeGreaterThan(50);
}

describe('generated pgTAP suites on PGlite', () => {
  let shared: PGlite;
  beforeAll(async () => {
    // Global's migrations first, then each module's, in the order the files name them.
    const all = [...new Set(['qa/global.pgtap.sql', ...MODULE_FILES].flatMap(migrationsOf))];
    shared = await pgliteWithMigrations(all);
  }, 240_000);
  afterAll(() => shared?.close());

  it('cover every module of module-schemas', () => {
    expect(MODULE_FILES).toHaveLength(13);
  });

  for (const file of MODULE_FILES) {
    it(`${file} passes`, async () => {
      expectPassing(await tapOf(shared, readFileSync(resolve(root, file), 'utf8')));
    }, 240_000);
  }

  it('fail, naming the requirement, when the database drifts from the design', async () => {
    // Not a mutant of the migrations but of the database after them: the tenant index dropped in the file's own transaction.
    const sql = readFileSync(resolve(root, 'qa/global.pgtap.sql'), 'utf8').replace('BEGIN;\n', 'BEGIN;\nDROP INDEX idx_audit_log_organisation_id;\n');
    const tap = await tapOf(shared, sql);
    expect(tap.filter((l) => l.startsWith('not ok')).map((l) => l.replace(/^not ok \d+ - /, ''))).toEqual(['audit_log.(organisation_id) is covered by a usable index']);
    // The file's ROLLBACK undid the drift for the files after it.
    expect((await shared.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'idx_audit_log_organisation_id'`)).rows).toHaveLength(1);
  }, 240_000);

  it(`${HOSTILE} passes, on a database of its own fixture`, async () => {
    const pg = await pgliteWithMigrations(migrationsOf(HOSTILE));
    try {
      expectPassing(await tapOf(pg, readFileSync(resolve(root, HOSTILE), 'utf8')));
    } finally {
      await pg.close();
    }
  }, 240_000);
});

describe('generated pgTAP suites with pg_prove on PostgreSQL 15', () => {
  for (const file of [...MODULE_FILES, HOSTILE]) {
    postgresIt(
      `${file} passes`,
      async () => {
        const db = await openDatabase(pgUrl());
        try {
          await applyMigrations(db, await readSources(sources(migrationsOf(file)), pathToFileURL(root + '/')));
          const out = execFileSync('pg_prove', ['--dbname', db.url!, resolve(root, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
          expect(out).toMatch(/All tests successful\.\n/);
          expect(out).toMatch(/Result: PASS/);
        } finally {
          await db.close();
        }
      },
      240_000,
    );
  }
});
