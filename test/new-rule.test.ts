// scripts/new-rule.js, run on a temporary copy of the repository so that the tests never touch it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = new URL('..', import.meta.url).pathname;
const script = join(repo, 'scripts', 'new-rule.js');
const COPIED = ['rules', 'src', 'schemas', 'scripts', 'test', 'README.md', 'package.json', 'tsconfig.json'];

function copyRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'ismslint-new-rule-'));
  for (const entry of COPIED) cpSync(join(repo, entry), join(root, entry), { recursive: true });
  // Read only: the meta-test lints them.
  for (const entry of ['node_modules', 'module-schemas', 'fixtures']) symlinkSync(join(repo, entry), join(root, entry));
  return root;
}

const newRule = (root: string, ...args: string[]) => spawnSync(process.execPath, [script, ...args, '--root', root], { encoding: 'utf8' });

const snapshot = (root: string) => ['rules/index.ts', 'README.md', 'schemas/config.schema.json'].map((f) => readFileSync(join(root, f), 'utf8'));

describe('npm run new-rule', () => {
  let root: string;
  beforeAll(() => {
    root = copyRepo();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    [['Prefer_Identity'], /^new-rule: rule id "Prefer_Identity" is not kebab-case/],
    [['prefer-'], /^new-rule: rule id "prefer-" is not kebab-case/],
    [['prefer-text'], /^new-rule: rule id "prefer-text" is taken: rules\/prefer-text exists$/],
    [[], /^new-rule: usage: npm run new-rule -- <id>/],
    [['a-rule', 'b-rule'], /^new-rule: usage:/],
    [['a-rule', '--severity', 'info'], /^new-rule: --severity must be warn or error, not "info"$/],
    [['a-rule', '--category', 'security'], /^new-rule: --category must be one of naming, audit, tenancy, integrity, rls, types, meta/],
    [['a-rule', '--colour'], /^new-rule: Unknown option '--colour'/],
  ])('refuses %j with one line and exit code 2, changing nothing', (args, message) => {
    const before = snapshot(root);
    const run = newRule(root, ...args);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(snapshot(root)).toEqual(before);
  });

  it('scaffolds a rule on which the meta-tests pass and whose own first test fails until it is written', () => {
    const run = newRule(
      root,
      'prefer-identity-column',
      '--category',
      'types',
      '--severity',
      'warn',
      '--description',
      "Integer keys are identity columns, not serial: the table's owner owns the sequence.",
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const registry = readFileSync(join(root, 'rules/index.ts'), 'utf8');
    expect(registry).toMatch(/import policyRequiresRls from [^\n]+\nimport preferIdentityColumn from '\.\/prefer-identity-column\/index\.js';\nimport preferJsonb from/);
    expect(registry).toMatch(/ {2}parseError,\n {2}policyRequiresRls,\n {2}preferIdentityColumn,\n {2}preferJsonb,/);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(
      "| Row-level security | error | The policies of a tenant table let no role read, insert, update or delete rows of another tenant: every command is restricted to the current tenant's key. |\n" +
        "| [`prefer-identity-column`](rules/prefer-identity-column/README.md) | Types | warn | Integer keys are identity columns, not serial: the table's owner owns the sequence. |\n" +
        '| [`prefer-jsonb`]',
    );

    // The stub type-checks against the rule API as it is.
    writeFileSync(join(root, 'tsconfig.new-rule.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, include: ['rules/prefer-identity-column/index.ts'] }));
    const tsc = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.new-rule.json'], { cwd: root, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    const report = join(root, 'vitest.json');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
    // The project's vitest.config.ts adds only the split into unit and db projects (test/test-projects.test.ts);
    // without it vitest starts in half the time.
    writeFileSync(join(root, 'vitest.new-rule.config.mjs'), "export default { test: { pool: 'forks', isolate: false } };\n");
    spawnSync(
      process.execPath,
      [
        join(repo, 'node_modules/vitest/vitest.mjs'),
        'run',
        'rules/meta.test.ts',
        'rules/docs.test.ts',
        'rules/prefer-identity-column',
        '--config=vitest.new-rule.config.mjs',
        '--reporter=json',
        `--outputFile=${report}`,
      ],
      { cwd: root, env, encoding: 'utf8' },
    );
    const results = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[] };
    const byFile = Object.fromEntries(results.testResults.map((f) => [f.name.slice(root.length + 1), f.assertionResults]));
    const failed = (file: string) => byFile[file]!.filter((t) => t.status !== 'passed').map((t) => t.fullName);
    expect(byFile['rules/meta.test.ts']!.some((t) => t.fullName.includes('prefer-identity-column'))).toBe(true);
    expect(failed('rules/meta.test.ts')).toEqual([]);
    expect(byFile['rules/docs.test.ts']!.map((t) => t.fullName)).toContain(
      'rule README prefer-identity-column: DRAFT, not reported yet: make rules/prefer-identity-column/index.test.ts pass, then remove the DRAFT paragraph from its README',
    );
    expect(failed('rules/docs.test.ts')).toEqual([]);
    expect(failed('rules/prefer-identity-column/index.test.ts')).toEqual(["prefer-identity-column invalid: the README's Incorrect example"]);
  });
});
