import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingIO } from './support/command-io.js';
import { run } from '../src/cli/main.js';
import { runTest } from '../src/commands/test.js';

const root = resolve(__dirname, '..');

describe('ismslint test --mutation', () => {
  it('refuses options it cannot honour before building anything', async () => {
    await expect(runTest(recordingIO(root), { args: [], reporter: 'stylish', threshold: 90 })).rejects.toThrow('--mutation-threshold applies to --mutation only');
    await expect(runTest(recordingIO(root), { args: [], reporter: 'stylish', mutation: true, threshold: 101 })).rejects.toThrow('--mutation-threshold must be a percentage from 0 to 100 (got 101)');
    await expect(runTest(recordingIO(root), { args: [], reporter: 'tap', mutation: true })).rejects.toThrow('--mutation reports as stylish or json (got "tap")');
    const io = recordingIO(root);
    expect(await run(['test', '--mutation', '--mutation-threshold', 'most'], io)).toBe(2);
    expect(io.err).toBe('ismslint: --mutation-threshold must be a percentage from 0 to 100 (got "most")\n');
  });

  // The hostile fixture: names that break out of strings and identifiers must not break the mutants' SQL either.
  it('scores the hostile fixture on PGlite: every standard mutant killed, JSON per operator and per mutant, exit 0', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ismslint-mutation-')), 'mutation.json');
    // Through the CLI's entry point, as a user types it.
    const io = recordingIO(root);
    expect(await run(['test', '--mutation', 'fixtures/qa/hostile', '--mutation-threshold', '95%', '--reporter', 'json', '-o', file], io)).toBe(0);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json).toMatchObject({ tool: 'ismslint', kind: 'qa-mutation', threshold: 95 });
    expect(json.standard.killed).toBe(json.standard.total);
    expect(json.constraint.score).toBeGreaterThanOrEqual(95);
    const [hostile] = json.modules;
    expect(hostile.module).toBe('hostile');
    expect(hostile.baselineFailures).toEqual([]);
    expect(hostile.operators[0]).toEqual({ operator: 'drop-fk-index', family: 'standard', killed: 9, total: 9, stillborn: 0, equivalent: 0 });
    // A referenced primary key cannot be dropped: stillborn, with PostgreSQL's reason.
    expect(hostile.mutants.find((m: { operator: string }) => m.operator === 'pk-remove-column')).toMatchObject({ status: 'stillborn', error: expect.stringContaining('other objects depend on it') });
    expect(hostile.mutants.every((m: { status: string; killedBy?: string }) => m.status !== 'killed' || m.killedBy)).toBe(true);
  }, 900_000);

  it('takes the threshold from qa.mutationThreshold of the configuration, and --mutation-threshold over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-mutation-config-'));
    writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify({ roots: ['db'], qa: { mutationThreshold: 80 } }));
    expect(await run(['init', 'vendor_risk', '--root', 'db'], recordingIO(dir))).toBe(0);
    const configured = recordingIO(dir);
    expect(await run(['test', '--mutation', 'vendor_risk'], configured)).toBe(0);
    expect(configured.out).toMatch(/^✓ mutation score 100\.0% \(\d+\/\d+\), threshold 80%$/m);
    const overridden = recordingIO(dir);
    expect(await run(['test', '--mutation', 'vendor_risk', '--mutation-threshold', '90', '--reporter', 'json'], overridden)).toBe(0);
    expect(JSON.parse(overridden.out)).toMatchObject({ kind: 'qa-mutation', threshold: 90 });
  }, 300_000);
});
