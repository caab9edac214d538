import { describe, expect, it } from 'vitest';
import { lintCase, ruleTester } from '../test-harness.js';
import rule from './index.js';

/** unused-suppression with rls-enabled on: the rule the directives in these cases silence. */
const lint = (sql: string | Record<string, string>) =>
  lintCase({ sql }, ['unused-suppression', 'rls-enabled']).map((f) => `${f.loc.file.replace('app/migrations/', '')}:${f.loc.line}:${f.loc.column} ${f.ruleId}: ${f.message}`);

ruleTester(rule, {
  valid: [
    { name: 'no directives at all', sql: 'CREATE TABLE vendor (id uuid);' },
    { name: 'the text of a directive inside a string is data, not a directive', sql: "SELECT '-- ismslint-disable-next-line rls-enabled -- no';" },
    {
      name: 'a string spanning lines that holds directive text',
      sql: "SELECT 'it''s\n-- ismslint-disable-next-line rls-enabled -- inside the string\n';",
    },
    {
      name: 'directive text inside a dollar-quoted function body',
      sql: 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  -- ismslint-disable-file rls-enabled -- in the body\n  RETURN 1;\nEND $$;',
    },
    { name: 'a quoted identifier holding directive text', sql: 'CREATE TABLE "-- ismslint-disable-file rls-enabled -- x" (id int);' },
  ],
  invalid: [
    {
      name: 'a rule that reports nothing on the next line (only unused-suppression is on here)',
      sql: '-- ismslint-disable-next-line rls-enabled -- lookup table\nCREATE TABLE country (code text);',
      errors: [{ message: 'unused ismslint-disable-next-line for rls-enabled: no rls-enabled finding on the next line to suppress; remove it', line: 1, column: 1 }],
    },
    {
      name: 'an unknown rule id, with the nearest known one',
      sql: '  -- ismslint-disable-next-line rls-enable -- lookup table\nCREATE TABLE country (code text);',
      errors: [{ messageId: 'unknownRuleDidYouMean', data: { label: 'ismslint-disable-next-line', rule: 'rls-enable', suggestion: 'rls-enabled' }, line: 1, column: 3 }],
    },
    {
      name: 'an unknown rule id far from any known one',
      sql: '-- ismslint-disable-file no-such-thing-at-all -- legacy\nCREATE TABLE country (code text);',
      errors: [{ messageId: 'unknownRule', data: { label: 'ismslint-disable-file', rule: 'no-such-thing-at-all' }, line: 1, column: 1 }],
    },
    {
      name: 'a directive that names no rule',
      sql: '-- ismslint-disable-next-line -- legacy\nCREATE TABLE country (code text);',
      errors: [{ messageId: 'noRule', data: { label: 'ismslint-disable-next-line' }, line: 1 }],
    },
    {
      name: 'parse-error and the suppression rules cannot be silenced',
      sql: '-- ismslint-disable-next-line parse-error -- generated file\nCREATE TABEL x (id int);',
      errors: [{ messageId: 'cannotSilence', data: { label: 'ismslint-disable-next-line', rule: 'parse-error' }, line: 1 }],
    },
  ],
});

describe('unused-suppression with the rule it silences', () => {
  it('next-line silences the next line only', () => {
    expect(lint('-- ismslint-disable-next-line rls-enabled -- lookup table\nCREATE TABLE country (code text);')).toEqual([]);
    expect(lint('-- ismslint-disable-next-line rls-enabled -- lookup table\n\nCREATE TABLE country (code text);')).toEqual([
      '001_test.sql:1:1 unused-suppression: unused ismslint-disable-next-line for rls-enabled: no rls-enabled finding on the next line to suppress; remove it',
      '001_test.sql:3:14 rls-enabled: table "country" does not enable row-level security',
    ]);
  });

  it('next-line at the end of a line of code, and inside a statement', () => {
    expect(lint('SELECT 1; -- ismslint-disable-next-line rls-enabled -- lookup table\nCREATE TABLE country (code text);')).toEqual([]);
    expect(lint('CREATE TABLE\n  -- ismslint-disable-next-line rls-enabled -- lookup table\n  country (code text);')).toEqual([]);
  });

  it('disable-file silences the whole file, and only that file', () => {
    expect(
      lint({
        'app/migrations/001_a.sql': '-- ismslint-disable-file rls-enabled -- lookup tables\nCREATE TABLE country (code text);\nCREATE TABLE currency (code text);',
        'app/migrations/002_b.sql': 'CREATE TABLE vendor (id uuid);',
      }),
    ).toEqual(['002_b.sql:1:14 rls-enabled: table "vendor" does not enable row-level security']);
  });

  it('a disable-file whose rule reports only in another file is unused', () => {
    expect(
      lint({
        'app/migrations/001_a.sql': '-- ismslint-disable-file rls-enabled -- lookup tables\nSELECT 1;',
        'app/migrations/002_b.sql': 'CREATE TABLE vendor (id uuid);',
      }),
    ).toEqual([
      '001_a.sql:1:1 unused-suppression: unused ismslint-disable-file for rls-enabled: no rls-enabled finding in this file to suppress; remove it',
      '002_b.sql:1:14 rls-enabled: table "vendor" does not enable row-level security',
    ]);
  });

  it('several rules: each one that silences nothing is reported, unknown ones too', () => {
    expect(lint('-- ismslint-disable-next-line rls-enabled, rls-forced,bogus-rule -- lookup table\nCREATE TABLE country (code text);')).toEqual([
      '001_test.sql:1:1 unused-suppression: ismslint-disable-next-line names unknown rule "bogus-rule": fix the rule id or remove it',
      '001_test.sql:1:1 unused-suppression: unused ismslint-disable-next-line for rls-forced: no rls-forced finding on the next line to suppress; remove it',
    ]);
  });

  it('directive text in a string neither silences nor is reported', () => {
    expect(lint("SELECT 'x', '\n-- ismslint-disable-next-line rls-enabled -- in a string\n';\nCREATE TABLE country (code text);")).toEqual([
      '001_test.sql:4:14 rls-enabled: table "country" does not enable row-level security',
    ]);
    expect(lint("INSERT INTO notes VALUES ('-- ismslint-disable-next-line rls-enabled -- x');\nCREATE TABLE country (code text);")).toEqual([
      '001_test.sql:2:14 rls-enabled: table "country" does not enable row-level security',
    ]);
  });

  it('is a warning by default', () => {
    const [finding] = lintCase({ sql: '-- ismslint-disable-file rls-enabled -- x\nSELECT 1;' }, ['unused-suppression']);
    expect(finding!.severity).toBe('warn');
  });
});
