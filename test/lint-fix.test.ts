// `ismslint lint --fix`: the JSON fixes of schema.json findings are written into those files, pass after
// pass, and what remains is reported; migrations are never edited.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli-run.js';
import { readLintJson } from './support/lint-json.js';

const root = resolve(__dirname, '..');
const SCHEMA = 'ms/risk_register/schema.json';

/** A workspace: the global module and the risk_register fixture (schema.json with fixable findings). */
function workspace(edit: (text: string) => string = (t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-fix-'));
  cpSync(join(root, 'module-schemas/global'), join(dir, 'ms/global'), { recursive: true });
  cpSync(join(root, 'fixtures/schema-json/risk_register'), join(dir, 'ms/risk_register'), { recursive: true });
  writeFileSync(join(dir, SCHEMA), edit(readFileSync(join(dir, SCHEMA), 'utf8')));
  return dir;
}

const lint = (dir: string, ...args: string[]) => cli(['lint', 'ms', '-f', 'json', ...args], { cwd: dir, env: { ISMSLINT_TODAY: '2026-01-01' } });
const rulesOf = (stdout: string) => readLintJson(stdout).flatMap((f) => f.messages.map((m) => m.ruleId));
const fixable = (stdout: string) =>
  (JSON.parse(stdout) as { messages: { ruleId: string; suggestions?: unknown[] }[] }[]).flatMap((f) => f.messages.filter((m) => m.suggestions?.length).map((m) => m.ruleId));

describe('ismslint lint --fix', () => {
  it('writes every schema.json fix, also those that wait for another (an index on a column a fix adds), and reports the rest', async () => {
    const dir = workspace();
    const before = readFileSync(join(dir, SCHEMA), 'utf8');
    const unfixed = await lint(dir);
    expect(fixable(unfixed.stdout)).toEqual(expect.arrayContaining(['audit-columns-required', 'foreign-key-index', 'rls-forced']));

    const fixed = await lint(dir, '--fix');
    expect(fixed.stderr).toBe('ismslint: fixed 14 findings in ms/risk_register/schema.json\n');
    expect(fixed.code).toBe(1);
    expect(fixable(fixed.stdout)).toEqual([]);
    // What remains has no JSON fix, and is what a plain lint of the fixed files reports.
    const after = await lint(dir);
    expect(after.stdout).toBe(fixed.stdout);
    expect(rulesOf(fixed.stdout)).toEqual(rulesOf(unfixed.stdout).filter((r) => !fixable(unfixed.stdout).includes(r)));

    const text = readFileSync(join(dir, SCHEMA), 'utf8');
    const json = JSON.parse(text) as { tables: { name: string; columns: { name: string }[]; indexes: { name: string }[] }[] };
    const risk = json.tables.find((t) => t.name === 'risk')!;
    expect(risk.columns.map((c) => c.name)).toContain('deleted_by');
    expect(risk.indexes.map((i) => i.name)).toContain('idx_risk_deleted_by');
    // Edits, not a rewrite: every line of the file as written is still there, in order.
    const lines = text.split('\n');
    let at = 0;
    for (const line of before.split('\n').filter((l) => !/,$|\]$|\}$/.test(l.trimEnd()))) {
      at = lines.indexOf(line, at);
      expect(at, line).toBeGreaterThanOrEqual(0);
    }
  });

  it('changes nothing and says nothing on a second run', async () => {
    const dir = workspace();
    await lint(dir, '--fix');
    const once = readFileSync(join(dir, SCHEMA), 'utf8');
    const again = await lint(dir, '--fix');
    expect(again.stderr).toBe('');
    expect(readFileSync(join(dir, SCHEMA), 'utf8')).toBe(once);
  });

  it('keeps a byte-order mark and CRLF line ends', async () => {
    const dir = workspace((t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`);
    await lint(dir, '--fix');
    const text = readFileSync(join(dir, SCHEMA), 'utf8');
    expect(text.startsWith('\uFEFF{\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(JSON.parse(text.slice(1)).tables[0].columns.map((c: { name: string }) => c.name)).toContain('deleted_by');
  });

  it('leaves a waived finding alone, and under --quiet fixes errors only', async () => {
    const waived = workspace((t) =>
      t.replace(
        '"name": "risk",',
        '"name": "risk",\n      "waivers": [{ "rule": "rls-forced", "reason": "Migrations run as a role that must see every row.", "approvedBy": "foreman@example.com", "expires": "2026-06-30" }],',
      ),
    );
    await lint(waived, '--fix');
    expect(JSON.parse(readFileSync(join(waived, SCHEMA), 'utf8')).tables[0].rls.force).toBeUndefined();

    const quiet = workspace();
    const r = await lint(quiet, '--fix', '--quiet');
    expect(r.stderr).toMatch(/^ismslint: fixed \d+ findings in ms\/risk_register\/schema\.json\n$/);
    const tables = JSON.parse(readFileSync(join(quiet, SCHEMA), 'utf8')).tables;
    expect(tables[0].rls.force).toBeUndefined(); // rls-forced is a warning
    expect(tables[0].columns.map((c: { name: string }) => c.name)).toContain('deleted_by'); // audit-columns-required an error
  });

  it('never edits a migration: their fixes go to --fix-migration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-fix-sql-'));
    cpSync(join(root, 'module-schemas/global'), join(dir, 'ms/global'), { recursive: true });
    cpSync(join(root, 'fixtures/workspaces/violations/vendor_risk'), join(dir, 'ms/vendor_risk'), { recursive: true });
    const files = ['ms/vendor_risk/migrations/001_vendor.sql', 'ms/vendor_risk/migrations/002_relax.sql'];
    const before = files.map((f) => readFileSync(join(dir, f)));
    const r = await lint(dir, '--fix');
    expect(r.stderr).toBe('');
    expect(fixable(r.stdout).length).toBeGreaterThan(0);
    expect(files.map((f) => readFileSync(join(dir, f)))).toEqual(before);
  });
});
