import { describe, expect, it } from 'vitest';
import { junit, junitChunks } from './junit.js';
import { CWD, finding, input } from './test-input.js';

describe('junit (test results for CI)', () => {
  it('has a suite per file read: a failed case per finding, a skipped one per waived finding, a passing one for a clean file', () => {
    const out = junit(
      input(
        [
          finding({ file: 'db/001.sql', at: [3, 3], message: 'fk has no index', fix: { kind: 'sql', sql: 'CREATE INDEX idx_a_b ON a (b)' } }),
          finding({ file: 'db/001.sql', at: [7, 8], ruleId: 'prefer-text', severity: 'warn', message: 'use text' }),
          finding({ file: 'db/001.sql', at: [9, 1], message: 'waived', suppression: { kind: 'inSource', justification: 'legacy table' } }),
        ],
        { 'db/001.sql': '', 'db/000.sql': '' },
      ),
    );
    expect(out).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="ismslint" tests="4" failures="2" skipped="1">',
        '  <testsuite name="db/000.sql" tests="1" failures="0" skipped="0">',
        '    <testcase classname="db/000.sql" name="db/000.sql"/>',
        '  </testsuite>',
        '  <testsuite name="db/001.sql" tests="3" failures="2" skipped="1">',
        '    <testcase classname="db/001.sql" name="foreign-key-index at 3:3">',
        '      <failure type="error" message="fk has no index">db/001.sql:3:3: error: fk has no index (foreign-key-index)',
        'fix: CREATE INDEX idx_a_b ON a (b);</failure>',
        '    </testcase>',
        '    <testcase classname="db/001.sql" name="prefer-text at 7:8">',
        '      <failure type="warning" message="use text">db/001.sql:7:8: warning: use text (prefer-text)</failure>',
        '    </testcase>',
        '    <testcase classname="db/001.sql" name="foreign-key-index at 9:1">',
        '      <skipped message="waived: legacy table"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('keeps hostile names and messages inside their text and attributes', () => {
    const hostile = 'table "x\n<evil attr=\'1\'>" ]]> &amp; \u0001';
    const out = junit(input([finding({ file: 'we"ird <dir>/x.sql', message: hostile })], {}, { cwd: `${CWD}/sub`, baseDir: CWD }));
    expect(out).toContain('<testsuite name="sub/we&quot;ird &lt;dir&gt;/x.sql" tests="1" failures="1" skipped="0">');
    expect(out).toContain('message="table &quot;x&#10;&lt;evil attr=&apos;1&apos;&gt;&quot; ]]&gt; &amp;amp; "');
    expect(out).not.toContain('<evil');
    expect(out).not.toContain('\u0001');
  });

  it('is a document with no suites when nothing was read', () => {
    expect(junit(input([]))).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ismslint" tests="0" failures="0" skipped="0">\n</testsuites>\n');
  });

  it('streams the same text it joins', () => {
    const given = input([finding({ at: [1, 1] }), finding({ file: 'b.sql', at: [2, 1] })]);
    expect([...junitChunks(given)].join('')).toBe(junit(given));
  });
});
