// `ismslint check` end to end on the report fixture: lint, the QA suites on embedded PGlite, the report.
// It calls the command's module (not the CLI, which imports it only when the command runs), so that the
// test belongs to the vitest project that runs on a database engine.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import type { ComplianceReport } from '../src/reports/types.js';
import { recordingIO } from './support/command-io.js';

const root = resolve(__dirname, '..');
const fixture = join(root, 'fixtures/workspaces/report');
const ENV = { ISMSLINT_TODAY: '2026-12-01', SOURCE_DATE_EPOCH: '1764547200' };
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ismslint check', () => {
  it('prints the lint findings, runs the QA suites, writes the report with their results and exits by the verdict', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ismslint-check-'));
    dirs.push(out);
    const options = { paths: [fixture], outDir: out, formats: [], qaResults: [], gate: true, check: false };
    const io = recordingIO(root);
    io.env = { ...ENV };
    const code = await runCheck(io, options);
    expect(code).toBe(1);
    expect(io.out).toMatch(/^== Lint\n/);
    expect(io.out).toContain('foreign-key-index');
    expect(io.out).toMatch(/== QA suites \(embedded PGlite\)\n.*requirements passed\nresults: .*qa-results\.json\n/);
    expect(io.out).toMatch(/== Compliance report\nREJECT: .*\nReport: .*compliance-report\.html/);
    const r = JSON.parse(readFileSync(join(out, 'compliance-report.json'), 'utf8')) as ComplianceReport;
    expect(r.verdict.decision).toBe('REJECT');
    // The QA run's results are in the report: the missing index fails its requirement too.
    expect(r.qa?.engine).toMatch(/^pglite \d+\.\d+/);
    expect(r.qa!.passed).toBeGreaterThan(0);
    expect(r.qa!.results.some((q) => q.state === 'fail' && q.name.includes('vendor_contact.vendor_id is covered by an index'))).toBe(true);
    expect(r.criteria.find((c) => c.id === 'qa-pass-rate')!.status).not.toBe('not evaluated');
    const lenient = recordingIO(root);
    lenient.env = { ...ENV };
    expect(await runCheck(lenient, { ...options, gate: false })).toBe(0);
    // Two runs of the QA suites on PGlite: more than the default 60 s on a busy machine.
  }, 180_000);
});
