import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { cli } from './support/cli-run.js';

describe('ismslint rules', () => {
  it('lists every rule with its category, default severity and one-line summary', async () => {
    const r = await cli(['rules']);
    expect(r.code).toBe(0);
    for (const { meta } of allRules) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(meta.id + ' '));
      expect(line, meta.id).toBeDefined();
      expect(line!.split(/ {2,}/).slice(0, 3)).toEqual([meta.id, meta.category, meta.severity]);
      expect(line).toContain(meta.description.split(/(?<=[.!?])\s/)[0]);
    }
  });

  it("prints one rule's README, with headings and code fences made plain", async () => {
    const r = await cli(['rules', 'prefer-text']);
    expect(r.code).toBe(0);
    const readme = readFileSync(resolve(__dirname, '..', 'rules', 'prefer-text', 'README.md'), 'utf8');
    expect(r.stdout.split('\n')[0]).toBe('prefer-text');
    expect(r.stdout).toContain(readme.split('\n').find((l) => l.startsWith('In PostgreSQL'))!);
    expect(r.stdout).not.toMatch(/^```/m);
  });

  it('an unknown id is one line with a suggestion, exit 2', async () => {
    const r = await cli(['rules', 'prefer-txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ismslint: unknown rule "prefer-txt" (did you mean "prefer-text"?); run `ismslint rules` for the list\n');
  });
});
