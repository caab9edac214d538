// The parser thread runs compiled JavaScript, so these tests load the build that `npm test` makes first.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as BuildModule from '../src/sources/build.js';
import type * as ParseAheadModule from '../src/sources/sql/parse-ahead.js';
import type * as PgWasmModule from '../src/model/pg-wasm.js';

const dist = resolve(__dirname, '..', 'dist', 'src');
const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(dist, path)).href) as Promise<T>;
let build: typeof BuildModule;
let ahead: typeof ParseAheadModule;
let pg: typeof PgWasmModule;

beforeAll(async () => {
  expect(existsSync(join(dist, 'sources', 'sql', 'parse-ahead-worker.js')), 'run `npm run build` first').toBe(true);
  build = await load('sources/build.js');
  ahead = await load('sources/sql/parse-ahead.js');
  pg = await load('model/pg-wasm.js');
  await pg.loadPgQuery();
});

const enc = new TextEncoder();
const file = (path: string, sql: string | Uint8Array) => ({ path, bytes: typeof sql === 'string' ? enc.encode(sql) : sql });

/** Every statement's result as the worker delivered it. */
const delivered = (f: ParseAheadModule.ParsedAheadFile) => f.spans.map((_, i) => f.result(i));

const GLOBAL = `CREATE TABLE organisations (id uuid PRIMARY KEY);
CREATE TABLE users (id uuid PRIMARY KEY, organisation_id uuid NOT NULL REFERENCES organisations (id));`;

/** Every kind of file the replay treats specially, in two modules after global. */
const workspace: BuildModule.InputModule[] = [
  { name: 'global', dir: 'global', migrations: [file('global/001_init.sql', GLOBAL)] },
  {
    name: 'risk',
    dir: 'risk',
    migrations: [
      file(
        'risk/001_risk.sql',
        `-- Risiko-Register für „Lieferanten“ 🚚
CREATE TABLE risk (id uuid PRIMARY KEY, "Größe" text, organisation_id uuid NOT NULL REFERENCES organisations (id));
-- ismslint-disable-next-line name-snake-case -- legacy name kept for the importer
CREATE INDEX "idx_Größe" ON risk ("Größe");
CREATE TABLE broken (id uuid PRIMARY KEY,, name text);
CREATE FUNCTION risk_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM risk; SELECT 1; END;
ALTER TABLE risk ENABLE ROW LEVEL SECURITY;`,
      ),
      file('risk/002_empty.sql', '-- nothing yet\n'),
      file('risk/003_latin1.sql', new Uint8Array([0x43, 0x52, 0x45, 0x41, 0x54, 0x45, 0x20, 0xe9, 0x3b])),
      file('risk/004_policy.sql', `CREATE POLICY tenant ON risk USING (organisation_id = current_setting('app.current_organisation_id')::uuid);\nSELECT 'unterminated`),
      file('risk/005_psql.sql', `\\restrict K3y\nCREATE TABLE psql_made (\n\\echo psql's, not SQL\n  id uuid PRIMARY KEY);\n\\unrestrict K3y\n`),
    ],
  },
  { name: 'vendor', dir: 'vendor', migrations: [file('vendor/001_vendor.sql', `CREATE TABLE vendor (id uuid PRIMARY KEY, risk_id uuid REFERENCES risk (id));\nDROP INDEX "idx_Größe";`)] },
];

