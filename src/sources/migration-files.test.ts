import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './build.js';
import { loadParser } from './sql/parser.js';
import { discoverModules, isUndoMigration } from './workspace.js';

beforeAll(() => loadParser());

function moduleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-mig-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'm', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'm', path), text);
  }
  return dir;
}

const replayed = (dir: string, migrations?: { include?: string[]; exclude?: string[] }) => {
  const { modules } = discoverModules(['m'], { cwd: dir, baseDir: dir, ignorePatterns: [], migrations });
  const model = buildModel(modules, 'global');
  return { files: model.catalog.modules[0]!.files, findings: model.findings.map((f) => f.message) };
};

describe('migration file conventions', () => {
  it('recognises down and undo migrations', () => {
    expect(['001_a.down.sql', 'down.sql', 'U2__undo.sql', 'U1_1__x.SQL'].every(isUndoMigration)).toBe(true);
    expect(['001_a.up.sql', 'up.sql', 'V2__x.sql', 'Users.sql', 'R__v.sql'].some(isUndoMigration)).toBe(false);
  });

  it('does not replay down/undo migrations, reads nested folders and .SQL, runs R__ after versioned ones', () => {
    const dir = moduleDir({
      'migrations/V1__create.sql': 'CREATE TABLE t (id int);',
      'migrations/U1__create.sql': 'DROP TABLE t;',
      'migrations/R__view.sql': 'CREATE OR REPLACE VIEW v AS SELECT id, name FROM t;',
      'migrations/V2__name.SQL': 'ALTER TABLE t ADD COLUMN name text;',
      'migrations/20240101_more/up.sql': 'CREATE TABLE u (id int);',
      'migrations/20240101_more/down.sql': 'DROP TABLE u;',
      'migrations/20240102_x.down.sql': 'DROP TABLE t;',
    });
    const r = replayed(dir);
    expect(r.findings).toEqual([]);
    expect(r.files.map((f) => f.slice(f.indexOf('m/migrations/') + 13))).toEqual(['V1__create.sql', 'V2__name.SQL', '20240101_more/up.sql', 'R__view.sql']);
  });

  it('migrations.include and exclude choose the files', () => {
    const dir = moduleDir({ 'db/001.sql': 'CREATE TABLE t (id int);', 'db/seed.sql': 'INSERT INTO nowhere VALUES (1);', 'migrations/001.sql': 'CREATE TABLE x (id int);' });
    const r = replayed(dir, { include: ['db/*.sql'], exclude: ['seed.sql'] });
    expect(r.files.map((f) => f.slice(f.indexOf('m/') + 2))).toEqual(['db/001.sql']);
  });
});
