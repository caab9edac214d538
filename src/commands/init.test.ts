import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { GLOBAL_PRELUDE } from '../../rules/test-harness.js';
import { resolveConfig } from '../engine/config/load.js';
import type { ConfigFile } from '../engine/config/types.js';
import { UsageError } from '../engine/config/types.js';
import type { Finding } from '../engine/finding.js';
import { runRules } from '../engine/runner.js';
import { DEFAULT_STANDARD } from '../engine/standard.js';
import { buildModel } from '../sources/build.js';
import { createSchemaJsonLoader } from '../sources/schema-json/index.js';
import { moduleSchemaPath } from '../sources/schema-json/module-schema.js';
import { runInit } from './init.js';
import type { CommandIO } from './io.js';

function io(cwd: string): CommandIO & { out: string[] } {
  const out: string[] = [];
  return { cwd, env: {}, isTTY: false, out, stdout: (t) => out.push(t), stderr: (t) => out.push(t) };
}

/** Lint the generated schema.json next to the global prelude with the recommended preset (or a config). */
function lintModule(file: string, module: string, config: ConfigFile = {}): Finding[] {
  const enc = new TextEncoder();
  const resolved = resolveConfig(config, allRules, dirname(file));
  const prelude = config.standard ? GLOBAL_PRELUDE.replaceAll('organisation_id', config.standard.tenantKey ?? 'organisation_id') : GLOBAL_PRELUDE;
  const model = buildModel(
    [
      { name: 'global', dir: 'global', migrations: [{ path: 'global/migrations/000_prelude.sql', bytes: enc.encode(prelude) }] },
      { name: module, dir: module, schemaJson: { path: `${module}/schema.json`, bytes: readFileSync(file) }, migrations: [] },
    ],
    resolved.standard.globalModule,
    createSchemaJsonLoader({ today: '2026-01-01' }),
  );
  return runRules({ catalog: model.catalog, rules: allRules, config: resolved, sourceFindings: model.findings, directives: model.directives }).filter((f) => f.loc.file.startsWith(`${module}/`));
}

const show = (fs: Finding[]) => fs.map((f) => `${f.loc.line}:${f.loc.column} ${f.ruleId}: ${f.message}`);

describe('ismslint init', () => {
  it('writes <root>/<module>/schema.json with $schema pointing at the package schema, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-init-'));
    const cmd = io(dir);
    expect(await runInit(cmd, { module: 'vendor_risk', root: 'module-schemas' })).toBe(0);
    const file = join(dir, 'module-schemas', 'vendor_risk', 'schema.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.module).toBe('vendor_risk');
    expect(json.version).toBe('0.1.0');
    expect(resolve(dirname(file), json.$schema)).toBe(moduleSchemaPath());
    expect(json.$schema).not.toMatch(/\\/);
    expect(cmd.out.join('')).toMatch(
      /^created module-schemas\/vendor_risk\/schema\.json \(module "vendor_risk", example table "vendor_risk_example"\)\nnext: edit it, then run `ismslint lint module-schemas`\n$/,
    );
    expect(readdirSync(dirname(file))).toEqual(['schema.json']);
  });

  it('the example table passes every rule of the recommended preset, straight away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-init-'));
    await runInit(io(dir), { module: 'vendor_risk', root: dir });
    const file = join(dir, 'vendor_risk', 'schema.json');
    expect(show(lintModule(file, 'vendor_risk'))).toEqual([]);
    const table = JSON.parse(readFileSync(file, 'utf8')).tables[0];
    expect(table.rls).toMatchObject({ enabled: true, force: true, policies: [{ name: 'tenant_isolation', using: expect.any(String), withCheck: expect.any(String) }] });
    expect(table.indexes.map((i: { name: string }) => i.name)).toEqual([
      'idx_vendor_risk_example_organisation_id',
      'idx_vendor_risk_example_created_by',
      'idx_vendor_risk_example_updated_by',
      'idx_vendor_risk_example_deleted_by',
    ]);
  });

  it('the lint is real: breaking the example is caught', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-init-'));
    await runInit(io(dir), { module: 'vendor_risk', root: dir });
    const file = join(dir, 'vendor_risk', 'schema.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const table = json.tables[0];
    table.indexes = table.indexes.filter((i: { name: string }) => !i.name.endsWith('_created_by'));
    table.rls.force = false;
    table.checks = [];
    writeFileSync(file, JSON.stringify(json, null, 2));
    const rules = lintModule(file, 'vendor_risk').map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['foreign-key-index', 'rls-forced', 'status-check-constraint']));
  });

  it('a long module name still gives identifiers within 63 bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-init-'));
    const module = 'information_security_incident_response_playbook_catalogue';
    await runInit(io(dir), { module, root: dir });
    expect(show(lintModule(join(dir, module, 'schema.json'), module))).toEqual([]);
  });

  it('follows the configured names of the standard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-init-'));
    const standard = { ...DEFAULT_STANDARD, tenantKey: 'tenant_id', auditColumns: { ...DEFAULT_STANDARD.auditColumns, createdAt: 'inserted_at' } };
    await runInit(io(dir), { module: 'asset', root: dir, standard });
    const file = join(dir, 'asset', 'schema.json');
    const columns = JSON.parse(readFileSync(file, 'utf8')).tables[0].columns.map((c: { name: string }) => c.name);
    expect(columns).toEqual(['id', 'tenant_id', 'name', 'status', 'inserted_at', 'created_by', 'updated_at', 'updated_by', 'deleted_at', 'deleted_by']);
    expect(show(lintModule(file, 'asset', { standard: { tenantKey: 'tenant_id', auditColumns: { createdAt: 'inserted_at' } } }))).toEqual([]);
  });

  it('refuses to overwrite, and refuses a module name that is not snake_case (usage errors: exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-init-'));
    const existing = join(dir, 'vendor_risk', 'schema.json');
    mkdirSync(dirname(existing), { recursive: true });
    writeFileSync(existing, '{"keep": true}');
    await expect(runInit(io(dir), { module: 'vendor_risk', root: '.' })).rejects.toThrow(new UsageError('vendor_risk/schema.json already exists: init never overwrites a module definition'));
    expect(readFileSync(existing, 'utf8')).toBe('{"keep": true}');
    for (const bad of ['VendorRisk', 'vendor-risk', '../escape', '1st', 'vendor__risk']) {
      await expect(runInit(io(dir), { module: bad, root: '.' })).rejects.toThrow(UsageError);
      await expect(runInit(io(dir), { module: bad, root: '.' })).rejects.toThrow(/must be snake_case/);
    }
    expect(existsSync(join(dir, 'VendorRisk'))).toBe(false);
  });
});
