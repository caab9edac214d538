import { describe, expect, it } from 'vitest';
import { json } from './json.js';
import { CWD, finding, input } from './test-input.js';

describe('json (ESLint json formatter shape)', () => {
  const findings = [
    finding({ file: 'b/001.sql', at: [1, 1, 1, 7], ruleId: 'parse-error', message: 'syntax error at or near "CREAT"', messageId: 'syntaxError', data: { message: 'syntax error at or near "CREAT"' } }),
    finding({ file: 'a/001.sql', at: [3, 3, 3, 12], message: 'fk has no index' }),
    finding({ file: 'a/001.sql', at: [4, 8, 4, 19], ruleId: 'prefer-text', severity: 'warn', message: 'use text' }),
    finding({ file: 'a/001.sql', at: [5, 1, 5, 4], ruleId: 'prefer-text', severity: 'warn', message: 'waived', suppression: { kind: 'inSource', justification: 'legacy column' } }),
    finding({ file: 'c/001.sql', at: [2, 1, 2, 4], message: 'waived too', suppression: { kind: 'external', justification: 'accepted risk' } }),
  ];

  it('gives one entry per file with findings, files sorted, with ESLint LintResult keys only', () => {
    const out = json(input(findings));
    expect(out.endsWith(']\n')).toBe(true);
    const results = JSON.parse(out);
    expect(results.map((r: { filePath: string }) => r.filePath)).toEqual([`${CWD}/a/001.sql`, `${CWD}/b/001.sql`, `${CWD}/c/001.sql`]);
    expect(results[0]).toEqual({
      filePath: `${CWD}/a/001.sql`,
      messages: [
        { ruleId: 'foreign-key-index', severity: 2, message: 'fk has no index', messageId: 'aMessage', line: 3, column: 3, endLine: 3, endColumn: 12 },
        { ruleId: 'prefer-text', severity: 1, message: 'use text', messageId: 'aMessage', line: 4, column: 8, endLine: 4, endColumn: 19 },
      ],
      suppressedMessages: [
        {
          ruleId: 'prefer-text',
          severity: 1,
          message: 'waived',
          messageId: 'aMessage',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 4,
          suppressions: [{ kind: 'directive', justification: 'legacy column' }],
        },
      ],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    });
    expect(Object.keys(results[0])).toEqual([
      'filePath',
      'messages',
      'suppressedMessages',
      'errorCount',
      'fatalErrorCount',
      'warningCount',
      'fixableErrorCount',
      'fixableWarningCount',
      'usedDeprecatedRules',
    ]);
  });

  it('marks parse errors fatal and counts them in fatalErrorCount', () => {
    const [, parse] = JSON.parse(json(input(findings)));
    expect(parse.messages).toEqual([
      {
        ruleId: 'parse-error',
        fatal: true,
        severity: 2,
        message: 'syntax error at or near "CREAT"',
        messageId: 'syntaxError',
        data: { message: 'syntax error at or near "CREAT"' },
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 7,
      },
    ]);
    expect([parse.errorCount, parse.fatalErrorCount, parse.warningCount]).toEqual([1, 1, 0]);
  });

  it('keeps a file whose only findings are suppressed, with zero counts and external suppressions', () => {
    const [, , waived] = JSON.parse(json(input(findings)));
    expect(waived.messages).toEqual([]);
    expect(waived.suppressedMessages[0].suppressions).toEqual([{ kind: 'external', justification: 'accepted risk' }]);
    expect([waived.errorCount, waived.warningCount]).toEqual([0, 0]);
  });

  it('is an empty array when there are no findings', () => {
    expect(json(input([]))).toBe('[]\n');
  });

  it('is compact and identical for the same input', () => {
    const out = json(input(findings));
    expect(out.trimEnd()).not.toContain('\n');
    expect(json(input(findings))).toBe(out);
  });
});
