// A finding caused by a later migration is located at that statement and names the earlier definition.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli-run.js';
import { readLintJson } from './support/lint-json.js';

const globalModule = resolve(__dirname, '..', 'module-schemas', 'global');
const clean = resolve(__dirname, '..', 'fixtures', 'workspaces', 'clean', 'vendor_risk');

async function withLater(sql: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-cause-'));
  cpSync(globalModule, join(dir, 'ws', 'global'), { recursive: true });
  cpSync(clean, join(dir, 'ws', 'vendor_risk'), { recursive: true });
  writeFileSync(join(dir, 'ws', 'vendor_risk', 'migrations', '002_later.sql'), sql);
  const r = await cli(['lint', 'ws/vendor_risk', '-f', 'json'], { cwd: dir });
  return readLintJson(r.stdout).flatMap((f) => f.messages.map((m) => `${f.filePath.slice(dir.length + 1)}:${m.line} ${m.ruleId}: ${m.message}`));
}

describe('findings point at the cause', () => {
  it('a column made nullable later', async () => {
    const found = await withLater('-- relax\nALTER TABLE vendor ALTER COLUMN organisation_id DROP NOT NULL;\n');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.startsWith('ws/vendor_risk/migrations/002_later.sql:2 '))).toBe(true);
    expect(found.some((f) => /changed here; column defined at ws\/vendor_risk\/migrations\/001_vendor\.sql:\d+/.test(f))).toBe(true);
  });

  it('a column retyped later', async () => {
    const found = await withLater('ALTER TABLE vendor ALTER COLUMN name TYPE varchar(100);\n');
    expect(found.filter((f) => / prefer-text: /.test(f))).toEqual([
      expect.stringMatching(/^ws\/vendor_risk\/migrations\/002_later\.sql:1 prefer-text: .*\(changed here; column defined at ws\/vendor_risk\/migrations\/001_vendor\.sql:\d+\)$/),
    ]);
  });

  it('an index dropped later', async () => {
    const found = await withLater('DROP INDEX idx_vendor_created_by;\n');
    expect(found.filter((f) => / foreign-key-index: /.test(f))).toEqual([
      expect.stringMatching(
        /^ws\/vendor_risk\/migrations\/002_later\.sql:1 foreign-key-index: .*\(created_by\) has no index: this migration drops "idx_vendor_created_by" \(created at ws\/vendor_risk\/migrations\/001_vendor\.sql:15\)/,
      ),
    ]);
  });
});
