// One end-to-end lint in a fresh process, through the CLI's own entry point; prints wall time since
// process start, CPU time and peak RSS as JSON. BENCH_BUILD=<checkout> lints with that checkout's build
// instead of this one (bench/compare.js uses it).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const build = resolve(process.env.BENCH_BUILD ?? fileURLToPath(new URL('..', import.meta.url)));
// What bin/ismslint.js runs: the bundle, or in builds from before it the compiled modules.
const entry = ['dist/bundle/ismslint.js', 'dist/src/cli/main.js'].map((p) => resolve(build, p)).find((p) => existsSync(p));
const { run } = await import(pathToFileURL(entry).href);

const dir = process.argv[2];
const out = join(mkdtempSync(join(tmpdir(), 'ismslint-bench-')), 'report.json');
const io = { cwd: process.cwd(), env: process.env, isTTY: false, stdout: () => {}, stderr: (s) => process.stderr.write(s) };
const code = await run(['lint', dir, '--format', 'json', '--output-file', out], io);
const wallMs = process.uptime() * 1000;
const cpu = process.cpuUsage();
const peakMb = process.resourceUsage().maxRSS / 1024;
const mainThreadMs = mainThreadCpuMs();
if (code === 2) process.exit(2);
const findings = JSON.parse(readFileSync(out, 'utf8')).reduce((n, f) => n + f.messages.length, 0);
rmSync(join(out, '..'), { recursive: true });
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, mainThreadMs, peakMb, findings }) + '\n');

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
