// npm run bench: lint generated corpora of 2,000 and 20,000 tables, then the ISMS's own module-schemas/,
// end to end (a fresh Node process each run, startup included) and print wall time and peak memory
// against the targets. Each compliant corpus is linted in alternation with a findings-heavy workspace of
// as many tables in one file (findings-corpus.js), in the json, sarif and stylish formats.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';
import { writeFindingsCorpus } from './findings-corpus.js';
import { benchQa } from './qa.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const sizes = (process.env.BENCH_SIZES ?? '2000,20000').split(',').map(Number);
const targets = { 2000: { ms: 1000, mb: 600 }, 20000: { ms: 10000, mb: 600 } };

const FORMATS = ['json', 'sarif', 'stylish'];
/** The findings-heavy single file against the compliant corpus of as many tables, format by format. */
const heavyTargets = { ratio: 1.2, mb: 600 };

const lintOnce = (dir, format) =>
  JSON.parse(execFileSync(process.execPath, [join(here, 'lint-once.js'), dir], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, BENCH_FORMAT: format } }));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let failed = false;
for (const tables of sizes) {
  const dir = join(here, 'corpus', String(tables));
  const bytes = writeCorpus(dir, tables);
  const heavyDir = join(here, 'corpus', `findings-${tables}`);
  const heavyBytes = writeFindingsCorpus(heavyDir, tables);
  // Alternating runs, so that both corpora see the same machine: its speed drifts by more than 20% over minutes.
  const compliant = new Map(FORMATS.map((f) => [f, []]));
  const heavy = new Map(FORMATS.map((f) => [f, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const format of FORMATS) {
      compliant.get(format).push(lintOnce(dir, format));
      heavy.get(format).push(lintOnce(heavyDir, format));
    }
  }
  const runs = [...compliant.get('json')].sort((a, b) => a.wallMs - b.wallMs);
  const mid = runs[Math.floor(runs.length / 2)];
  const peak = Math.max(...runs.map((r) => r.peakMb));
  const t = targets[tables];
  const ok = !t || (mid.wallMs < t.ms && peak < t.mb);
  failed ||= !ok;
  console.log(
    `${String(tables).padStart(6)} tables  ${(bytes / 1e6).toFixed(2)} MB SQL  median ${mid.wallMs.toFixed(0)} ms (min ${runs[0].wallMs.toFixed(0)}, max ${runs[runs.length - 1].wallMs.toFixed(0)}, ${RUNS} runs)  peak RSS ${peak.toFixed(0)} MB  findings ${mid.findings}` +
      (t ? `  target < ${t.ms} ms, < ${t.mb} MB: ${ok ? 'ok' : 'MISSED'}` : ''),
  );
  for (const format of FORMATS) {
    const h = heavy.get(format);
    const c = compliant.get(format);
    const ratio = median(h.map((r) => r.wallMs)) / median(c.map((r) => r.wallMs));
    const cpuRatio = median(h.map((r) => r.cpuMs)) / median(c.map((r) => r.cpuMs));
    // The main thread's CPU time: the critical path, and steadier than wall time on a busy machine.
    const mainRatio = median(h.map((r) => r.mainThreadMs ?? NaN)) / median(c.map((r) => r.mainThreadMs ?? NaN));
    const heavyPeak = Math.max(...h.map((r) => r.peakMb));
    const compliantPeak = Math.max(...c.map((r) => r.peakMb));
    const memoryOk = tables < 20000 || heavyPeak < heavyTargets.mb;
    const good = ratio <= heavyTargets.ratio && memoryOk;
    failed ||= !good;
    const findings = h.find((r) => r.findings !== undefined)?.findings;
    console.log(
      `        findings-heavy, one ${(heavyBytes / 1e6).toFixed(2)} MB file, --format ${format.padEnd(7)} median ${median(h.map((r) => r.wallMs)).toFixed(0)} ms against ${median(c.map((r) => r.wallMs)).toFixed(0)} ms: ×${ratio.toFixed(2)} (CPU ×${cpuRatio.toFixed(2)}, main thread CPU ×${mainRatio.toFixed(2)})  peak RSS ${heavyPeak.toFixed(0)} MB (compliant ${compliantPeak.toFixed(0)} MB)${findings !== undefined ? `  findings ${findings}` : ''}` +
        `  target ≤ ×${heavyTargets.ratio}${tables >= 20000 ? `, < ${heavyTargets.mb} MB` : ''}: ${good ? 'ok' : 'MISSED'}`,
    );
  }
}

// The ISMS's own schemas, as every pre-commit run lints them: a fresh process, startup included.
{
  const dir = join(here, '..', 'module-schemas');
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(JSON.parse(execFileSync(process.execPath, [join(here, 'lint-once.js'), dir], { encoding: 'utf8', maxBuffer: 1 << 26 })));
  }
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const mid = runs[Math.floor(runs.length / 2)];
  const peak = Math.max(...runs.map((r) => r.peakMb));
  console.log(
    `module-schemas/ (cold start)  median ${mid.wallMs.toFixed(0)} ms (min ${runs[0].wallMs.toFixed(0)}, max ${runs[runs.length - 1].wallMs.toFixed(0)}, ${RUNS} runs)  peak RSS ${peak.toFixed(0)} MB  findings ${mid.findings}`,
  );
  if (mid.findings !== 0) {
    console.log('module-schemas/ has findings: it must lint clean');
    failed = true;
  }
}
if (process.env.BENCH_QA !== '0') failed = !benchQa() || failed;
process.exitCode = failed ? 1 : 0;
