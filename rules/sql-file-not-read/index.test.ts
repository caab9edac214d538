import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../test/support/cli-run.js';
import { readLintJson } from '../../test/support/lint-json.js';

/** A module `m` holding these files (relative paths), and a config when given. */
function module(files: Record<string, string>, config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-not-read-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'm', rel, '..'), { recursive: true });
    writeFileSync(join(dir, 'm', rel), text);
  }
  if (config) writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify(config));
  return dir;
}

async function notRead(dir: string): Promise<string[]> {
  const r = await cli(['lint', 'm', '-f', 'json'], { cwd: dir });
  expect(r.stderr).toBe('');
  return readLintJson(r.stdout).flatMap((f) =>
    f.messages.filter((m) => m.ruleId === 'sql-file-not-read').map((m) => `${f.filePath.slice(dir.length + 1)}:${m.line}:${m.column} ${m.severity} ${m.message}`),
  );
}

const TABLE = 'CREATE TABLE t (id int);';

describe('sql-file-not-read', () => {
  it('names a SQL file outside migrations/, with the globs that include or exclude it', async () => {
    const dir = module({ 'migrations/001.sql': TABLE, 'seeds/vendors.SQL': TABLE, 'sql/nested/002.sql': TABLE, 'docs/tables.md': '# t' });
    expect(await notRead(dir)).toEqual([
      'm/seeds/vendors.SQL:1:1 1 SQL file "seeds/vendors.SQL" is not read as a migration: module "m" reads as migrations only "migrations/**/*.sql", "*.sql"; add "seeds/**/*.sql" to "migrations.include" in ismslint.config.json to replay it, or to "migrations.exclude" to leave it out',
      'm/sql/nested/002.sql:1:1 1 SQL file "sql/nested/002.sql" is not read as a migration: module "m" reads as migrations only "migrations/**/*.sql", "*.sql"; add "sql/nested/**/*.sql" to "migrations.include" in ismslint.config.json to replay it, or to "migrations.exclude" to leave it out',
    ]);
  });

  it('is silent on what is read, excluded or a down migration, and on hidden files', async () => {
    const dir = module(
      {
        'migrations/001.sql': TABLE,
        'migrations/a/b/002.SQL': TABLE,
        '003.sql': TABLE,
        'seeds/x.sql': TABLE,
        'migrations/001.down.sql': 'DROP TABLE t;',
        'migrations/U2__undo.sql': 'x',
        '.scratch.sql': 'x',
        'node_modules/p/x.sql': 'x',
      },
      { migrations: { exclude: ['seeds/**'] } },
    );
    expect(await notRead(dir)).toEqual([]);
  });

  it('is gone once migrations.include reads the file, which is then linted', async () => {
    const dir = module({ 'migrations/001.sql': TABLE, 'seeds/vendors.sql': 'CREATE TABLE seeded (id int);' }, { migrations: { include: ['migrations/**/*.sql', 'seeds/**/*.sql'] } });
    expect(await notRead(dir)).toEqual([]);
    const r = await cli(['lint', 'm', '-f', 'json'], { cwd: dir });
    expect(r.stdout).toContain('seeded');
  });

  it('names a file deeper than the 16 folders that are walked, once', async () => {
    const deep = `migrations/${Array.from({ length: 18 }, (_, i) => `d${i}`).join('/')}`;
    const dir = module({ 'migrations/001.sql': TABLE, [`${deep}/x.sql`]: TABLE, [`${deep}/y.sql`]: TABLE });
    const found = await notRead(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/lies more than 16 folders deep in module "m"/);
  });

  it('names the first SQL file below a folder of the workspace that is not a module; ignorePatterns silences it', async () => {
    const dir = module({ 'migrations/001.sql': TABLE });
    mkdirSync(join(dir, 'tools', 'sql'), { recursive: true });
    writeFileSync(join(dir, 'tools', 'sql', 'a.sql'), TABLE);
    writeFileSync(join(dir, 'tools', 'sql', 'b.sql'), TABLE);
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'readme.md'), '# notes');
    const r = await cli(['lint', '.', '-f', 'json'], { cwd: dir });
    const found = readLintJson(r.stdout).flatMap((f) => f.messages.filter((m) => m.ruleId === 'sql-file-not-read').map((m) => `${f.filePath.slice(dir.length + 1)} ${m.message}`));
    expect(found).toEqual([
      'tools/sql/a.sql SQL file "tools/sql/a.sql" is not read: folder "tools" of the workspace is not a module (a module holds schema.json, migrations/ or .sql files directly); move the file into a module, or add "**/tools/**" to "ignorePatterns" in ismslint.config.json to leave it out',
    ]);
    writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify({ ignorePatterns: ['**/tools/**'] }));
    expect((await cli(['lint', '.', '-f', 'json'], { cwd: dir })).stdout).not.toContain('sql-file-not-read');
  });

  it('is a warning: the gate passes, and stylish output names the file', async () => {
    const dir = module({ 'x.sql': 'SELECT 1;', 'sub/y.sql': TABLE });
    const r = await cli(['lint', 'm'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/m\/sub\/y\.sql\n\s+1:1\s+warning\s+SQL file "sub\/y\.sql" is not read as a migration/);
    expect(r.stderr).toBe('');
  });
});
