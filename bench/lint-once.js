// One end-to-end lint in a fresh process; prints wall time since process start and peak RSS as JSON.
import { runLint } from '../dist/src/commands/lint.js';

const dir = process.argv[2];
const io = { cwd: process.cwd(), env: process.env, isTTY: false, stdout: () => {}, stderr: (s) => process.stderr.write(s) };
const result = await runLint(io, { paths: [dir], format: 'json', quiet: false });
const wallMs = process.uptime() * 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ wallMs, peakMb, findings: result.findings.length }) + '\n');
