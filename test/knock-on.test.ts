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

describe('knock-ons of any statement that could not be read', () => {
  const lines = (found: string[], rule: string) => found.filter((f) => f.endsWith(` ${rule}`)).map((f) => Number(f.split(' ')[0]));

  it('a CREATE TABLE that does not parse: later statements on it and foreign keys to it are not errors too', async () => {
    const found = await lintSql(`CREATE TABLE vendor (id uuid PRIMARY KEY, name text NOT NULL,,);
CREATE INDEX idx_vendor_name ON vendor (name);
ALTER TABLE vendor ENABLE ROW LEVEL SECURITY;
COMMENT ON TABLE vendor IS 'x';
CREATE TABLE vendor_contact (id uuid PRIMARY KEY, vendor_id uuid NOT NULL REFERENCES vendor (id));
ALTER TABLE nothing_here ADD COLUMN x int;
`);
    expect(lines(found, 'parse-error')).toEqual([1]);
    // Only the statement about a table that never had a CREATE is still an error.
    expect(lines(found, 'replay-error')).toEqual([6]);
    expect(lines(found, 'foreign-key-target-exists')).toEqual([]);
    // The foreign key itself exists and has no index: that is no knock-on.
    expect(lines(found, 'foreign-key-index')).toEqual([5]);
  });

  it('a type that does not parse: columns of it are not "type does not exist" errors too', async () => {
    const found = await lintSql("CREATE TYPE mood AS ENUM ('a',, 'b');\nCREATE TABLE feel (id uuid PRIMARY KEY, m mood);\nCREATE TABLE other (id uuid PRIMARY KEY, m moood);\n");
    expect(lines(found, 'parse-error')).toEqual([1]);
    expect(lines(found, 'replay-error')).toEqual([3]);
  });

  it('a column of an unknown type: findings about its type are left out, other findings on it and its table stay', async () => {
    const found = await lintSql(`CREATE TABLE t (id uuid PRIMARY KEY, name varchar(5), created_at timestmp NOT NULL DEFAULT now());
ALTER TABLE t ALTER COLUMN created_at DROP DEFAULT;
`);
    expect(lines(found, 'replay-error')).toEqual([1]);
    const audit = found.filter((f) => f.endsWith('audit-column-definition'));
    // "is timestmp, not timestamptz" follows from the type error; "has no default" does not.
    expect(audit).toEqual(['2 audit-column-definition']);
    expect(lines(found, 'prefer-text')).toEqual([1]);
  });

  it('a failed ADD COLUMN: a later ALTER of that column is no error, one of another missing column is', async () => {
    const found = await lintSql(`CREATE TABLE t (id uuid PRIMARY KEY);
ALTER TABLE t ADD COLUMN note text DEFAULT (;
ALTER TABLE t ALTER COLUMN note SET NOT NULL;
ALTER TABLE t ALTER COLUMN other SET NOT NULL;
`);
    expect(lines(found, 'parse-error')).toEqual([2]);
    expect(lines(found, 'replay-error')).toEqual([4]);
  });

  it('a CREATE TABLE that fails because the table exists hides nothing', async () => {
    const found = await lintSql('CREATE TABLE t (id uuid PRIMARY KEY, name varchar(5));\nCREATE TABLE t (id uuid PRIMARY KEY, name varchar(5));\n');
    expect(lines(found, 'replay-error')).toEqual([2]);
    expect(lines(found, 'prefer-text')).toEqual([1]);
  });

  it('an error after a statement hides nothing before it', async () => {
    const found = await lintSql('ALTER TABLE vendor ADD COLUMN x int;\nCREATE TABLE vendor (id uuid PRIMARY KEY,,);\n');
    expect(lines(found, 'replay-error')).toEqual([1]);
  });
});
