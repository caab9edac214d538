// npm run bench:report: `ismslint report` on 2,000 tables with about 8,000 findings (each table lacks
// an index on its parent key, FORCE ROW LEVEL SECURITY and a status CHECK, and stores varchar), then
// the HTML in Debian's Chromium: time to load and to run the report's script.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { legacyTable as table } from './findings-corpus.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const TABLES = Number(process.env.BENCH_REPORT_TABLES ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const targets = { reportMs: 3000, openMs: 2000 };

function writeWorkspace(dir) {
  rmSync(dir, { recursive: true, force: true });
  const global = join(dir, 'global', 'migrations');
  mkdirSync(global, { recursive: true });
  cpSync(join(here, '..', 'fixtures', 'workspaces', 'report', 'global', 'migrations'), global, { recursive: true });
  for (let m = 0; m < TABLES / 100; m++) {
    const module = `m${String(m).padStart(3, '0')}`;
    mkdirSync(join(dir, module, 'migrations'), { recursive: true });
    let sql = '';
    for (let i = 0; i < 100; i++) sql += table(module, i);
    writeFileSync(join(dir, module, 'migrations', '001_init.sql'), sql);
  }
}

const dir = join(here, 'corpus', `report-${TABLES}`);
const out = join(dir, '..', `report-${TABLES}-out`);
writeWorkspace(dir);
const bin = join(here, '..', 'bin', 'ismslint.js');
const times = [];
let summary = '';
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  summary = execFileSync(process.execPath, [bin, 'report', dir, '--out', out, '--format', 'html,md,json,csv,junit', '--no-gate'], {
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '0' },
  });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const report = JSON.parse(readFileSync(join(out, 'compliance-report.json'), 'utf8'));
const findings = report.findings.length;
const median = times[Math.floor(times.length / 2)];
console.log(`report   ${TABLES} tables, ${findings} findings: median ${median.toFixed(0)} ms (${RUNS} runs)  target < ${targets.reportMs} ms: ${median < targets.reportMs ? 'ok' : 'MISSED'}`);
console.log(`         ${summary.split('\n')[0].slice(0, 120)}`);

const chromiumPath = process.env.ISMSLINT_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromiumPath)) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const opens = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    const start = performance.now();
    await page.goto(pathToFileURL(join(out, 'compliance-report.html')).href, { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('match-count')?.textContent !== '');
    opens.push(performance.now() - start);
    await page.close();
  }
  await browser.close();
  opens.sort((a, b) => a - b);
  const open = opens[Math.floor(opens.length / 2)];
  console.log(`html     opens in Chromium in ${open.toFixed(0)} ms (median of ${RUNS})  target < ${targets.openMs} ms: ${open < targets.openMs ? 'ok' : 'MISSED'}`);
} else {
  console.log(`html     not measured: no ${chromiumPath} (apt-get install chromium)`);
}
