// Hostile inputs for lint, shared by the property tests (test/hostile-input.test.ts) and the fuzzer
// (scripts/fuzz.js): mutated SQL, schema.json and configs, and the contract every run must keep.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (p) => readFileSync(join(root, p), 'utf8');

const SQL_SEEDS = [
  read('fixtures/workspaces/clean/vendor_risk/migrations/001_vendor.sql'),
  read('fixtures/workspaces/violations/vendor_risk/migrations/001_vendor.sql'),
  read('fixtures/workspaces/violations/vendor_risk/migrations/002_relax.sql'),
  read('fixtures/schema-json/vendor_risk/migrations/001_init.sql'),
  read('fixtures/sql/mysql-flavoured.sql'),
];
const JSON_SEEDS = [read('fixtures/schema-json/vendor_risk/schema.json'), read('fixtures/schema-json/risk_register/schema.json'), read('fixtures/schema-json/risk_scale/schema.json')];
const CONFIG_SEEDS = [
  '{}',
  JSON.stringify({ rules: { 'prefer-text': 'error', 'rls-enabled': ['warn'] }, standard: { tenantKey: 'tenant_id' } }),
  JSON.stringify({ extends: 'ismslint:strict', overrides: [{ files: ['**/*.sql'], rules: { 'prefer-text': 'off' } }], moduleOrder: ['global'] }),
];
const GLOBAL_SQL = readdirSync(join(root, 'module-schemas/global/migrations'))
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => [f, read(`module-schemas/global/migrations/${f}`)]);

const FILE_NAMES = ['001_init.sql', '002_é.sql', '003_日本語.sql', 'V1__a b.sql', '004 ☃.SQL', '005_\u202e.sql', 'R__views.sql', '006.down.sql', 'U2__undo.sql', `${'x'.repeat(200)}.sql`];

/** One mutation of a text; `big` adds files of up to 150,000 statements (for the fuzzer, not CI). */
const mutationOf = (big) =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate'), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('flip'), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({
      kind: fc.constant('nest'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(100_000)),
      open: fc.constantFrom('[', '{', '(', '{"a":'),
    }),
    fc.record({ kind: fc.constant('duplicate'), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 50 }) }),
    fc.record({ kind: fc.constant('oneLine') }),
    fc.record({ kind: fc.constant('hugeLine'), times: fc.integer({ min: 10, max: 300 }) }),
    fc.record({ kind: fc.constant('wideTable'), columns: fc.integer({ min: 1500, max: 5000 }) }),
    fc.record({
      kind: fc.constant('manyStatements'),
      count: big ? fc.constantFrom(1000, 20_000, 150_000) : fc.constantFrom(100, 1000),
      statement: fc.constantFrom('SELEC 1;', 'SELECT 1;', 'ALTER TABLE nope ADD COLUMN x int;', 'CREATE INDEX ON t (id);'),
    }),
  );

/** Apply a mutation to bytes. */
export function mutate(bytes, m) {
  // Growth is bounded, so a case stays a few MB however its mutations compose.
  if (bytes.length > 300_000 && !['truncate', 'flip', 'oneLine'].includes(m.kind)) return bytes;
  const at = (x) => Math.floor(x * bytes.length);
  const text = () => Buffer.from(bytes).toString('utf8');
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, at(m.at));
    case 'flip': {
      const out = Buffer.from(bytes);
      if (out.length > 0) out[Math.min(at(m.at), out.length - 1)] = m.byte;
      return out;
    }
    case 'nest': {
      const i = at(m.at);
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(m.open.repeat(m.depth)), bytes.subarray(i)]);
    }
    case 'duplicate': {
      const i = at(m.at);
      const piece = bytes.subarray(i, i + m.length);
      return Buffer.concat([bytes.subarray(0, i), ...Array(m.times).fill(piece), bytes.subarray(i)]);
    }
    case 'oneLine':
      return Buffer.from(
        text()
          .replace(/--[^\n]*/g, '')
          .replace(/\s*\n\s*/g, ' '),
      );
    case 'hugeLine': {
      const line = text()
        .replace(/--[^\n]*/g, '')
        .replace(/\s*\n\s*/g, ' ');
      return Buffer.from(
        Array(Math.max(1, Math.min(m.times, Math.floor(1_000_000 / (line.length + 1)))))
          .fill(line)
          .join(' '),
      );
    }
    case 'manyStatements':
      return Buffer.concat([bytes, Buffer.from(`\n${m.statement}`.repeat(m.count))]);
    case 'wideTable':
      return Buffer.concat([bytes, Buffer.from(`\nCREATE TABLE wide (${Array.from({ length: m.columns }, (_, i) => `c${i} varchar(9)`).join(', ')});\n`)]);
  }
  return bytes;
}

