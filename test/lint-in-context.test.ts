// Lint some files, judged with the whole workspace they lie in; report only what was named.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli-run.js';
import { readLintJson } from './support/lint-json.js';

const globalModule = resolve(__dirname, '..', 'module-schemas', 'global');
const clean = resolve(__dirname, '..', 'fixtures', 'workspaces', 'clean', 'vendor_risk');

/** ws/global, ws/clean_mod (compliant, referencing global), ws/vendor_risk (with findings). */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-ctx-'));
  cpSync(globalModule, join(dir, 'ws', 'global'), { recursive: true });
  cpSync(clean, join(dir, 'ws', 'clean_mod'), { recursive: true });
  mkdirSync(join(dir, 'ws', 'vendor_risk', 'migrations'), { recursive: true });
  writeFileSync(join(dir, 'ws', 'vendor_risk', 'migrations', '001_noisy.sql'), 'CREATE TABLE noisy (id int);\n');
  return dir;
}

const files = (stdout: string) =>
  readLintJson(stdout)
    .filter((f) => f.messages.length > 0)
    .map((f) => f.filePath);

describe('lint <file or module>', () => {
  it('lists in junit only the files it reports on, not those read for context', async () => {
    const dir = workspace();
    const r = await cli(['lint', 'ws/clean_mod', '-f', 'junit'], { cwd: dir });
    expect(r.code).toBe(0);
    const suites = [...r.stdout.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1]);
    expect(suites).toEqual(['ws/clean_mod/migrations/001_vendor.sql']);
    const whole = await cli(['lint', 'ws', '-f', 'junit'], { cwd: dir });
    expect([...whole.stdout.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1])).toEqual(
      expect.arrayContaining(['ws/vendor_risk/migrations/001_noisy.sql', 'ws/clean_mod/migrations/001_vendor.sql']),
    );
  });

  it('one migration file is judged with its workspace: no false "relation does not exist"', async () => {
    const dir = workspace();
    const r = await cli(['lint', 'ws/clean_mod/migrations/001_vendor.sql', '-f', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/does not exist/);
    expect(r.code).toBe(0);
  });

  it('reports only the module named, though the workspace has findings elsewhere', async () => {
    const dir = workspace();
    const whole = await cli(['lint', 'ws', '-f', 'json'], { cwd: dir });
    expect(whole.code).toBe(1);
    const one = await cli(['lint', 'ws/clean_mod', '-f', 'json'], { cwd: dir });
    expect(one.code).toBe(0);
    const bad = await cli(['lint', 'ws/vendor_risk', '-f', 'json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(files(bad.stdout).every((f: string) => f.startsWith(join(dir, 'ws', 'vendor_risk')))).toBe(true);
  });

  it("widens to the config's roots when the path lies in one", async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify({ roots: ['ws'] }));
    const r = await cli(['lint', join(dir, 'ws', 'clean_mod', 'migrations', '001_vendor.sql'), '-f', 'json'], { cwd: dir });
    expect(r.stdout).not.toMatch(/does not exist/);
    expect(r.code).toBe(0);
  });
});

describe('lint --changed-since <ref>', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

  it('lints the modules whose files changed, in context', async () => {
    const dir = workspace();
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    const none = await cli(['lint', '--changed-since', 'HEAD', '-f', 'json'], { cwd: dir });
    expect(none).toMatchObject({ code: 0, stdout: '[]\n' });
    appendFileSync(join(dir, 'ws', 'clean_mod', 'migrations', '001_vendor.sql'), '\nCREATE TABLE later (id int);\n');
    const r = await cli(['lint', '--changed-since', 'HEAD', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(files(r.stdout)).toEqual([join(dir, 'ws', 'clean_mod', 'migrations', '001_vendor.sql')]);
    expect(r.stdout).not.toMatch(/does not exist/);
  });

  it('a pull-request branch: committed and not yet added migrations count, run from a subdirectory too', async () => {
    const dir = workspace();
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'checkout', '-qb', 'feature');
    mkdirSync(join(dir, 'ws', 'added_mod', 'migrations'), { recursive: true });
    writeFileSync(join(dir, 'ws', 'added_mod', 'migrations', '001_é.sql'), 'CREATE TABLE committed_t (id int);\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'feature');
    writeFileSync(join(dir, 'ws', 'clean_mod', 'migrations', '002_new.sql'), 'CREATE TABLE untracked_t (id int);\n');
    for (const cwd of [dir, join(dir, 'ws')]) {
      const r = await cli(['lint', '--changed-since', 'main', '-f', 'json'], { cwd });
      expect(r.code).toBe(1);
      expect(files(r.stdout)).toEqual([join(dir, 'ws', 'added_mod', 'migrations', '001_é.sql'), join(dir, 'ws', 'clean_mod', 'migrations', '002_new.sql')]);
      expect(r.stdout).not.toMatch(/does not exist/);
    }
  });

  it('outside a git repository: one line, exit 2', async () => {
    const dir = workspace();
    const r = await cli(['lint', '--changed-since', 'main'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: dir } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ismslint: --changed-since main: .*not a git repository/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
