// Property tests: mutated SQL, schema.json and configs keep the contract (exit 0, 1 or 2; never an
// internal error; JSON output that parses; no duplicate findings). A few hundred cases here;
// `npm run fuzz` runs 10,000.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS shared with scripts/fuzz.js
import { contractViolation, hostileWorkspace, writeCase } from './support/hostile.js';
import { cli } from './support/cli-run.js';

describe('hostile input keeps the contract', () => {
  it('on mutated workspaces', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(hostileWorkspace, async (c: any) => {
        const { dir, args, cleanup } = writeCase(c);
        try {
          const r = await cli(args, { cwd: dir });
          expect(contractViolation(r, c.format)).toBeUndefined();
        } finally {
          cleanup();
        }
      }),
      { numRuns: Number(process.env.HOSTILE_RUNS ?? 200), seed: Number(process.env.HOSTILE_SEED ?? 13) },
    );
  });
});
