// Global options work before the command word, as in git or npm.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCommandWord } from '../src/cli/main.js';
import { cli } from './support/cli-run.js';

const globalModule = resolve(__dirname, '..', 'module-schemas', 'global');
const violations = resolve(__dirname, '..', 'fixtures', 'workspaces', 'violations');

describe('options before the command word', () => {
  it('finds the command word after options and their values', () => {
    expect(splitCommandWord(['--config', 'c.json', 'lint', 'x']).command?.name).toBe('lint');
    expect(splitCommandWord(['--config', 'c.json', 'lint', 'x']).args).toEqual(['--config', 'c.json', 'x']);
    expect(splitCommandWord(['--config=c.json', '--no-color', 'sql', 'global']).command?.name).toBe('sql');
    expect(splitCommandWord(['-f', 'json', 'docs']).command?.name).toBe('docs');
    // A value that happens to be a command word is still the option's value.
    expect(splitCommandWord(['--config', 'lint']).command).toBeUndefined();
    expect(splitCommandWord(['some/dir', 'sql']).command).toBeUndefined();
  });

  it('ismslint --config c.json lint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-opts-'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ rules: { 'rls-enabled': 'off', 'foreign-key-index': 'off', 'policy-requires-rls': 'off' } }));
    const before = await cli(['--config', join(dir, 'c.json'), 'lint', globalModule, violations, '-f', 'json']);
    const after = await cli(['lint', globalModule, violations, '-f', 'json', '--config', join(dir, 'c.json')]);
    expect(before.stderr).toBe('');
    expect(before.stdout).toBe(after.stdout);
    expect(before.stdout).not.toMatch(/rls-enabled/);
  });

  it('ismslint --no-color sql global', async () => {
    const r = await cli(['--no-color', 'sql', globalModule]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-- Module "global"/);
  });
});
