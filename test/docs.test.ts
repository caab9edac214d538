// The adoption examples in docs/ci/ and the hooks in .pre-commit-hooks.yaml, run as written: their
// ismslint commands lint a project laid out as a user's (the global module plus one module) through
// bin/ismslint.js, so an option that does not exist, a wrong exit-code guard or a file that the next
// step cannot find fails here instead of in someone's pipeline.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'ismslint-adoption-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `ismslint` and `npx` on PATH as they behave once ismslint is a dev dependency: both run this checkout's CLI. */
const shims = join(work, 'bin');
mkdirSync(shims);
writeFileSync(join(shims, 'ismslint'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin', 'ismslint.js')}" "$@"\n`);
writeFileSync(join(shims, 'npx'), '#!/bin/sh\nwhile [ "$1" = "--no" ] || [ "$1" = "--no-install" ]; do shift; done\nexec "$@"\n');
chmodSync(join(shims, 'ismslint'), 0o755);
chmodSync(join(shims, 'npx'), 0o755);

/** A project with module-schemas/global (this repository's) and module-schemas/vendor_risk from a fixture workspace. */
function project(name: string, fixture: 'clean' | 'violations'): string {
  const dir = join(work, name);
  cpSync(join(root, 'module-schemas', 'global'), join(dir, 'module-schemas', 'global'), { recursive: true });
  cpSync(join(root, 'fixtures', 'workspaces', fixture, 'vendor_risk'), join(dir, 'module-schemas', 'vendor_risk'), { recursive: true });
  return dir;
}
const clean = project('clean', 'clean');
const violations = project('violations', 'violations');

function sh(script: string, cwd: string, shell: string[]): { status: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${shims}:${process.env.PATH}` };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const r = spawnSync(shell[0]!, [...shell.slice(1), script], { cwd, env, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
// How GitHub Actions runs a `run:` step, and how GitLab runs a job's script lines.
const githubShell = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c'];
const gitlabShell = ['bash', '-e', '-c'];

/** What these tests read of the example files (a key a file lacks fails the assertion that reads it). */
interface WorkflowStep {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface GitHubWorkflow {
  jobs: Record<string, { permissions: Record<string, string>; steps: WorkflowStep[] }>;
}
interface GitLabJob {
  script: string[];
  artifacts: { paths: string[]; when: string; reports?: Record<string, string> };
}
interface PreCommitHook {
  id: string;
  entry: string;
  files: string;
  language: string;
  pass_filenames: boolean;
}
interface PreCommitConfig {
  repos: { repo: string; rev?: string; hooks: PreCommitHook[] }[];
}

const load = <T>(path: string): T => parse(readFileSync(join(root, path), 'utf8')) as T;
const mentionsIsmslint = (s: unknown): s is string => typeof s === 'string' && /\bismslint\b/.test(s);
/** The file a command writes with `--output-file` / `-o`. */
const outputFile = (command: string) => /(?:--output-file|-o)\s+(\S+)/.exec(command)?.[1];

/** The results code scanning shows as open: a waived finding is in the log with its suppression. */
function sarifResults(file: string): unknown[] {
  const sarif = JSON.parse(readFileSync(file, 'utf8'));
  expect(sarif.version).toBe('2.1.0');
  expect(sarif.runs[0].tool.driver.name).toBe('ismslint');
  return (sarif.runs[0].results as { suppressions?: unknown[] }[]).filter((r) => !r.suppressions?.length);
}

describe('docs/ci/github-actions.yml', () => {
  const workflow = load<GitHubWorkflow>('docs/ci/github-actions.yml');
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const lintSteps = steps.filter((s): s is WorkflowStep & { run: string } => mentionsIsmslint(s.run));
  const sarifStep = lintSteps.find((s) => /--format sarif/.test(s.run))!;
  const gateStep = lintSteps.find((s) => /--format github/.test(s.run))!;
  const upload = steps.find((s) => typeof s.uses === 'string' && s.uses.startsWith('github/codeql-action/upload-sarif@'))!;

  it('writes SARIF, uploads that file to code scanning with the permission it needs, then gates with annotations', () => {
    expect(sarifStep && gateStep && upload).toBeTruthy();
    expect(steps.indexOf(sarifStep)).toBeLessThan(steps.indexOf(upload));
    expect(steps.indexOf(upload)).toBeLessThan(steps.indexOf(gateStep));
    expect(upload.with?.sarif_file).toBe(outputFile(sarifStep.run));
    const job = Object.values(workflow.jobs).find((j) => j.steps.includes(upload))!;
    expect(job.permissions['security-events']).toBe('write');
  });

  it('passes on a clean project: valid SARIF with no results, no annotations', () => {
    for (const step of lintSteps) expect(sh(step.run, clean, githubShell), step.run).toMatchObject({ status: 0, stderr: '' });
    expect(sarifResults(join(clean, outputFile(sarifStep.run)!))).toEqual([]);
    expect(sh(gateStep.run, clean, githubShell).stdout).toBe('');
  });

  it('on findings: the SARIF step still succeeds (so the upload runs), the gate fails with annotations', () => {
    expect(sh(sarifStep.run, violations, githubShell).status).toBe(0);
    expect(sarifResults(join(violations, outputFile(sarifStep.run)!)).length).toBeGreaterThan(0);
    const gate = sh(gateStep.run, violations, githubShell);
    expect(gate.status).toBe(1);
    expect(gate.stdout).toMatch(/^::error file=module-schemas\/vendor_risk\/migrations\/001_vendor\.sql,line=\d+/m);
  });

  it('stops on a usage problem (exit code 2) even in the SARIF step', () => {
    writeFileSync(join(work, 'clean', 'ismslint.config.json'), '{ "rules": { "no-such-rule": "error" } }');
    try {
      expect(sh(sarifStep.run, clean, githubShell).status).not.toBe(0);
    } finally {
      rmSync(join(work, 'clean', 'ismslint.config.json'));
    }
  });
});

describe('docs/ci/gitlab-ci.yml', () => {
  const job = load<{ ismslint: GitLabJob }>('docs/ci/gitlab-ci.yml').ismslint;
  const script = job.script.join('\n');

  it('keeps the Code Quality report it writes as the codequality report of the job, also when the job fails', () => {
    const written = job.script.map(outputFile).filter(Boolean);
    expect(written).toEqual(['gl-code-quality-report.json']);
    expect(job.script[0]).toMatch(/--format gitlab/);
    expect(job.artifacts.reports).toEqual({ codequality: written[0] });
    expect(job.artifacts.paths).toEqual(expect.arrayContaining(written));
    expect(job.artifacts.when).toBe('always');
  });

  it('passes on a clean project and fails on findings, by exit code, with the findings in the report', () => {
    const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string; severity: string; location: { path: string } }[];
    expect(sh(script, clean, gitlabShell)).toMatchObject({ status: 0, stderr: '' });
    expect(report(clean)).toEqual([]);
    const failing = sh(script, violations, gitlabShell);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('\u001b['); // --color: GitLab's log shows colours
    expect(failing.stdout).toMatch(/rls-enabled/);
    const issues = report(violations);
    expect(issues).toContainEqual(
      expect.objectContaining({ check_name: 'rls-enabled', severity: 'major', location: expect.objectContaining({ path: 'module-schemas/vendor_risk/migrations/001_vendor.sql' }) }),
    );
  });
});

describe('pre-commit', () => {
  const hooks = load<PreCommitHook[]>('.pre-commit-hooks.yaml');
  const hook = hooks.find((h) => h.id === 'ismslint')!;
  const fixHook = hooks.find((h) => h.id === 'ismslint-fix')!;
  const files = new RegExp(hook.files); // pre-commit matches with Python's re.search: the same here

  it('defines the ismslint hook for Node, run once per commit on the whole workspace', () => {
    expect(hook).toMatchObject({ id: 'ismslint', language: 'node', pass_filenames: false });
    expect(hook.entry.split(/\s+/)[0]).toBe(Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin)[0]);
  });

  it('runs for SQL migrations and schema.json files only', () => {
    for (const path of ['module-schemas/vendor_risk/migrations/001_vendor.sql', 'db/V2__x.sql', 'schema.json', 'module-schemas/risk/schema.json']) expect(path).toMatch(files);
    for (const path of ['package.json', 'my-schema.json', 'docs/schema.json.md', 'notes.sqlx']) expect(path).not.toMatch(files);
  });

  it('its entry passes on a clean project and fails on findings', () => {
    expect(sh(hook.entry, clean, ['sh', '-c']).status).toBe(0);
    expect(sh(hook.entry, violations, ['sh', '-c']).status).toBe(1);
  });

  it('defines ismslint-fix, which writes the schema.json fixes and then fails the commit as ismslint does', () => {
    expect(hooks.map((h) => h.id)).toEqual(['ismslint', 'ismslint-fix']);
    expect(fixHook).toMatchObject({ language: 'node', pass_filenames: false, files: hook.files, entry: `${hook.entry} --fix` });
    const dir = join(work, 'fix-hook');
    cpSync(join(root, 'module-schemas', 'global'), join(dir, 'module-schemas', 'global'), { recursive: true });
    cpSync(join(root, 'fixtures', 'schema-json', 'risk_register'), join(dir, 'module-schemas', 'risk_register'), { recursive: true });
    const schema = join(dir, 'module-schemas', 'risk_register', 'schema.json');
    const before = readFileSync(schema, 'utf8');
    const r = sh(fixHook.entry, dir, ['sh', '-c']);
    expect(r.stderr).toMatch(/^ismslint: fixed \d+ findings in module-schemas\/risk_register\/schema\.json\n$/);
    expect(r.status).toBe(1); // what has no fix remains
    expect(readFileSync(schema, 'utf8')).not.toBe(before);
    expect(sh(fixHook.entry, clean, ['sh', '-c'])).toMatchObject({ status: 0, stderr: '' });
  });

  it('docs/ci/pre-commit-config.yaml uses this repository and its hook', () => {
    const config = load<PreCommitConfig>('docs/ci/pre-commit-config.yaml');
    const { homepage } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(config.repos).toEqual([{ repo: homepage, rev: expect.any(String), hooks: [{ id: hook.id }] }]);
  });

  it('docs/ci/pre-commit-local.yaml runs the installed CLI on the same files', () => {
    const local = load<PreCommitConfig>('docs/ci/pre-commit-local.yaml').repos[0]!;
    expect(local.repo).toBe('local');
    const [localHook] = local.hooks as [PreCommitHook];
    expect(localHook).toMatchObject({ id: 'ismslint', language: 'system', files: hook.files, pass_filenames: false });
    expect(sh(localHook.entry, clean, ['sh', '-c']).status).toBe(0);
    expect(sh(localHook.entry, violations, ['sh', '-c']).status).toBe(1);
  });
});

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  /** The first fenced block of `lang` after `heading`. */
  const example = (heading: string, lang: string) => {
    const section = readme.slice(readme.indexOf(heading));
    return new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section)![1]!;
  };

  it('configuration example is accepted as it stands', () => {
    const dir = project('config-example', 'clean');
    writeFileSync(join(dir, 'ismslint.config.json'), example('## Configuration', 'jsonc'));
    const r = sh('ismslint lint', dir, ['sh', '-c']);
    expect(r.stderr).toBe('');
    // The example asks for plural table names, which the fixture's are not: findings, not a usage error.
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/table-name-inflection/);
  });

  it('schema.json example is valid, and lacks only the audit columns it says it leaves out', () => {
    const dir = join(work, 'schema-example');
    cpSync(join(root, 'module-schemas', 'global'), join(dir, 'module-schemas', 'global'), { recursive: true });
    mkdirSync(join(dir, 'module-schemas', 'vendor_risk'));
    writeFileSync(join(dir, 'module-schemas', 'vendor_risk', 'schema.json'), example('## Module definitions', 'json'));
    const r = sh('ISMSLINT_TODAY=2026-12-07 ismslint lint --format json', dir, ['sh', '-c']);
    const rules = new Set(JSON.parse(r.stdout).flatMap((f: { messages: { ruleId: string }[] }) => f.messages.map((m) => m.ruleId)));
    expect([...rules]).toEqual(['audit-columns-required']);
  });

  it('links only to example files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?:docs\/ci\/|\.pre-commit)[^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const link of links) expect(existsSync(join(root, link)), link).toBe(true);
  });
});
