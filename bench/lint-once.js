// One end-to-end lint in a fresh process, through the CLI's own entry point; prints wall time since
// process start, CPU time and peak RSS as JSON. BENCH_BUILD=<checkout> lints with that checkout's build
// instead of this one (bench/compare.js uses it); BENCH_FORMAT=sarif|stylish|github writes that format
// instead of json (findings are counted for json and sarif).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const build = resolve(process.env.BENCH_BUILD ?? fileURLToPath(new URL('..', import.meta.url)));
// What bin/ismslint.js runs: the bundle, or in builds from before it the compiled modules.
const entry = ['dist/bundle/ismslint.js', 'dist/src/cli/main.js'].map((p) => resolve(build, p)).find((p) => existsSync(p));
const { run, tuneProcessForLint } = await import(pathToFileURL(entry).href);
// As bin/ismslint.js does; builds from before it tuned the process inside run().
tuneProcessForLint?.();

const dir = process.argv[2];
const format = process.env.BENCH_FORMAT ?? 'json';
const out = join(mkdtempSync(join(tmpdir(), 'ismslint-bench-')), `report.${format}`);
const io = { cwd: process.cwd(), env: process.env, isTTY: false, stdout: () => {}, stderr: (s) => process.stderr.write(s) };
const code = await run(['lint', dir, '--format', format, '--output-file', out], io);
const wallMs = process.uptime() * 1000;
const cpu = process.cpuUsage();
const usage = process.resourceUsage();
const peakMb = usage.maxRSS / 1024;
const mainThreadMs = mainThreadCpuMs();
const mainThreadFaults = mainThreadPageFaults();
if (code === 2) process.exit(2);
const findings = countFindings(format, out);
rmSync(join(out, '..'), { recursive: true });
const systemMs = cpu.system / 1000;
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, systemMs, mainThreadMs, mainThreadFaults, pageFaults: usage.minorPageFault, peakMb, findings }) + '\n');

/**
 * CPU time of the main thread alone, in ms (Linux; undefined elsewhere). The lint's critical path runs
 * there, and unlike wall time it hardly moves with what else the machine is doing.
 */
function mainThreadCpuMs() {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * Page faults of the main thread (Linux; undefined elsewhere): each first touch of a fresh page of
 * memory. One has cost the development VM up to ~14 µs of system time (bench/page-fault-cost.js), so
 * the ~20,000 of a 2,000-table lint can be ~0.2 s of the main thread's time (bench/README.md).
 */
function mainThreadPageFaults() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
  } catch {
    return undefined;
  }
}

function countFindings(format, path) {
  if (format === 'json') return JSON.parse(readFileSync(path, 'utf8')).reduce((n, f) => n + f.messages.length, 0);
  if (format === 'sarif') return JSON.parse(readFileSync(path, 'utf8')).runs[0].results.length;
  return undefined;
}
