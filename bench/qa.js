// QA timings (npm run bench): generating every suite for module-schemas/ (target < 2 s), running them
// on PGlite with `ismslint test` (target < 60 s), and the mutation analysis of one module
// (BENCH_QA_MODULE, default global; BENCH_QA_MUTATION=0 skips it). Each is one CLI run, startup included.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'ismslint.js');

function timed(label, args, targetMs) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const last = (r.stdout.trim().split('\n').pop() ?? '').slice(0, 100);
  const ok = targetMs === undefined || ms < targetMs;
  console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s  exit ${r.status}  ${last}${targetMs ? `  target < ${targetMs / 1000} s: ${ok ? 'ok' : 'MISSED'}` : ''}`);
  return ok && r.status === 0;
}

export function benchQa() {
  const out = mkdtempSync(join(tmpdir(), 'ismslint-bench-qa-'));
  try {
    let ok = timed('generate-tests module-schemas/', ['generate-tests', '--out', out], 2000);
    ok = timed('test module-schemas/ on PGlite', ['test'], 60000) && ok;
    if (process.env.BENCH_QA_MUTATION !== '0')
      ok = timed(`test --mutation ${process.env.BENCH_QA_MODULE ?? 'global'} on PGlite`, ['test', '--mutation', process.env.BENCH_QA_MODULE ?? 'global']) && ok;
    return ok;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
