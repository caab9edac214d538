// The pgTAP files run where pg_prove users run them: on PGlite through @electric-sql/pglite-pgtap, and
// with pg_prove on PostgreSQL 15, each against a database where the module's migrations were applied.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgtap } from '@electric-sql/pglite-pgtap';
import { describe, expect, it } from 'vitest';
import { pgUrl, postgresIt } from '../../test/support/postgres.js';
import { applyMigrations, openDatabase, pgliteDatabase, readSources, type BuildSource } from './runtime/index.js';

const root = resolve(__dirname, '../..');
const FILES = ['qa/global.pgtap.sql', 'fixtures/qa/generated/hostile.pgtap.sql'];
// pg_prove on the real server is quick enough for every committed module suite.
const ALL_FILES = [...readdirSync(resolve(root, 'qa')).filter((f) => f.endsWith('.pgtap.sql')).sort().map((f) => `qa/${f}`), FILES[1]!];

/** The migrations a generated file names in its header, in order. */
function buildSources(text: string): BuildSource[] {
  const from = /^-- From: (.*)$/m.exec(text)![1]!;
  return JSON.parse(`[${from}]`)
    .filter((f: string) => f.endsWith('.sql'))
    .map((file: string) => ({ file }));
}

async function pgliteTap(file: string, edit: (sql: string) => string = (s) => s): Promise<string[]> {
  const text = readFileSync(resolve(root, file), 'utf8');
  const pg = await PGlite.create({ extensions: { pgtap } });
  try {
    await applyMigrations(pgliteDatabase(pg), await readSources(buildSources(text), pathToFileURL(root + '/')));
    const results = await pg.exec(edit(text));
    return results.flatMap((r) => r.rows.flatMap((row) => Object.values(row).map(String))).join('\n').split('\n');
  } finally {
    await pg.close();
  }
}

describe('generated pgTAP suites', () => {
  for (const file of FILES) {
    it(`${file} passes on PGlite with pgTAP`, async () => {
      const tap = await pgliteTap(file);
      const plan = Number(/^1\.\.(\d+)$/.exec(tap.find((l) => /^1\.\./.test(l))!)![1]);
      expect(tap.filter((l) => l.startsWith('not ok'))).toEqual([]);
      expect(tap.filter((l) => /^ok \d+ - /.test(l))).toHaveLength(plan);
      expect(plan).toBeGreaterThan(50);
    }, 240_000);
  }

  it('fails, naming the requirement, when the database drifts from the design', async () => {
    // Not a mutant of the migrations but of the database after them: the tenant index dropped in the file's own transaction.
    const tap = await pgliteTap('qa/global.pgtap.sql', (sql) => sql.replace('BEGIN;\n', 'BEGIN;\nDROP INDEX idx_audit_log_organisation_id;\n'));
    expect(tap.filter((l) => l.startsWith('not ok')).map((l) => l.replace(/^not ok \d+ - /, ''))).toEqual(['audit_log.(organisation_id) is covered by a usable index']);
  }, 240_000);

  for (const file of ALL_FILES) {
    postgresIt(`${file} passes with pg_prove on PostgreSQL 15`, async () => {
      const text = readFileSync(resolve(root, file), 'utf8');
      const db = await openDatabase(pgUrl());
      try {
        await applyMigrations(db, await readSources(buildSources(text), pathToFileURL(root + '/')));
        const out = execFileSync('pg_prove', ['--dbname', db.url!, resolve(root, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        expect(out).toMatch(/All tests successful\.\n/);
        expect(out).toMatch(/Result: PASS/);
      } finally {
        await db.close();
      }
    }, 240_000);
  }
});
