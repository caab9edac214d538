// npm run bench:pathological: lint hostile shapes of input (one huge line, a very wide table, deep
// nesting, 100,000 tiny statements), each next to a normal workspace of the same size, in fresh
// processes; prints each time and its ratio to the normal one (target: within 10 times).
// PATHO_BYTES sets the size (default 1 MB).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const BYTES = Number(process.env.PATHO_BYTES ?? 1_000_000);
const LIMIT = 10;

function workspace(name, files) {
  const dir = join(here, 'corpus', `pathological-${name}`);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** `unit(i)` repeated until the text is `BYTES` long, joined by `sep`. */
function repeat(unit, sep) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < BYTES; i++) {
    const p = unit(i);
    parts.push(p);
    size += p.length + sep.length;
  }
  return parts.join(sep);
}

const findingsHeavy = (i) => `CREATE TABLE t${i} (a varchar(9), b timestamp, c json);`;

/** Each case, and the normal input of the same size it is compared with (null: the compliant corpus). */
const cases = {
  'one huge line (findings on every table)': () => workspace('line', { 'm/migrations/001.sql': repeat(findingsHeavy, ' ') }),
  'a very wide table': () => workspace('wide', { 'm/migrations/001.sql': `CREATE TABLE wide (${repeat((i) => `c${i} varchar(9)`, ', ')});\n` }),
  'deep nesting (schema.json)': () => workspace('deep', { 'm/schema.json': `{"module": "m", "tables": ${'['.repeat(BYTES / 2)}${']'.repeat(BYTES / 2)}}` }),
  'deep nesting (SQL)': () => workspace('deep-sql', { 'm/migrations/001.sql': `SELECT ${'('.repeat(BYTES / 2)}1${')'.repeat(BYTES / 2)};\n` }),
  [`${(BYTES / 10).toLocaleString('en')} tiny statements`]: () => workspace('tiny', { 'm/migrations/001.sql': 'SELECT 1;\n'.repeat(BYTES / 10) }),
};

/** The huge line's statements one per line: the same size and findings, in the usual shape. */
const counterparts = {
  'one huge line (findings on every table)': () => workspace('lines', { 'm/migrations/001.sql': repeat(findingsHeavy, '\n') }),
};

function lintOnce(dir) {
  try {
    return JSON.parse(execFileSync(process.execPath, [join(here, 'lint-once.js'), dir], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch (e) {
    return { wallMs: NaN, failed: e.status };
  }
}

const normalDir = join(here, 'corpus', 'pathological-normal');
const normalBytes = writeCorpus(normalDir, Math.max(1, Math.round(BYTES / 1000)));
const normal = lintOnce(normalDir);
console.log(`normal workspace ${(normalBytes / 1e6).toFixed(2)} MB: ${normal.wallMs.toFixed(0)} ms, ${normal.findings} findings`);
let failed = false;
for (const [name, make] of Object.entries(cases)) {
  const r = lintOnce(make());
  const base = counterparts[name] ? lintOnce(counterparts[name]()) : normal;
  const ratio = r.wallMs / base.wallMs;
  const ok = ratio <= LIMIT;
  failed ||= !ok;
  const against = counterparts[name] ? `the same statements one per line (${base.wallMs.toFixed(0)} ms)` : 'the normal workspace';
  console.log(
    `${name.padEnd(42)} ${Number.isNaN(r.wallMs) ? `exit ${r.failed}` : `${r.wallMs.toFixed(0)} ms`}  ×${ratio.toFixed(2)} of ${against}  ${r.findings ?? '-'} findings  ${ok ? 'ok' : 'MISSED'}`,
  );
}
process.exitCode = failed ? 1 : 0;
