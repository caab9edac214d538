// The UUIDv7 function as init writes it and the QA build supplies it: its name quoted as PostgreSQL's
// quote_ident() quotes it, and the function really made on PGlite under a hostile name.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInit } from '../../commands/init.js';
import { loadWorkspace } from '../../commands/workspace.js';
import { moduleSuite } from '../../qa/suite.js';
import { DEFAULT_STANDARD } from '../../engine/standard.js';
import { loadPgQuery } from '../../model/pg-wasm.js';
import { uuidV7Call, uuidV7FunctionSql } from './uuidv7-function.js';

// Upper case, quotes, a space, a `$`, a reserved word, a type/function-name word, a column-name word,
// an unreserved word, and plain names.
const NAMES = ['generate_uuidv7', 'uuid_v7', 'UUIDv7', 'gen "uuid" v7', "o'brien id", 'id$v7', 'select', 'left', 'time', 'action', '_x1'];

let db: PGlite;
beforeAll(async () => {
  await loadPgQuery();
  db = new PGlite();
});
afterAll(() => db.close());

/** Version 7 and the RFC variant, from the text of a UUID. */
const isV7 = (u: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u);

describe('the UUIDv7 function', () => {
  it('names the function as quote_ident() does', async () => {
    for (const name of NAMES) {
      const { rows } = await db.query<{ q: string }>('SELECT quote_ident($1) AS q', [name]);
      expect(uuidV7Call(name), name).toBe(`${rows[0]!.q}()`);
    }
    expect(uuidV7Call('generate_uuidv7')).toBe('generate_uuidv7()');
  });

  it('is created and called under every name, and makes time-ordered UUIDv7s', async () => {
    for (const [i, name] of NAMES.entries()) {
      const schema = `uuidv7_${i}`;
      await db.exec(`CREATE SCHEMA ${schema}; SET search_path = ${schema}; ${uuidV7FunctionSql(name)};`);
      const { rows } = await db.query<{ proname: string; id: string }>(`SELECT p.proname, ${uuidV7Call(name)}::text AS id FROM pg_proc p WHERE p.pronamespace = '${schema}'::regnamespace`);
      expect(rows.map((r) => r.proname)).toEqual([name]);
      expect(isV7(rows[0]!.id), rows[0]!.id).toBe(true);
    }
    await db.exec('SET search_path = uuidv7_0');
    const { rows } = await db.query<{ a: string; b: string }>(`SELECT a::text, b::text FROM (SELECT generate_uuidv7() AS a) x, LATERAL (SELECT pg_sleep(0.002), generate_uuidv7() AS b) y`);
    expect(rows[0]!.a < rows[0]!.b).toBe(true);
    await db.exec('RESET search_path');
  });

  it('init writes it, and the tables calling it, so that they apply and fill ids under a hostile name', async () => {
    const name = 'Gen "UUID" select';
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-uuidv7-'));
    const io = { cwd: dir, env: {}, isTTY: false, stdout: () => {}, stderr: () => {} };
    expect(await runInit(io, { module: 'vendor_risk', root: 'module-schemas', withGlobal: true, standard: { ...DEFAULT_STANDARD, uuidV7Function: name } })).toBe(0);
    const migrations = join(dir, 'module-schemas', 'global', 'migrations');
    const functions = readFileSync(join(migrations, '000_functions.sql'), 'utf8');
    expect(functions).toMatch(/^CREATE FUNCTION "Gen ""UUID"" select"\(\) RETURNS uuid$/m);
    const module = JSON.parse(readFileSync(join(dir, 'module-schemas', 'vendor_risk', 'schema.json'), 'utf8'));
    expect(module.tables[0].columns[0].default).toBe('"Gen ""UUID"" select"()');
    const pg = new PGlite();
    try {
      await pg.exec(functions);
      await pg.exec(readFileSync(join(migrations, '001_init.sql'), 'utf8'));
      const { rows } = await pg.query<{ id: string }>(`INSERT INTO organisations (name) VALUES ('o') RETURNING id::text`);
      expect(isV7(rows[0]!.id), rows[0]!.id).toBe(true);
    } finally {
      await pg.close();
    }
  });

  it('the QA build supplies it under a hostile name when no migration defines it, and the module builds', async () => {
    const name = 'Gen "UUID" select';
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-uuidv7-'));
    writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify({ roots: ['db'], standard: { uuidV7Function: name } }));
    const io = { cwd: dir, env: {}, isTTY: false, stdout: () => {}, stderr: () => {} };
    expect(await runInit(io, { module: 'vendor_risk', root: 'db', withGlobal: true, standard: { ...DEFAULT_STANDARD, uuidV7Function: name } })).toBe(0);
    rmSync(join(dir, 'db', 'global', 'migrations'), { recursive: true });
    const { model, config } = await loadWorkspace(io, { paths: [] });
    const suite = moduleSuite({
      catalog: model.catalog,
      standard: config.standard,
      module: 'vendor_risk',
      version: '0',
      read: (p) => readFileSync(join(dir, p)),
      projectPath: (p) => p,
      pathFor: (p) => p,
    }).suite;
    expect(suite.build.map((b) => ('name' in b ? b.name : b.file))).toEqual([`ismslint's ${name}()`, 'ismslint sql global', 'ismslint sql vendor_risk']);
    const pg = new PGlite();
    try {
      for (const b of suite.build) if ('sql' in b) await pg.exec(b.sql);
      const { rows } = await pg.query<{ id: string }>(`INSERT INTO organisations (name) VALUES ('o') RETURNING id::text`);
      expect(isV7(rows[0]!.id), rows[0]!.id).toBe(true);
    } finally {
      await pg.close();
    }
  });
});
