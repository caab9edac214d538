// End to end through the CLI's pure entry point, as a user or CI would run it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { CommandIO } from '../src/commands/io.js';
import { readLintJson } from './support/lint-json.js';

const fixtures = resolve(__dirname, '..', 'fixtures', 'workspaces');
// The fixture workspaces hold one module each; the global module comes from module-schemas/.
const globalModule = resolve(__dirname, '..', 'module-schemas', 'global');

async function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; isTTY?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    cwd: opts.cwd ?? resolve(__dirname, '..'),
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

describe('ismslint lint', () => {
  it('passes (exit 0) on a compliant workspace', async () => {
    const r = await cli(['lint', globalModule, join(fixtures, 'clean')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it('lints module-schemas/ by default and it is clean', async () => {
    const r = await cli(['lint']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('fails the gate (exit 1) with findings judged on the final migration state', async () => {
    const r = await cli(['lint', globalModule, join(fixtures, 'violations'), '--format', 'json']);
    expect(r.code).toBe(1);
    const files = readLintJson(r.stdout);
    const messages = files.flatMap((f) => f.messages.map((m) => `${f.filePath.slice(fixtures.length + 1)}:${m.line} ${m.ruleId}`));
    // RLS disabled by the later 002_relax.sql: reported at that statement.
    expect(messages).toContain('violations/vendor_risk/migrations/002_relax.sql:2 rls-enabled');
    expect(messages).toContain('violations/vendor_risk/migrations/001_vendor.sql:22 rls-enabled');
    expect(messages).toContain('violations/vendor_risk/migrations/001_vendor.sql:25 foreign-key-index');
  });

  it('gives byte-identical output for the same input', async () => {
    const a = await cli(['lint', globalModule, join(fixtures, 'violations'), '--format', 'sarif']);
    const b = await cli(['lint', globalModule, join(fixtures, 'violations'), '--format', 'sarif']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(100);
  });

  it('TIMING=1 prints the slowest rules to stderr, leaving the report itself unchanged', async () => {
    const plain = await cli(['lint', globalModule, join(fixtures, 'violations'), '--format', 'json']);
    const timed = await cli(['lint', globalModule, join(fixtures, 'violations'), '--format', 'json'], { env: { TIMING: '1' } });
    expect(timed.stdout).toBe(plain.stdout);
    expect(plain.stderr).toBe('');
    const lines = timed.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Rule +\| Time \(ms\) \| Relative$/);
    expect(lines).toHaveLength(12);
    expect(lines.slice(2).every((l) => /^[a-z0-9-]+ +\| +\d+\.\d{3} \| +\d+\.\d%$/.test(l))).toBe(true);
    const all = await cli(['lint', globalModule, join(fixtures, 'violations'), '--format', 'json'], { env: { TIMING: 'all' } });
    expect(all.stderr.trimEnd().split('\n').length).toBeGreaterThan(30);
  });

  it('--quiet drops warnings; --max-warnings turns warnings into a failure', async () => {
    const quiet = await cli(['lint', globalModule, join(fixtures, 'violations'), '--quiet', '--format', 'json']);
    expect(readLintJson(quiet.stdout).every((f) => f.messages.every((m) => m.severity === 2))).toBe(true);
    const warnOnly = join(mkdtempSync(join(tmpdir(), 'ismslint-')), 'ismslint.config.json');
    writeFileSync(warnOnly, JSON.stringify({ rules: { 'rls-enabled': 'warn', 'policy-requires-rls': 'warn', 'foreign-key-index': 'warn' } }));
    const lenient = await cli(['lint', globalModule, join(fixtures, 'violations'), '--config', warnOnly]);
    expect(lenient.code).toBe(0);
    const strict = await cli(['lint', globalModule, join(fixtures, 'violations'), '--config', warnOnly, '--max-warnings', '0']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/too many warnings/);
    // `-1`, as the README says, is no limit, written as a separate argument or with `=`.
    for (const limit of [['--max-warnings', '-1'], ['--max-warnings=-1']]) {
      expect(await cli(['lint', globalModule, join(fixtures, 'violations'), '--config', warnOnly, ...limit])).toMatchObject({ code: 0, stderr: '' });
    }
  });

  it('an option without its value is one line, exit 2', async () => {
    const r = await cli(['lint', '--max-warnings']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('writes --output-file atomically and prints nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-'));
    const out = join(dir, 'nested', 'report.sarif');
    const r = await cli(['lint', globalModule, join(fixtures, 'violations'), '--format', 'sarif', '--output-file', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['report.sarif']);
  });

  it('uses colour only on a terminal and never under NO_COLOR', async () => {
    const tty = await cli(['lint', globalModule, join(fixtures, 'violations')], { isTTY: true });
    expect(tty.stdout).toMatch(/\u001b\[/);
    const noColor = await cli(['lint', globalModule, join(fixtures, 'violations')], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    const pipe = await cli(['lint', globalModule, join(fixtures, 'violations')]);
    expect(pipe.stdout).not.toMatch(/\u001b\[/);
    expect(pipe.stdout).toMatch(/problems? \(\d+ errors?, \d+ warnings?\)/);
  });
});

describe('usage and configuration problems exit 2 with one line and no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing path', ['lint', 'no/such/dir'], /no such file or directory: no\/such\/dir/],
    ['unknown format', ['lint', globalModule, join(fixtures, 'clean'), '--format', 'xml'], /unknown format "xml"/],
    ['unknown flag', ['lint', '--frobnicate'], /unknown option '--frobnicate'/],
    ['max-warnings not a number', ['lint', '--max-warnings', 'many'], /--max-warnings must be a whole number/],
    ['sql without module', ['sql'], /missing <module>/],
    ['missing config file', ['lint', '--config', 'nope.json'], /config file not found: nope.json/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  const configCases: [string, unknown, RegExp][] = [
    ['unknown rule id', { rules: { 'no-such-rule': 'error' } }, /rules\.no-such-rule: unknown rule id "no-such-rule"/],
    ['bad severity', { rules: { 'rls-enabled': 'fatal' } }, /rls-enabled/],
    ['bad option', { rules: { 'no-cascade-delete': ['warn', { actions: ['explode'] }] } }, /rules\.no-cascade-delete: invalid options/],
    ['unknown top-level key', { rulez: {} }, /unknown property "rulez" \(did you mean "rules"\?\)/],
    ['unknown preset', { extends: 'ismslint:lax' }, /extends/],
  ];
  for (const [name, config, message] of configCases) {
    it(`config: ${name}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ismslint-'));
      writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify(config));
      const r = await cli(['lint', globalModule, join(fixtures, 'clean')], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('config with a JSON syntax error names line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-'));
    writeFileSync(join(dir, 'ismslint.config.json'), '{\n  "rules": {\n    "rls-enabled": "error",,\n  }\n}');
    const r = await cli(['lint', globalModule, join(fixtures, 'clean')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ismslint\.config\.json:3:\d+: invalid JSON/);
  });

  it('--debug shows the stack trace', async () => {
    const r = await cli(['lint', 'no/such/dir', '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('the config is found from the working directory upward and its roots are relative to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-'));
    writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify({ roots: [globalModule, join(fixtures, 'violations')] }));
    const sub = join(dir, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    const r = await cli(['lint', '--format', 'json'], { cwd: sub });
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'ismslint.config.json'))).toBe(true);
  });
});

describe('ismslint init, sql and docs', () => {
  it('init scaffolds a module that lints clean, refuses to overwrite it, and sql/docs work on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-'));
    const init = await cli(['init', 'vendor_risk', '--root', 'ws'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(existsSync(join(dir, 'ws', 'vendor_risk', 'schema.json'))).toBe(true);
    const again = await cli(['init', 'vendor_risk', '--root', 'ws'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);

    // In a new project init also creates ws/global, which lint finds next to the module.
    expect(existsSync(join(dir, 'ws', 'global', 'schema.json'))).toBe(true);
    const lint = await cli(['lint', join(dir, 'ws', 'vendor_risk')], { cwd: dir });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.code).toBe(0);

    const sql = await cli(['sql', './ws/vendor_risk', '--out', 'out/vendor_risk.sql'], { cwd: dir });
    expect(sql.code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'vendor_risk.sql'), 'utf8')).toMatch(/CREATE TABLE vendor_risk_example/);

    const docs = await cli(['docs', 'vendor_risk', '--root', 'ws', '--out', 'docs'], { cwd: dir });
    expect(docs.code).toBe(0);
    expect(readdirSync(join(dir, 'docs', 'vendor_risk')).sort()).toEqual(['fields.md', 'relationships.md', 'tables.md', 'validation-rules.md', 'versioning.md']);
    expect(readFileSync(join(dir, 'docs', 'vendor_risk', 'relationships.md'), 'utf8')).toMatch(/```mermaid\nerDiagram/);
  });

  it('sql of an unknown module exits 2 naming the known ones', async () => {
    const r = await cli(['sql', 'nope', '--root', globalModule]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope/);
    expect(r.stderr).toMatch(/global/);
  });

  it('a schema.json that is not JSON is a finding at its line and column, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-'));
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'schema.json'), '{\n  "module": "broken",\n  "tables": [\n    { "name": "x", }\n  ]\n}\n');
    const r = await cli(['lint', join(dir, 'broken'), '--format', 'json']);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout);
    expect(file.messages[0]).toMatchObject({ ruleId: 'parse-error', line: 4 });
  });

  it('--help and --version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:[\s\S]*lint[\s\S]*sql[\s\S]*docs[\s\S]*init/);
    const lintHelp = await cli(['lint', '--help']);
    expect(lintHelp.stdout).toMatch(/--max-warnings <n>/);
    const version = await cli(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('configuration scopes', () => {
  const lintJson = async (config: object) => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-'));
    writeFileSync(join(dir, 'ismslint.config.json'), JSON.stringify(config));
    const r = await cli(['lint', globalModule, join(fixtures, 'violations'), '--format', 'json'], { cwd: dir });
    const rules = readLintJson(r.stdout || '[]').flatMap((f) => f.messages.map((m) => `${m.ruleId}:${m.severity}`));
    return { code: r.code, rules };
  };

  it('overrides by module name change a rule for that module only', async () => {
    const base = await lintJson({});
    expect(base.rules).toContain('rls-enabled:2');
    const off = await lintJson({ overrides: [{ modules: ['vendor_risk'], rules: { 'rls-enabled': 'off' } }] });
    expect(off.rules).not.toContain('rls-enabled:2');
    const otherModule = await lintJson({ overrides: [{ modules: ['global'], rules: { 'rls-enabled': 'off' } }] });
    expect(otherModule.rules).toContain('rls-enabled:2');
  });

  it('overrides by file glob apply to tables created in matching files', async () => {
    const warn = await lintJson({ overrides: [{ files: ['**/vendor_risk/migrations/001_*.sql'], rules: { 'foreign-key-index': 'warn' } }] });
    expect(warn.rules).toContain('foreign-key-index:1');
    expect(warn.rules).not.toContain('foreign-key-index:2');
  });

  it('ignorePatterns leave files unread', async () => {
    const r = await lintJson({ ignorePatterns: ['**/002_relax.sql'] });
    // Without the migration that disables RLS on vendor, its policy is live again.
    expect(r.rules).not.toContain('policy-requires-rls:2');
  });

  it('the strict preset raises every warning to an error', async () => {
    const r = await lintJson({ extends: 'ismslint:strict' });
    expect(r.rules).toContain('prefer-text:2');
    expect(r.rules.filter((x: string) => x.endsWith(':1'))).toEqual([]);
  });
});
