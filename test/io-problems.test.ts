// I/O and hostile-structure problems are one line and exit 2 (or a finding), never "internal error".
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, jsonFindings } from './support/cli-run.js';
import { readLintJson } from './support/lint-json.js';

const globalModule = resolve(__dirname, '..', 'module-schemas', 'global');
const clean = resolve(__dirname, '..', 'fixtures', 'workspaces', 'clean');
const asRoot = process.getuid?.() === 0;

function oneLine(r: { code: number; stderr: string }, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd()).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('I/O problems are one line and exit 2', () => {
  it('--output-file naming a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-io-'));
    mkdirSync(join(dir, 'report.sarif'));
    oneLine(await cli(['lint', globalModule, clean, '-o', 'report.sarif'], { cwd: dir }), /^ismslint: cannot write report\.sarif: is a directory$/);
  });

  it.skipIf(asRoot)('--output-file in a directory that cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-io-'));
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o500);
    oneLine(await cli(['lint', globalModule, clean, '-o', 'ro/out.txt'], { cwd: dir }), /^ismslint: cannot write ro\/out\.txt: permission denied$/);
  });

  it('--output-file under a path whose parent is a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-io-'));
    writeFileSync(join(dir, 'file'), '');
    oneLine(await cli(['lint', globalModule, clean, '-o', 'file/out.txt'], { cwd: dir }), /^ismslint: cannot write file\/out\.txt: /);
  });

  it("--output-file keeps an existing file's mode and writes through a symbolic link", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-io-'));
    writeFileSync(join(dir, 'report.json'), 'old');
    chmodSync(join(dir, 'report.json'), 0o600);
    symlinkSync('report.json', join(dir, 'link.json'));
    expect((await cli(['lint', globalModule, clean, '-f', 'json', '-o', 'link.json'], { cwd: dir })).code).toBe(0);
    expect(statSync(join(dir, 'report.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toBeInstanceOf(Array);
  });

  it('a symbolic-link loop given as the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-io-'));
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    oneLine(await cli(['lint', 'a'], { cwd: dir }), /^ismslint: cannot read a: too many levels of symbolic links/);
  });

  it('a symbolic-link loop among the migrations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-io-'));
    mkdirSync(join(dir, 'm', 'migrations'), { recursive: true });
    writeFileSync(join(dir, 'm', 'migrations', '001.sql'), 'CREATE TABLE t (id int);');
    symlinkSync('loop.sql', join(dir, 'm', 'migrations', 'loop.sql'));
    oneLine(await cli(['lint', 'm'], { cwd: dir }), /^ismslint: cannot read .*loop\.sql: too many levels of symbolic links/);
  });

  it.skipIf(asRoot)('an unreadable directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-io-'));
    mkdirSync(join(dir, 'ws', 'locked'), { recursive: true });
    chmodSync(join(dir, 'ws', 'locked'), 0o000);
    oneLine(await cli(['lint', 'ws'], { cwd: dir }), /^ismslint: cannot read directory .*locked: permission denied$/);
    chmodSync(join(dir, 'ws', 'locked'), 0o700);
  });
});

describe('deeply nested JSON', () => {
  const deep = (n: number) => `{"module": "deep", "tables": ${'['.repeat(n)}${']'.repeat(n)}}`;

  it('in schema.json is a parse-error finding, not a stack overflow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-deep-'));
    mkdirSync(join(dir, 'deep'));
    writeFileSync(join(dir, 'deep', 'schema.json'), deep(100_000));
    const r = await cli(['lint', 'deep', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(jsonFindings(r.stdout, dir)).toEqual(['deep/schema.json:1:285 parse-error']);
    expect(r.stdout).toMatch(/nested more than 256 levels deep/);
  });

  it('in the config is a one-line config error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-deep-'));
    writeFileSync(join(dir, 'ismslint.config.json'), `{"roots": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    oneLine(await cli(['lint', globalModule], { cwd: dir }), /^ismslint: ismslint\.config\.json:1:266: config file nested more than 256 levels deep$/);
  });
});

describe('findings', () => {
  it("the same finding is reported once at one place (a partitioned table's column)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-dup-'));
    mkdirSync(join(dir, 'm'));
    writeFileSync(
      join(dir, 'm', '001.sql'),
      'CREATE TABLE p (id int, name varchar(10)) PARTITION BY LIST (id);\nCREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);\nCREATE TABLE p2 PARTITION OF p FOR VALUES IN (2);\n',
    );
    const r = await cli(['lint', 'm', '-f', 'json'], { cwd: dir });
    const found = jsonFindings(r.stdout, dir);
    expect(found.filter((f) => f === 'm/001.sql:1:25 prefer-text')).toHaveLength(1);
    const all = readLintJson(r.stdout).flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
    expect(all.length).toBe(new Set(all).size);
  });

  it("a CREATE TABLE wider than PostgreSQL's 1,600 columns is a replay-error at the table name", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-wide-'));
    mkdirSync(join(dir, 'm'));
    const table = (name: string, n: number) => `CREATE TABLE ${name} (${Array.from({ length: n }, (_, i) => `c${i} int`).join(', ')});\n`;
    writeFileSync(join(dir, 'm', '001.sql'), table('ok', 1600) + table('wide', 1601));
    const r = await cli(['lint', 'm', '-f', 'json'], { cwd: dir });
    const errors = readLintJson(r.stdout).flatMap((f) => f.messages.filter((m) => m.ruleId === 'replay-error'));
    expect(errors.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual(['2:14 tables can have at most 1600 columns']);
  });
});
