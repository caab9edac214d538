// One end-to-end lint in a fresh process; prints wall time since process start, CPU time and peak RSS as JSON.
// BENCH_BUILD=<checkout> lints with that checkout's build instead of this one (bench/compare.js uses it).
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const build = resolve(process.env.BENCH_BUILD ?? fileURLToPath(new URL('..', import.meta.url)));
const { runLint } = await import(pathToFileURL(resolve(build, 'dist/src/commands/lint.js')).href);

const dir = process.argv[2];
const io = { cwd: process.cwd(), env: process.env, isTTY: false, stdout: () => {}, stderr: (s) => process.stderr.write(s) };
const result = await runLint(io, { paths: [dir], format: 'json', quiet: false });
const wallMs = process.uptime() * 1000;
const cpu = process.cpuUsage();
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakMb, findings: result.findings.length }) + '\n');
