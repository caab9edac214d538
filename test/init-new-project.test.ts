// `ismslint init` in an empty directory creates what lint needs to pass at once.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
