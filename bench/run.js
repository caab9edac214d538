// npm run bench: lint generated corpora of 2,000 and 20,000 tables, then the ISMS's own module-schemas/,
// end to end (a fresh Node process each run, startup included) and print wall time and peak memory
// against the targets.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';
import { benchQa } from './qa.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const sizes = (process.env.BENCH_SIZES ?? '2000,20000').split(',').map(Number);
const targets = { 2000: { ms: 1000, mb: 600 }, 20000: { ms: 10000, mb: 600 } };

let failed = false;
for (const tables of sizes) {
  const dir = join(here, 'corpus', String(tables));
  const bytes = writeCorpus(dir, tables);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [join(here, 'lint-once.js'), dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    runs.push(JSON.parse(out));
  }
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const median = runs[Math.floor(runs.length / 2)];
  const peak = Math.max(...runs.map((r) => r.peakMb));
  const t = targets[tables];
  const ok = !t || (median.wallMs < t.ms && peak < t.mb);
  failed ||= !ok;
  console.log(
    `${String(tables).padStart(6)} tables  ${(bytes / 1e6).toFixed(2)} MB SQL  median ${median.wallMs.toFixed(0)} ms (min ${runs[0].wallMs.toFixed(0)}, max ${runs[runs.length - 1].wallMs.toFixed(0)}, ${RUNS} runs)  peak RSS ${peak.toFixed(0)} MB  findings ${median.findings}` +
      (t ? `  target < ${t.ms} ms, < ${t.mb} MB: ${ok ? 'ok' : 'MISSED'}` : ''),
  );
}

// The ISMS's own schemas, as every pre-commit run lints them: a fresh process, startup included.
{
  const dir = join(here, '..', 'module-schemas');
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(JSON.parse(execFileSync(process.execPath, [join(here, 'lint-once.js'), dir], { encoding: 'utf8', maxBuffer: 1 << 26 })));
  }
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const median = runs[Math.floor(runs.length / 2)];
  const peak = Math.max(...runs.map((r) => r.peakMb));
  console.log(
    `module-schemas/ (cold start)  median ${median.wallMs.toFixed(0)} ms (min ${runs[0].wallMs.toFixed(0)}, max ${runs[runs.length - 1].wallMs.toFixed(0)}, ${RUNS} runs)  peak RSS ${peak.toFixed(0)} MB  findings ${median.findings}`,
  );
  if (median.findings !== 0) {
    console.log('module-schemas/ has findings: it must lint clean');
    failed = true;
  }
}
if (process.env.BENCH_QA !== '0') failed = !benchQa() || failed;
process.exitCode = failed ? 1 : 0;
