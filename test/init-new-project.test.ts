// `ismslint init` in an empty directory creates what lint needs to pass at once.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// `ismslint test` runs below on PGlite; the CLI loads this module only when that command runs, so it is
// imported here for vitest.config.ts to put the file in the `db` project.
import '../src/commands/test.js';
import { cli } from './support/cli-run.js';
import { readLintJson } from './support/lint-json.js';

describe('init in a new project', () => {
  it('creates the module and the global module, and lint passes straight away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-new-'));
    const init = await cli(['init', 'vendor_risk'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(existsSync(join(dir, 'module-schemas', 'global', 'schema.json'))).toBe(true);
    const lint = await cli(['lint'], { cwd: dir });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.code).toBe(0);
    // The global module has migrations too, so that the database builds: the UUIDv7 function first.
    expect(readFileSync(join(dir, 'module-schemas', 'global', 'migrations', '000_functions.sql'), 'utf8')).toMatch(/^CREATE FUNCTION generate_uuidv7\(\) RETURNS uuid$/m);
    expect(readFileSync(join(dir, 'module-schemas', 'global', 'migrations', '001_init.sql'), 'utf8')).toMatch(/^CREATE TABLE organisations \(/m);
    // A second module does not create the global module again.
    const second = await cli(['init', 'asset'], { cwd: dir });
    expect(second.stdout).not.toMatch(/global/);
    expect((await cli(['lint'], { cwd: dir })).code).toBe(0);
  });

  it('follows the configured standard: another tenant key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-new-'));
    writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify({ roots: ['db'], standard: { tenantKey: 'tenant_id', tenantRoot: 'tenants', tenantSetting: 'app.tenant' } }));
    expect((await cli(['init', 'vendor_risk'], { cwd: dir })).code).toBe(0);
    const module = JSON.parse(readFileSync(join(dir, 'db', 'vendor_risk', 'schema.json'), 'utf8'));
    expect(module.tables[0].columns.map((c: { name: string }) => c.name)).toContain('tenant_id');
    const lint = await cli(['lint', '-f', 'json'], { cwd: dir });
    expect(readLintJson(lint.stdout).flatMap((f) => f.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    expect(lint.code).toBe(0);
  });

  it('a module in a --root outside the configured roots: the hint says how to lint it with the global module, and that works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-new-'));
    writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify({ roots: ['db'] }));
    expect((await cli(['init', 'vendor_risk'], { cwd: dir })).code).toBe(0);
    const other = await cli(['init', 'asset', '--root', 'other'], { cwd: dir });
    expect(other.stdout).not.toMatch(/created other\/global/);
    expect(other.stdout).toMatch(/^next: edit it, add "other" to "roots" in ismslint.config.json so that it is linted with the "global" module in db, then run `ismslint lint`$/m);
    writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify({ roots: ['db', 'other'] }));
    for (const args of [['lint'], ['lint', 'other'], ['lint', 'other/asset']]) {
      const lint = await cli([...args, '-f', 'json'], { cwd: dir });
      expect(lint.stdout, args.join(' ')).toBe('[]\n');
      expect(lint.code).toBe(0);
    }
    // Once "other" is a root, a third module there gets the plain hint.
    expect((await cli(['init', 'third', '--root', 'other'], { cwd: dir })).stdout).toMatch(/^next: edit it, then run `ismslint lint other`$/m);
  });

  it('the QA suites pass on the new project at once, with another tenant key and UUIDv7 function name', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-new-'));
    writeFileSync(
      join(dir, 'ismslint.config.json'),
      JSON.stringify({ roots: ['db'], standard: { tenantKey: 'tenant_id', tenantRoot: 'tenants', usersTable: 'accounts', tenantSetting: 'app.tenant', uuidV7Function: 'uuid_v7' } }),
    );
    expect((await cli(['init', 'vendor_risk'], { cwd: dir })).code).toBe(0);
    expect(await cli(['lint'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
    const qa = await cli(['test', '--reporter', 'json'], { cwd: dir });
    expect(qa.code, qa.stderr + qa.stdout.slice(0, 2000)).toBe(0);
    expect(JSON.parse(qa.stdout).summary.failed).toBe(0);
  });
});
