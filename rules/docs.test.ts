// Every rule README is checked against its rule: examples (rules/test-docs.ts says how they are linted) and options.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from './index.js';
import { checkExamples } from './test-docs.js';

const root = new URL('.', import.meta.url).pathname;

describe('rule README', () => {
  for (const rule of allRules) {
    const id = rule.meta.id;
    it(`${id}: examples give the findings they claim`, () => {
      const readme = readFileSync(join(root, id, 'README.md'), 'utf8');
      expect(checkExamples(rule, readme)).toEqual([]);
    });
  }
});
