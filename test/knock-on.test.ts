// One cause, one error: a statement that could not be read is reported; what it would have made is not reported missing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli-run.js';
import { readLintJson } from './support/lint-json.js';

async function lintSql(sql: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-knock-'));
  mkdirSync(join(dir, 'm'));
  writeFileSync(join(dir, 'm', '001.sql'), sql);
  const r = await cli(['lint', 'm', '-f', 'json'], { cwd: dir });
  return readLintJson(r.stdout).flatMap((f) => f.messages.map((m) => `${m.line} ${m.ruleId}`));
}

const table = 'CREATE TABLE t (id int PRIMARY KEY, organisation_id uuid NOT NULL);\nALTER TABLE t ENABLE ROW LEVEL SECURITY;\nALTER TABLE t FORCE ROW LEVEL SECURITY;\n';

describe('knock-on errors', () => {
  it('a policy that does not parse is one error, not also "RLS enabled but no policy"', async () => {
    const ok = await lintSql(table + "CREATE POLICY p ON t USING (organisation_id = current_setting('app.current_organisation_id')::uuid);\n");
    expect(ok.filter((f) => /rls-enabled-no-policy|rls-tenant-policy|parse-error/.test(f))).toEqual([]);
    const broken = await lintSql(table + "CREATE POLICY p ON t USING (organisation_id = = current_setting('app.current_organisation_id')::uuid);\n");
    expect(broken.filter((f) => f.endsWith('parse-error'))).toEqual(['4 parse-error']);
    expect(broken.filter((f) => /rls-enabled-no-policy|rls-tenant-policy/.test(f))).toEqual([]);
  });

  it('a policy on another table does not hide the finding', async () => {
    const found = await lintSql(table + 'CREATE POLICY p ON other USING (true = = true);\n');
    expect(found.some((f) => /rls-enabled-no-policy|rls-tenant-policy/.test(f))).toBe(true);
  });
});