describe('parsing on a second thread', () => {
  it('builds exactly the model, findings and directives that parsing on this thread builds', () => {
    const here = build.buildModel(workspace, 'global');
    const worker = build.buildModel(workspace, 'global', undefined, build.startParserThread(workspace, { always: true }));
    expect(here.findings.map((f) => f.ruleId).sort()).toEqual(['empty-file', 'parse-error', 'parse-error', 'parse-error']);
    expect(here.directives).toHaveLength(1);
    expect(here.catalog.tables.get('public.risk')?.indexes).toEqual([]);
    expect(here.catalog.tables.get('public.psql_made')?.columns.map((c) => c.name)).toEqual(['id']);
    expect(worker.findings).toEqual(here.findings);
    // Each directive carries a closure of its own; the rest must match.
    const plain = (ds: typeof here.directives) => ds.map(({ appliesTo, ...d }) => d);
    expect(plain(worker.directives)).toEqual(plain(here.directives));
    expect(worker.catalog).toEqual(here.catalog);
    expect([...worker.sources.keys()]).toEqual([...here.sources.keys()]);
  });

  it("hands over each file's statements with libpg-query's own JSON, syntax errors and comments", () => {
    const sql = 'SELECT 1; /* a */ CREATE TABLE t (id int); -- b';
    const texts = [sql, 'CREATE TABLE (;', "SELECT 'é'"];
    const parse = ahead.startParseThread({ workerOnly: true })!.begin(texts);
    try {
      const first = parse.take(0)!;
      const create = sql.indexOf('CREATE');
      expect(first.spans).toEqual([
        { start: 0, end: 'SELECT 1'.length },
        { start: create, end: create + 'CREATE TABLE t (id int)'.length },
      ]);
      expect(first.comments).toEqual([sql.indexOf('/*'), sql.indexOf('*/') + 2, sql.indexOf('--'), sql.length]);
      expect(delivered(first)).toEqual([pg.parseToJson('SELECT 1'), pg.parseToJson('CREATE TABLE t (id int)')].map((r) => ('json' in r ? r.json : r)));
      const second = parse.take(1)!;
      expect(delivered(second)).toEqual([(pg.parseToJson('CREATE TABLE (;') as { error: unknown }).error]);
      expect(delivered(parse.take(2)!)).toEqual([(pg.parseToJson("SELECT 'é'") as { json: string }).json]);
    } finally {
      parse.close();
    }
  });

  it('sends a long file in pieces, which arrive complete and in order while the file is being read', () => {
    const statements = Array.from({ length: 3000 }, (_, i) => `CREATE TABLE t${i} (id uuid PRIMARY KEY, name text NOT NULL)`);
    const parse = ahead.startParseThread({ workerOnly: true })!.begin([statements.join(';\n'), 'SELECT 1']);
    try {
      const long = parse.take(0)!;
      expect(long.spans).toHaveLength(3000);
      // Asked for before the worker can have parsed the whole file: ~330 KB of JSON, sent 64 KB at a time.
      expect(long.result(0)).toBe((pg.parseToJson(statements[0]!) as { json: string }).json);
      expect(statements.slice(1).map((_, i) => long.result(i + 1))).toEqual(statements.slice(1).map((s) => (pg.parseToJson(s) as { json: string }).json));
      // Each result is handed out once and let go, so a file's JSON is never held whole.
      expect(long.result(0)).toBeUndefined();
      expect(long.result(3000)).toBeUndefined();
      expect(delivered(parse.take(1)!)).toEqual([(pg.parseToJson('SELECT 1') as { json: string }).json]);
    } finally {
      parse.close();
    }
  });

  it('sends a file of many small statements or syntax errors in pieces too', () => {
    const parse = ahead.startParseThread({ workerOnly: true })!.begin(['SELECT 1;'.repeat(2500), 'nonsense;'.repeat(2500)]);
    try {
      expect(delivered(parse.take(0)!)).toEqual(Array(2500).fill((pg.parseToJson('SELECT 1') as { json: string }).json));
      expect(delivered(parse.take(1)!)).toEqual(Array(2500).fill((pg.parseToJson('nonsense') as { error: unknown }).error));
    } finally {
      parse.close();
    }
  });

  it('parses a big file on the worker a few pieces ahead of this thread, not whole', async () => {
    // ~20,000 statements: ~300 pieces of JSON. The worker waits for this thread after 16 of them.
    const statements = Array.from({ length: 20_000 }, (_, i) => `CREATE TABLE t${i} (id uuid PRIMARY KEY, name text NOT NULL)`);
    const parse = ahead.startParseThread({ workerOnly: true })!.begin([statements.join(';\n')]);
    try {
      const big = parse.take(0)!;
      await new Promise((r) => setTimeout(r, 500));
      const sent = parse.piecesSent();
      expect(sent).toBeGreaterThan(0);
      expect(sent).toBeLessThanOrEqual(17);
      expect(big.result(19_999)).toBe((pg.parseToJson(statements[19_999]!) as { json: string }).json);
      expect(parse.piecesSent()).toBeGreaterThan(100);
    } finally {
      parse.close();
    }
  });

  it("gives a big file's statements whole and in order, whichever thread parses each piece", async () => {
    // Over 1 MB: left to the worker, and this thread parses the pieces the worker has not begun.
    const statements = Array.from({ length: 15_000 }, (_, i) => (i % 997 === 5 ? `CREATE TABLE broken${i} (,)` : `CREATE TABLE t${i} (id uuid PRIMARY KEY, name text NOT NULL, note text)`));
    const sql = `${statements.join(';\n')};\nSELECT 'ünïcödé'`;
    expect(sql.length).toBeGreaterThan(1_000_000);
    const parse = ahead.startParseThread()!.begin([sql]);
    try {
      // However busy the machine: this thread parses a big file itself if the worker has not claimed it within a moment.
      await vi.waitFor(() => expect(parse.piecesSent()).toBeGreaterThan(0), { timeout: 20_000 });
      const big = parse.take(0)!;
      expect(big.spans).toHaveLength(15_001);
      const expected = [...statements, "SELECT 'ünïcödé'"].map((s) => {
        const r = pg.parseToJson(s);
        return 'json' in r ? r.json : r.error;
      });
      expect(delivered(big)).toEqual(expected);
    } finally {
      parse.close();
    }
  });

  it('gives every file back to this thread when the worker fails', () => {
    const parse = ahead.startParseThread({ workerOnly: true })!.begin([null as unknown as string, 'SELECT 1']);
    try {
      expect(parse.take(0)).toBeUndefined();
      expect(parse.take(1)).toBeUndefined();
    } finally {
      parse.close();
    }
  });
});
