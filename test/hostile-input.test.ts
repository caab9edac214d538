// Property tests: mutated SQL, schema.json and configs keep the contract (exit 0, 1 or 2; never an
// internal error; JSON output that parses; no duplicate findings). A hundred cases here (HOSTILE_RUNS=n for more);
// `npm run fuzz` runs 10,000.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stylish } from '../src/formatters/stylish.js';
import { finding, input } from '../src/formatters/test-input.js';
// @ts-expect-error plain JS shared with scripts/fuzz.js
import { contractViolation, hostileWorkspace, writeCase } from './support/hostile.js';
import { cli } from './support/cli-run.js';

describe('hostile input keeps the contract', () => {
  it('on mutated workspaces', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(hostileWorkspace, async (c: { format: string }) => {
        const { dir, args, cleanup } = writeCase(c);
        try {
          const r = await cli(args, { cwd: dir });
          expect(contractViolation(r, c.format)).toBeUndefined();
        } finally {
          cleanup();
        }
      }),
      { numRuns: Number(process.env.HOSTILE_RUNS ?? 100), seed: Number(process.env.HOSTILE_SEED ?? 13) },
    );
  });
});

describe('many findings in one file', () => {
  it('150,000 broken statements: a finding each, no stack overflow', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-many-'));
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', '001.sql'), 'SELEC 1;\n'.repeat(150_000));
    const r = await cli(['lint', 'm', '-f', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages).toHaveLength(150_000);
  });

  it('stylish with 150,000 findings in one file', () => {
    const findings = Array.from({ length: 150_000 }, (_, i) => finding({ at: [i + 1, 1] }));
    expect(stylish(input(findings)).split('\n').length).toBeGreaterThan(150_000);
  });
});
