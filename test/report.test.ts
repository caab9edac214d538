// `ismslint report` end to end on a fixture workspace whose every figure is known: two open errors, one
// warning, a waiver valid for months, one expiring within 30 days, one expired, a suppression comment.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { createAjv } from '../src/engine/lazy.js';
import type { ComplianceReport } from '../src/reports/types.js';
import { recordingIO } from './support/command-io.js';

const root = resolve(__dirname, '..');
const fixture = join(root, 'fixtures/workspaces/report');
const ENV = { ISMSLINT_TODAY: '2026-12-01', SOURCE_DATE_EPOCH: '1764547200' };
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-report-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function report(args: string[], cwd = root, env: Record<string, string> = ENV) {
  const io = recordingIO(cwd);
  io.env = { ...env };
  const code = await run(['report', ...args], io);
  return { code, out: io.out, err: io.err };
}

function readJson(dir: string): ComplianceReport {
  return JSON.parse(readFileSync(join(dir, 'compliance-report.json'), 'utf8')) as ComplianceReport;
}

describe('ismslint report on a workspace with known findings and waivers', () => {
  it('rejects, says why in one line, and exits 1; --no-gate exits 0', async () => {
    const out = tempDir();
    const r = await report([fixture, '--out', out, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^REJECT: Does not meet the standard: 2 open errors \(foreign-key-index ×1, waiver-expired ×1\); 1 expired waiver\./);
    expect((await report([fixture, '--out', out, '--format', 'json', '--no-gate'])).code).toBe(0);
  });

  it('counts findings by severity, waived ones apart, and waivers by state', async () => {
    const out = tempDir();
    await report([fixture, '--out', out, '--format', 'json']);
    const r = readJson(out);
    expect(r.summary).toEqual({ modules: 3, tables: 11, findings: { error: 2, warn: 1, waived: 4 }, waivers: { active: 3, expiring: 1, expired: 1 } });
  });

  it('measures each success criterion over what it applies to', async () => {
    const out = tempDir();
    await report([fixture, '--out', out, '--format', 'json']);
    const byId = Object.fromEntries(readJson(out).criteria.map((c) => [c.id, c]));
    expect(byId.naming).toMatchObject({ passed: 10, total: 11, value: 90.9, status: 'not met' });
    expect(byId['audit-fields']).toMatchObject({ passed: 11, total: 11, value: 100, status: 'met' });
    expect(byId['tenant-key']).toMatchObject({ passed: 10, total: 10, status: 'met' });
    expect(byId['fk-index']).toMatchObject({ passed: 40, total: 41, value: 97.6, status: 'not met' });
    expect(byId.rls).toMatchObject({ passed: 8, total: 8, status: 'met' });
    expect(byId.documentation).toMatchObject({ passed: 2, total: 18 });
    // No QA results given: not evaluated, never 100%.
    expect(byId['qa-pass-rate']).toMatchObject({ value: null, status: 'not evaluated' });
    expect(byId['mutation-score']).toMatchObject({ value: null, status: 'not evaluated' });
  });

  it('lists every waiver with reason, approver, expiry and state; expired ones silence nothing', async () => {
    const out = tempDir();
    await report([fixture, '--out', out, '--format', 'json']);
    const waivers = readJson(out).waivers.map((w) => [w.kind, w.rule, w.object, w.approvedBy, w.expires, w.status, w.daysLeft, w.silenced]);
    expect(waivers).toEqual([
      ['waiver', 'timestamp-column-suffix', 'public.audit_log.retention_until', 'Foreman (schema governance)', '2027-12-31', 'active', 395, 1],
      ['comment', 'prefer-text', null, null, null, 'active', null, 1],
      ['waiver', 'prefer-text', 'public.vendor.country_code', 'Foreman (J. Smith)', '2027-06-30', 'active', 211, 1],
      ['waiver', 'rls-forced', 'public.vendor_assessment', 'Foreman (J. Smith)', '2026-12-20', 'expiring', 19, 1],
      ['waiver', 'timestamp-column-suffix', 'public.vendor_document.uploaded', 'Foreman (J. Smith)', '2026-11-01', 'expired', -30, 0],
    ]);
  });

  it('gives each control a status from the rules that serve it', async () => {
    const out = tempDir();
    await report([fixture, '--out', out, '--format', 'json']);
    const status = Object.fromEntries(readJson(out).controls.map((c) => [`${c.framework} ${c.id}`, c.status]));
    expect(status['ISO/IEC 27001:2022 A.8.6']).toBe('FAIL'); // foreign-key-index
    expect(status['ISO/IEC 27001:2022 A.5.36']).toBe('FAIL'); // the expired waiver fails closed
    expect(status['ISO/IEC 27001:2022 A.8.2']).toBe('WAIVED'); // rls-forced, waived
    expect(status['ISO/IEC 27001:2022 A.8.15']).toBe('PASS');
    expect(status['ISO/IEC 27001:2022 A.8.11']).toBe('NOT EVALUATED'); // data masking: no rule serves it
    expect(status['NIST CSF 2.0 PR.IR-04']).toBe('FAIL'); // CSF 1.1 PR.DS-4 in rule metadata
  });

  it('marks each finding open or waived, with a stable key, its controls and its documentation', async () => {
    const out = tempDir();
    await report([fixture, '--out', out, '--format', 'json']);
    const fk = readJson(out).findings.find((f) => f.ruleId === 'foreign-key-index')!;
    expect(fk).toMatchObject({
      status: 'open',
      severity: 'error',
      module: 'vendor_risk',
      object: 'public.vendor_contact.vendor_contact_vendor_id_fkey',
      file: 'fixtures/workspaces/report/vendor_risk/schema.json',
    });
    expect(fk.key).toMatch(/^[0-9a-f]{16}$/);
    expect(fk.controls).toContain('ISO/IEC 27001:2022 A.8.6');
    expect(fk.docs).toMatch(/rules\/foreign-key-index\/README\.md$/);
    const waived = readJson(out)
      .findings.filter((f) => f.status === 'waived')
      .map((f) => f.ruleId);
    expect(waived.sort()).toEqual(['prefer-text', 'prefer-text', 'rls-forced', 'timestamp-column-suffix']);
  });

  it('writes the JSON the published schema describes', async () => {
    const out = tempDir();
    await report([fixture, '--out', out, '--format', 'json']);
    const schema = JSON.parse(readFileSync(join(root, 'schemas/compliance-report.json'), 'utf8')) as object;
    const validate = createAjv().compile(schema);
    expect(validate(readJson(out)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes every format atomically with a manifest of their SHA-256, the same bytes on every run', async () => {
    const a = tempDir();
    const b = tempDir();
    const all = ['--format', 'html,md,json,csv,junit'];
    await report([fixture, '--out', a, ...all]);
    await report([fixture, '--out', b, ...all]);
    const names = ['compliance-report.csv', 'compliance-report.html', 'compliance-report.json', 'compliance-report.junit.xml', 'compliance-report.md', 'manifest.sha256'];
    for (const n of names) expect(readFileSync(join(a, n), 'utf8'), n).toBe(readFileSync(join(b, n), 'utf8'));
    const manifest = readFileSync(join(a, 'manifest.sha256'), 'utf8');
    expect(manifest.trim().split('\n')).toHaveLength(5);
    const { createHash } = await import('node:crypto');
    for (const line of manifest.trim().split('\n')) {
      const [hash, name] = line.split(/\s+/);
      expect(
        createHash('sha256')
          .update(readFileSync(join(a, name!)))
          .digest('hex'),
      ).toBe(hash);
    }
    expect(readJson(a).generatedAt).toBe('2025-12-01T00:00:00Z');
  });

  it('records evidence: tool, rule-set and config hashes, and the SHA-256 of every input file', async () => {
    const out = tempDir();
    await report([fixture, '--out', out, '--format', 'json']);
    const e = readJson(out).evidence;
    const schemaJson = 'fixtures/workspaces/report/vendor_risk/schema.json';
    const { createHash } = await import('node:crypto');
    expect(e.inputs.find((i) => i.path === schemaJson)?.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(root, schemaJson)))
        .digest('hex'),
    );
    expect(e.inputs.map((i) => i.path)).toContain('fixtures/workspaces/report/incident/migrations/001_incident.sql');
    expect(e.ruleSetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.git?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('rejects unknown formats and unreadable inputs with one line and exit 2', async () => {
    const out = tempDir();
    const bad = await report([fixture, '--out', out, '--format', 'pdf']);
    expect([bad.code, bad.err]).toEqual([2, 'ismslint: unknown report format "pdf" (choose from: html, md, json, csv, junit)\n']);
    const missing = await report([fixture, '--out', out, '--previous', join(out, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^ismslint: cannot read previous report .*nope\.json: no such file\n$/);
  });
});

describe('ismslint report --previous', () => {
  it('counts new, fixed and unchanged findings, criterion deltas, and puts controls that regressed first', async () => {
    const ws = tempDir();
    cpSync(fixture, ws, { recursive: true });
    const out = join(ws, 'reports');
    const before = await report([ws, '--out', out, '--format', 'json'], ws);
    expect(before.err).toBe('');
    const previous = join(ws, 'previous.json');
    cpSync(join(out, 'compliance-report.json'), previous);
    // Fix the missing index; disable RLS on vendor (a new error in a control that passed).
    const path = join(ws, 'vendor_risk/schema.json');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.version = '2.0.0';
    doc.tables[1].indexes.push({ name: 'idx_vendor_contact_vendor_id', columns: ['vendor_id'] });
    doc.tables[0].rls = { enabled: false, force: false, policies: [] };
    writeFileSync(path, JSON.stringify(doc, null, 2));
    await report([ws, '--out', out, '--format', 'json', '--previous', previous], ws);
    const r = readJson(out);
    expect(r.trend).toMatchObject({ previousDecision: 'REJECT', fixedFindings: 1 });
    expect(r.trend!.fixed.map((f) => f.ruleId)).toEqual(['foreign-key-index']);
    expect(r.findings.filter((f) => f.change === 'new').map((f) => f.ruleId)).toEqual(['rls-enabled']);
    expect(r.trend!.newFindings).toBe(1);
    expect(r.trend!.criteria.find((c) => c.id === 'fk-index')).toEqual({ id: 'fk-index', previous: 97.6, current: 100, delta: 2.4 });
    expect(r.trend!.criteria.find((c) => c.id === 'rls')).toEqual({ id: 'rls', previous: 100, current: 87.5, delta: -12.5 });
    const first = r.trend!.controls[0]!;
    expect(first).toMatchObject({ previous: 'PASS', current: 'FAIL', regression: true });
    expect(r.trend!.controls.some((c) => c.regression)).toBe(true);
    expect(r.trend!.controls.findIndex((c) => !c.regression)).toBeGreaterThan(r.trend!.controls.findLastIndex((c) => c.regression));
    expect(r.modules.find((m) => m.name === 'vendor_risk')).toMatchObject({ version: '2.0.0', previousVersion: '1.1.0', changeType: 'major' });
  });
});

describe('ismslint report --check', () => {
  it('passes on an up-to-date report whatever its generated-at time, and names the stale file otherwise', async () => {
    const out = tempDir();
    await report([fixture, '--out', out, '--no-gate'], root, { ...ENV, SOURCE_DATE_EPOCH: '1000' });
    const fresh = await report([fixture, '--out', out, '--check', '--no-gate']);
    expect(fresh.code, fresh.err).toBe(0);
    expect(fresh.out).toMatch(/is up to date/);
    writeFileSync(join(out, 'compliance-report.md'), 'edited by hand\n');
    const stale = await report([fixture, '--out', out, '--check', '--no-gate']);
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/compliance-report\.md, .*manifest\.sha256 are out of date|compliance-report\.md is out of date/);
  });
});

describe('ismslint report with QA results', () => {
  it('reads ismslint test JSON (results and mutation) and JUnit, fills the QA criteria and controls, and rejects on a failing test', async () => {
    const dir = tempDir();
    const json = join(dir, 'qa.json');
    const junit = join(dir, 'qa.xml');
    writeFileSync(
      json,
      JSON.stringify({
        tool: 'ismslint',
        kind: 'qa-results',
        modules: [
          {
            module: 'vendor_risk',
            engine: 'pglite',
            requirements: [
              { title: "vendor: organisation B's rows are invisible to organisation A", group: 'rls', ok: true },
              { title: 'vendor_contact.vendor_id is covered by an index', group: 'completeness', ok: false },
            ],
          },
        ],
      }),
    );
    const mutation = join(dir, 'mutation.json');
    writeFileSync(mutation, JSON.stringify({ tool: 'ismslint', kind: 'qa-mutation', total: { killed: 39, total: 40, score: 97.5 } }));
    writeFileSync(
      junit,
      '<testsuites><testsuite name="incident"><properties><property name="engine" value="pglite"/></properties><testcase classname="incident.required" name="incident.id defaults to UUIDv7 &amp; orders by time"/><testcase name="skipped" classname="incident.naming"><skipped/></testcase></testsuite></testsuites>',
    );
    const out = tempDir();
    const r = await report([fixture, '--out', out, '--format', 'json', '--qa-results', json, '--qa-results', junit, '--qa-results', mutation]);
    const rep = readJson(out);
    expect(rep.qa).toMatchObject({ passed: 2, failed: 1, skipped: 1, passRate: 66.7, mutationScore: 97.5, engine: 'pglite' });
    expect(rep.criteria.find((c) => c.id === 'qa-pass-rate')).toMatchObject({ value: 66.7, status: 'not met' });
    expect(rep.criteria.find((c) => c.id === 'mutation-score')).toMatchObject({ value: 97.5, status: 'met' });
    const control = rep.controls.find((c) => c.framework === 'ISO/IEC 27001:2022' && c.id === 'A.8.6')!;
    expect(control.qa).toEqual([{ name: 'vendor_risk: vendor_contact.vendor_id is covered by an index', state: 'fail' }]);
    expect(rep.verdict.reason).toMatch(/1 failing QA test/);
    expect(r.code).toBe(1);
    expect(rep.evidence.qaEngine).toBe('pglite');
    // The target is the configured mutation threshold.
    const config = join(dir, 'ismslint.config.json');
    writeFileSync(config, JSON.stringify({ qa: { mutationThreshold: 98 } }));
    await report([fixture, '--config', config, '--out', out, '--format', 'json', '--qa-results', mutation, '--no-gate']);
    expect(readJson(out).criteria.find((c) => c.id === 'mutation-score')).toMatchObject({ target: 98, value: 97.5, status: 'not met' });
  });
});

describe('ismslint report over an existing report', () => {
  it('leaves an up-to-date report untouched, generated-at included, and rewrites it when something changed', async () => {
    const ws = tempDir();
    cpSync(fixture, ws, { recursive: true });
    const out = join(ws, 'reports');
    const env = { ISMSLINT_TODAY: '2026-12-01' };
    await report([ws, '--out', out, '--no-gate'], ws, env);
    const first = readFileSync(join(out, 'compliance-report.json'), 'utf8');
    await new Promise((r) => setTimeout(r, 1100));
    const again = await report([ws, '--out', out, '--no-gate'], ws, env);
    expect(again.out).toMatch(/\(up to date\)/);
    expect(readFileSync(join(out, 'compliance-report.json'), 'utf8')).toBe(first);
    writeFileSync(join(ws, 'incident/migrations/002_more.sql'), 'CREATE INDEX idx_incident_title ON incident (title);\n');
    const changed = await report([ws, '--out', out, '--no-gate'], ws, env);
    expect(changed.out).not.toMatch(/up to date/);
    expect(readJson(out).generatedAt).not.toBe(JSON.parse(first).generatedAt);
  });
});
