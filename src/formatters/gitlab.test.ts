import { describe, expect, it } from 'vitest';
import { gitlab, gitlabChunks } from './gitlab.js';
import { sarif } from './sarif.js';
import { CWD, finding, input, meta } from './test-input.js';

interface Issue {
  type: string;
  check_name: string;
  description: string;
  categories: string[];
  severity: string;
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

const issues = (text: string) => JSON.parse(text) as Issue[];

describe('gitlab (Code Quality report)', () => {
  it('writes one issue per unsuppressed finding, with what merge requests read', () => {
    const out = gitlab(
      input(
        [
          finding({ file: 'db/001.sql', at: [3, 3, 4, 12], message: 'fk has no index', fix: { kind: 'sql', sql: 'CREATE INDEX idx_a_b ON a (b)' } }),
          finding({ file: 'db/001.sql', at: [7, 8], ruleId: 'prefer-text', severity: 'warn', message: 'use text' }),
          finding({ file: 'db/001.sql', at: [9, 1], message: 'waived', suppression: { kind: 'inSource', justification: 'ok' } }),
        ],
        {},
        { rules: [meta('foreign-key-index', { category: 'integrity' }), meta('prefer-text', { category: 'types' })] },
      ),
    );
    const [fk, text, ...rest] = issues(out);
    expect(rest).toEqual([]);
    expect(fk).toEqual({
      type: 'issue',
      check_name: 'foreign-key-index',
      description: 'fk has no index (fix: CREATE INDEX idx_a_b ON a (b);)',
      categories: ['Bug Risk'],
      severity: 'major',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}:1$/),
      location: { path: 'db/001.sql', lines: { begin: 3, end: 4 } },
    });
    expect(text).toMatchObject({ check_name: 'prefer-text', severity: 'minor', location: { path: 'db/001.sql', lines: { begin: 7, end: 7 } } });
    // One issue per line, so that a big report streams.
    expect(out.split('\n')).toHaveLength(5);
  });

  it('is an empty array when there is nothing to report', () => {
    expect(gitlab(input([]))).toBe('[]\n');
    expect(gitlab(input([finding({ suppression: { kind: 'inSource', justification: 'ok' } })]))).toBe('[]\n');
  });

  it('keeps an issue its fingerprint when lines move, gives repeats their own, and matches SARIF', () => {
    const at = (line: number) => finding({ at: [line, 1], logical: 'public.vendor', message: 'vendor has no index' });
    const before = issues(gitlab(input([at(3), at(9)])));
    const after = issues(gitlab(input([at(13), at(19)])));
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    expect(new Set(before.map((i) => i.fingerprint)).size).toBe(2);
    const sarifLog = JSON.parse(sarif(input([at(3), at(9)], {}, { rules: [meta('foreign-key-index')] }))) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    expect(sarifLog.runs[0]!.results.map((r) => Object.values(r.partialFingerprints)[0])).toEqual(before.map((i) => i.fingerprint));
  });

  it('gives paths from the repository root, and keeps hostile text inside its JSON strings', () => {
    const hostile = 'table "x\n", "severity": "info"}] <script>\u2028';
    const out = gitlab(input([finding({ file: 'mod/m.sql', message: hostile })], {}, { cwd: `${CWD}/sub`, baseDir: CWD }));
    const [only] = issues(out);
    expect(only!.location.path).toBe('sub/mod/m.sql');
    expect(only!.description).toBe(hostile);
    expect(only!.severity).toBe('major');
  });

  it('streams the same text it joins', () => {
    const given = input([finding({ at: [1, 1] }), finding({ at: [2, 1] })]);
    expect([...gitlabChunks(given)].join('')).toBe(gitlab(given));
  });
});
