import { describe, expect, it } from 'vitest';
import { sampleRegex } from './regex-sample.js';

describe('sampleRegex', () => {
  const cases = ['^[A-Z]{2}$', '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$', '^[^@[:space:]]+@[^@[:space:]]+$', '^[0-9a-f]{64}$', '^CVE-[0-9]{4}-[0-9]{4,}$', '^CVSS:[34]\\.[01]/', '^(low|high)$'];
  for (const pattern of cases) {
    it(`matches ${pattern}, with different variants`, () => {
      const a = sampleRegex(pattern, 0);
      const b = sampleRegex(pattern, 1);
      const js = new RegExp(pattern.replaceAll('[:space:]', '\\s'));
      expect(a).toMatch(js);
      expect(b).toMatch(js);
      if (pattern !== '^CVSS:[34]\\.[01]/') expect(a).not.toBe(b);
    });
  }
});
