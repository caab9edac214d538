// node bench/compare.js <checkout A> <checkout B> [runs]: lint the 2,000-table corpus with two builds,
// alternating runs so that both see the same machine, and print each one's median and minimum wall and
// CPU time. Each checkout must be built (npm run build). Wall times on a shared machine drift by ±20%
// over minutes, so compare builds this way, not figures taken at different times. BENCH_CORPUS=<dir> lints
// that workspace instead, BENCH_FORMAT=<format> writes that format (lint-once.js).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const [a, b, runsArg] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node bench/compare.js <checkout A> <checkout B> [runs]');
  process.exit(2);
}
const runs = Number(runsArg ?? 10);
const corpus = process.env.BENCH_CORPUS ?? join(here, 'corpus', '2000');
if (!process.env.BENCH_CORPUS && !existsSync(corpus)) writeCorpus(corpus, 2000);

const results = new Map([
  [a, []],
  [b, []],
]);
for (let i = 0; i < runs; i++) {
  for (const build of [a, b]) {
    const out = execFileSync(process.execPath, [join(here, 'lint-once.js'), corpus], { encoding: 'utf8', env: { ...process.env, BENCH_BUILD: resolve(build) } });
    results.get(build).push(JSON.parse(out));
  }
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
for (const [build, rs] of results) {
  const wall = rs.map((r) => r.wallMs);
  const cpu = rs.map((r) => r.cpuMs);
  const main = rs.map((r) => r.mainThreadMs).filter((ms) => ms !== undefined);
  const faults = rs.map((r) => r.mainThreadFaults).filter((n) => n !== undefined);
  const mainText = main.length === rs.length ? `, main thread CPU median ${median(main).toFixed(0)} ms` : '';
  const faultText = faults.length === rs.length ? `, main thread page faults median ${median(faults)}` : '';
  console.log(
    `${build}: wall median ${median(wall).toFixed(0)} ms (min ${Math.min(...wall).toFixed(0)}), CPU median ${median(cpu).toFixed(0)} ms (min ${Math.min(...cpu).toFixed(0)})${mainText}${faultText}, ${runs} runs`,
  );
}
