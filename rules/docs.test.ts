// Every rule README is checked against its rule: examples (rules/test-docs.ts says how they are linted) and options.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from './index.js';
import { checkExamples, checkOptions, DRAFT_LINE, examples, optionType } from './test-docs.js';

const root = new URL('.', import.meta.url).pathname;

describe('rule README', () => {
  for (const rule of allRules) {
    const id = rule.meta.id;
    const readme = readFileSync(join(root, id, 'README.md'), 'utf8');
    const title = readme.includes(DRAFT_LINE)
      ? `${id}: DRAFT, not reported yet: make rules/${id}/index.test.ts pass, then remove the DRAFT paragraph from its README`
      : `${id}: examples give the findings they claim`;
    it(title, () => {
      expect(checkExamples(rule, readme)).toEqual([]);
    });
    it(`${id}: options table matches meta.schema and meta.defaultOptions`, () => {
      expect(checkOptions(rule, readme)).toEqual([]);
    });
  }
});

describe('the README checker', () => {
  const preferText = allRules.find((r) => r.meta.id === 'prefer-text')!;
  const fence = (info: string, body: string) => '```' + info + '\n' + body + '\n```\n';
  const readme = (parts: { incorrect?: string; correct?: string; why?: string; options?: string; summary?: string }) =>
    [
      '# prefer-text\n',
      `| Options | ${parts.summary ?? '`allowFixedLength`'} |\n`,
      '## Why\n',
      parts.why ?? 'Because.\n',
      '## Options\n',
      parts.options ?? '| Option | Type | Default | Meaning |\n| --- | --- | --- | --- |\n| `allowFixedLength` | boolean | `false` | Allow character(n). |\n',
      '## Incorrect\n',
      parts.incorrect ?? fence('sql', 'CREATE TABLE vendor (id uuid PRIMARY KEY, name varchar(255));'),
      '## Correct\n',
      parts.correct ?? fence('sql', 'CREATE TABLE vendor (id uuid PRIMARY KEY, name text);'),
    ].join('\n');

  it('accepts a README whose examples and options agree with the rule', () => {
    expect(checkExamples(preferText, readme({}))).toEqual([]);
    expect(checkOptions(preferText, readme({}))).toEqual([]);
  });

  it('fails an Incorrect example that gives no finding, and a Correct one that gives one', () => {
    const text = readme({
      incorrect: fence('sql', 'CREATE TABLE vendor (id uuid PRIMARY KEY, name text);'),
      correct: fence('sql', 'CREATE TABLE vendor (id uuid PRIMARY KEY, name varchar(255));'),
    });
    expect(checkExamples(preferText, text)).toEqual([
      'README.md:17 (incorrect) gives no prefer-text finding',
      expect.stringMatching(/^README\.md:23 \(correct\) gives a finding: app\/migrations\/001_example\.sql:1:43 prefer-text: /),
    ]);
  });

  it('fails an example PostgreSQL would refuse: a fragment about a table it never creates, or a syntax error', () => {
    const text = readme({ incorrect: fence('sql', 'ALTER TABLE vendor ADD COLUMN name varchar(255);') + '\n' + fence('sql', 'CREATE TABLE vendor (id uuid PRIMARY KEY, name varchar(255)') });
    expect(checkExamples(preferText, text)).toEqual([
      expect.stringMatching(/^README\.md:17 \(incorrect\) is not valid input: .* replay-error: relation "public\.vendor" does not exist/),
      'README.md:17 (incorrect) gives no prefer-text finding',
      expect.stringMatching(/^README\.md:21 \(incorrect\) is not valid input: .* parse-error: syntax error at end of input/),
      'README.md:21 (incorrect) gives no prefer-text finding',
    ]);
  });

  it('lints an example with the options of its first line, and the path-named blocks of a section as one example', () => {
    const withOption = readme({ correct: fence('sql', '-- with { "allowFixedLength": true }\nCREATE TABLE country (code char(2) PRIMARY KEY);') });
    expect(checkExamples(preferText, withOption)).toEqual([]);
    const twoMigrations = readme({
      incorrect:
        fence('sql app/migrations/001_a.sql', 'CREATE TABLE vendor (id uuid PRIMARY KEY, name text);') +
        '\n' +
        fence('sql app/migrations/002_b.sql', 'ALTER TABLE vendor ALTER COLUMN name TYPE varchar(80);'),
    });
    expect(checkExamples(preferText, twoMigrations)).toEqual([]);
  });

  it('fails a real README whose Incorrect and Correct headings are swapped', () => {
    const rule = allRules.find((r) => r.meta.id === 'rls-tenant-policy')!;
    const real = readFileSync(join(root, 'rls-tenant-policy', 'README.md'), 'utf8');
    const swapped = real.replace('## Incorrect', '## @').replace('## Correct', '## Incorrect').replace('## @', '## Correct');
    const problems = checkExamples(rule, swapped);
    expect(problems.filter((p) => p.includes('(incorrect) gives no rls-tenant-policy finding'))).toHaveLength(2);
    const examplesWithFindings = new Set(problems.filter((p) => p.includes('(correct) gives a finding')).map((p) => p.split(' ')[0]));
    expect(examplesWithFindings.size).toBe(4);
  });

  it('checks the sample output after an example against its findings, with … for any text', () => {
    const output = (text: string) => readme({ incorrect: fence('sql', 'CREATE TABLE vendor (id uuid PRIMARY KEY, name varchar(255));') + '\n' + fence('text', text) });
    expect(checkExamples(preferText, output('column "name" is character varying(255): …'))).toEqual([]);
    expect(checkExamples(preferText, output('column "name" is character varying(100): …'))).toEqual([
      expect.stringMatching(/^README\.md:21 \(sample output\) does not match the example's findings, which are:\ncolumn "name" is character varying\(255\): the length/),
    ]);
    expect(checkExamples(preferText, output('column "name" is character varying(255): …\ncolumn "code" is character(2): …'))).toHaveLength(1);
    expect(checkExamples(preferText, output('1:43 column "name" is character varying(255): …'))).toEqual([]);
    expect(checkExamples(preferText, output('1:42 column "name" is character varying(255): …'))).toHaveLength(1);
    const withOutput = allRules.flatMap((r) =>
      examples(readFileSync(join(root, r.meta.id, 'README.md'), 'utf8'))
        .filter((e) => e.output)
        .map(() => r.meta.id),
    );
    expect(withOutput.sort()).toEqual([
      'parse-error',
      'parse-error',
      'parse-error',
      'schema-definition-invalid',
      'schema-definition-invalid',
      'schema-drift',
      'unused-suppression',
      'unused-suppression',
      'waiver-expired',
    ]);
  });

  it('fails SQL elsewhere in the README that does not parse', () => {
    expect(checkExamples(preferText, readme({ why: fence('sql', 'CONSTRAINT valid_status CHECK (status IN (1))') }))).toEqual([
      'README.md:7 (sql in "Why") does not parse: syntax error at or near "CONSTRAINT"',
    ]);
  });

  it('fails a README missing its Incorrect or Correct examples', () => {
    expect(checkExamples(preferText, readme({ incorrect: '', correct: 'Text only.\n' }))).toEqual(['no example under "## Incorrect"', 'no example under "## Correct"']);
  });

  it('fails an options table that disagrees with meta.schema or meta.defaultOptions', () => {
    const row = (cells: string) => `| Option | Type | Default | Meaning |\n| --- | --- | --- | --- |\n${cells}\n`;
    expect(checkOptions(preferText, readme({ options: row('| `allowFixedLength` | boolean | `true` | Allow character(n). |') }))).toEqual([
      'option "allowFixedLength": Default is `true`, meta.defaultOptions says `false`',
    ]);
    expect(checkOptions(preferText, readme({ options: row('| `allowFixedLength` | string | `false` | Allow character(n). |') }))).toEqual([
      'option "allowFixedLength": Type is "string", meta.schema says "boolean"',
    ]);
    expect(checkOptions(preferText, readme({ options: row('| `allowFixedWidth` | boolean | `false` | Allow character(n). |') }))).toEqual([
      'options table lists allowFixedWidth; meta.schema has allowFixedLength (in this order)',
    ]);
    const config = (json: string) => row('| `allowFixedLength` | boolean | `false` | Allow character(n). |') + '\n' + fence('json', json);
    expect(checkOptions(preferText, readme({ options: config('{ "rules": { "prefer-text": ["warn", { "allowFixedLength": "yes" }] } }') }))).toEqual([
      expect.stringMatching(/^README\.md:15: the configuration example is not valid: ismslint\.config\.json: rules\.prefer-text: invalid options.*allowFixedLength/),
    ]);
    expect(checkOptions(preferText, readme({ options: config('{ "rules": { "prefer-jsonb": "warn" } }') }))).toEqual(['README.md:15: the configuration example does not configure prefer-text']);
    expect(checkOptions(preferText, readme({ options: 'None.\n', summary: 'none' }))).toEqual([
      'summary row: expected "| Options | `allowFixedLength` |", found "| Options | none |"',
      '"## Options" has no table headed "| Option | Type | Default | Meaning |"',
    ]);
  });

  it('writes option types from the JSON Schema', () => {
    expect(optionType({ type: 'array', items: { type: 'string' }, minItems: 1 })).toBe('string[] (at least one)');
    expect(optionType({ type: 'array', items: { enum: ['cascade', 'set null'] } })).toBe('list of `"cascade"`, `"set null"`');
    expect(optionType({ enum: ['singular', 'plural'] })).toBe('`"singular"` \\| `"plural"`');
    expect(optionType({ type: 'integer', minimum: 1, maximum: 63 })).toBe('integer, 1–63');
    expect(optionType({ type: 'string', format: 'regex' })).toBe('regular expression');
  });

  it('treats a scaffolded draft: no finding yet is expected, and a finding asks for the DRAFT paragraph to go', () => {
    const draft = (incorrect: string) => readme({ why: `${DRAFT_LINE} Make \`rules/prefer-text/index.test.ts\` pass, then remove this line.\n`, incorrect: fence('sql', incorrect) });
    expect(checkExamples(preferText, draft('CREATE TABLE vendor (id uuid PRIMARY KEY, name text);'))).toEqual([]);
    expect(checkExamples(preferText, draft('CREATE TABLE vendor (id uuid PRIMARY KEY, name varchar(255));'))).toEqual([
      `README.md:17 (incorrect) is reported now: remove the DRAFT paragraph ("${DRAFT_LINE} …") from the README`,
    ]);
  });
});