const mutated = (seeds, big = false) =>
  fc
    .record({ seed: fc.constantFrom(...seeds), mutations: fc.array(mutationOf(big), { maxLength: 3 }) })
    .map(({ seed, mutations }) => ({ bytes: mutations.reduce(mutate, Buffer.from(seed)), mutations: mutations.map((m) => m.kind) }));

/**
 * A workspace: the global module, and module `m` with mutated migrations and/or a mutated schema.json,
 * and sometimes a mutated config.
 */
export const hostileWorkspaceOf = (big) =>
  fc.record({
    sql: fc.array(fc.record({ name: fc.constantFrom(...FILE_NAMES), input: mutated(SQL_SEEDS, big), nested: fc.boolean() }), { maxLength: 3 }),
    schemaJson: fc.option(mutated(JSON_SEEDS), { nil: undefined }),
    config: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: mutated(CONFIG_SEEDS) }),
    format: fc.constantFrom('json', 'stylish', 'sarif', 'github', 'gitlab', 'junit'),
    target: fc.constantFrom('workspace', 'module', 'file'),
  });

export const hostileWorkspace = hostileWorkspaceOf(false);

/** Write a case to a fresh directory; returns it and the lint arguments. */
export function writeCase(c) {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-fuzz-'));
  const ws = join(dir, 'ws');
  mkdirSync(join(ws, 'global', 'migrations'), { recursive: true });
  for (const [f, sql] of GLOBAL_SQL) writeFileSync(join(ws, 'global', 'migrations', f), sql);
  mkdirSync(join(ws, 'm', 'migrations', 'sub'), { recursive: true });
  let firstFile;
  for (const { name, input, nested } of c.sql) {
    const path = join(ws, 'm', 'migrations', nested ? 'sub' : '', name);
    writeFileSync(path, input.bytes);
    firstFile ??= path;
  }
  if (c.schemaJson) writeFileSync(join(ws, 'm', 'schema.json'), c.schemaJson.bytes);
  if (!c.schemaJson && c.sql.length === 0) writeFileSync(join(ws, 'm', 'migrations', '001.sql'), 'CREATE TABLE t (id int);');
  if (c.config) writeFileSync(join(dir, 'ismslint.config.json'), c.config.bytes);
  const target = c.target === 'file' && firstFile ? firstFile : c.target === 'module' ? join(ws, 'm') : ws;
  return { dir, args: ['lint', target, '--format', c.format], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What every run must keep. Returns the broken promise, or undefined. */
export function contractViolation(result, format) {
  if (![0, 1, 2].includes(result.code)) return `exit code ${result.code}`;
  if (/internal error/.test(result.stderr)) return `internal error: ${result.stderr.trim().slice(0, 300)}`;
  if (result.code === 2) return result.stderr.trim().split('\n').length === 1 ? undefined : `exit 2 with more than one line: ${result.stderr.slice(0, 300)}`;
  if (format === 'json' || format === 'sarif' || format === 'gitlab') {
    let parsed;
    try {
      parsed = JSON.parse(result.stdout);
    } catch {
      return 'output is not JSON';
    }
    const keys =
      format === 'json'
        ? parsed.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line}:${m.column} ${m.ruleId} ${m.message}`))
        : format === 'gitlab'
          ? parsed.map((i) => i.fingerprint)
          : parsed.runs[0].results.map(
              (r) =>
                `${r.locations?.[0]?.physicalLocation?.artifactLocation?.uri}:${r.locations?.[0]?.physicalLocation?.region?.startLine}:${r.locations?.[0]?.physicalLocation?.region?.startColumn} ${r.ruleId} ${r.message.text}`,
            );
    const seen = new Set();
    for (const k of keys) {
      if (seen.has(k)) return `duplicate finding: ${k.slice(0, 300)}`;
      seen.add(k);
    }
  }
  return undefined;
}
