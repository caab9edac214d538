import { describe, expect, it } from 'vitest';
import { lintCase, ruleTester } from '../test-harness.js';
import rule from './index.js';

const REASON_REQUIRED = (label: string) => ({ messageId: 'reasonRequired', data: { label: `ismslint-${label}` } });

ruleTester(rule, {
  valid: [
    { name: 'next-line with a reason', sql: '-- ismslint-disable-next-line rls-enabled -- country is a global lookup table\nCREATE TABLE country (code text);' },
    { name: 'file-level with a reason', sql: '-- ismslint-disable-file rls-enabled, rls-forced -- lookup tables only\nCREATE TABLE country (code text);' },
    { name: 'a reason that itself holds dashes', sql: '-- ismslint-disable-file rls-enabled -- see ADR-12 -- approved by the Foreman\nSELECT 1;' },
    { name: 'directive text in a string is not a directive', sql: "SELECT '-- ismslint-disable-file rls-enabled';" },
  ],
  invalid: [
    {
      name: 'next-line without a reason',
      sql: 'CREATE TABLE vendor (id uuid);\n  -- ismslint-disable-next-line rls-enabled\nCREATE TABLE country (code text);',
      errors: [{ message: 'ismslint-disable-next-line needs a reason: add `-- <why this is acceptable>` after the rule ids', line: 2, column: 3 }],
    },
    { name: 'file-level without a reason', sql: '-- ismslint-disable-file rls-enabled\nSELECT 1;', errors: [{ ...REASON_REQUIRED('disable-file'), line: 1, column: 1 }] },
    { name: 'an empty reason after the separator', sql: '-- ismslint-disable-file rls-enabled --   \nSELECT 1;', errors: [{ ...REASON_REQUIRED('disable-file'), line: 1 }] },
    {
      name: 'several directives, each reported',
      sql: '-- ismslint-disable-file rls-enabled\nSELECT 1;\n-- ismslint-disable-next-line rls-forced -- ok\nSELECT 2;\n-- ismslint-disable-next-line rls-forced\nSELECT 3;',
      errors: [{ line: 1 }, { line: 5 }],
    },
    {
      name: 'a directive cannot waive its own reason',
      sql: '-- ismslint-disable-file suppression-reason-required\nSELECT 1;',
      errors: [{ ...REASON_REQUIRED('disable-file'), line: 1 }],
    },
  ],
});

describe('suppression-reason-required', () => {
  it('a directive without a reason still silences: the missing reason is its own finding', () => {
    const findings = lintCase({ sql: '-- ismslint-disable-next-line rls-enabled\nCREATE TABLE country (code text);' }, ['suppression-reason-required', 'rls-enabled', 'unused-suppression']);
    expect(findings.map((f) => `${f.loc.line} ${f.ruleId} ${f.severity}`)).toEqual(['1 suppression-reason-required error']);
  });
});
