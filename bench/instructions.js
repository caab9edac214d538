// node bench/instructions.js [dir]: count the CPU instructions of a single-threaded lint of the
// 2,000-table corpus (or of dir) under valgrind's callgrind. Unlike wall time on a shared machine,
// the count is the same on every run (to ~0.01%), so it shows changes of 1% that timings cannot.
// It includes V8's optimising compiler (JIT), which a normal run does on other threads, and prints
// that part on its own. Needs valgrind (Debian: apt-get install valgrind) and a build; takes ~1 min.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';

const here = fileURLToPath(new URL('.', import.meta.url));
let dir = process.argv[2];
if (!dir) {
  dir = join(here, 'corpus', '2000');
  writeCorpus(dir, 2000);
}
if (spawnSync('valgrind', ['--version']).error) {
  console.error('bench/instructions.js needs valgrind (Debian: apt-get install valgrind)');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'ismslint-callgrind-'));
const out = join(work, 'callgrind.out');
try {
  execFileSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, process.execPath, '--single-threaded', join(here, 'lint-single-thread.js'), dir], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const annotated = execFileSync('callgrind_annotate', ['--threshold=100', out], { encoding: 'utf8', maxBuffer: 1 << 28 });
  let total = 0;
  let compiler = 0;
  for (const line of annotated.split('\n')) {
    const m = /^\s*([\d,]+) \([\s\d.]+%\)\s+(.*)$/.exec(line);
    if (!m || m[2] === 'PROGRAM TOTALS') continue;
    const n = Number(m[1].replaceAll(',', ''));
    total += n;
    if (/compiler::|Zone/.test(m[2])) compiler += n;
  }
  const millions = (n) => `${(n / 1e6).toFixed(0)} M`;
  console.log(`${dir}: ${millions(total)} instructions, of which ${millions(compiler)} in V8's optimising compiler and ${millions(total - compiler)} in the rest`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
