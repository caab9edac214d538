// Re-linting: the SQL generated for a module replays to the same model and gives the same findings.
import { describe, expect, it } from 'vitest';
import { allRules } from '../../../rules/index.js';
import { resolveConfig } from '../../engine/config/load.js';
import type { Finding } from '../../engine/finding.js';
import { runRules } from '../../engine/runner.js';
import { buildModel, type BuiltModel } from '../../sources/build.js';
import { dumpCatalog } from '../../../test/support/model-dump.js';
import { ddlModule, fixtureModel } from '../../../test/support/generator-fixture.js';
import { generateModuleSql } from './index.js';

function regenerate(model: BuiltModel): { sql: Record<string, string>; model: BuiltModel } {
  const sql: Record<string, string> = {};
  for (const m of model.catalog.modules) sql[m.name] = generateModuleSql(model.catalog, m.name);
  return {
    sql,
    model: buildModel(
      Object.entries(sql).map(([name, text]) => ddlModule(name, text)),
      'global',
    ),
  };
}

function lint(model: BuiltModel): string[] {
  const config = resolveConfig({}, allRules, '.');
  const findings: Finding[] = runRules({ catalog: model.catalog, rules: allRules, config, sourceFindings: model.findings, directives: model.directives });
  return findings.map((f) => `${f.ruleId} | ${f.logical ?? ''} | ${f.message}`).sort();
}

describe('generated SQL replays to the same model', async () => {
  const original = await fixtureModel();
  const again = regenerate(original);

  it('the fixture itself replays cleanly', () => {
    expect(original.findings).toEqual([]);
    expect(original.catalog.tables.size).toBe(8);
  });

  it('replays without parse or replay errors', () => {
    expect(again.model.findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('gives the same tables, columns, types, constraints, indexes, policies, RLS, grants and enums', () => {
    expect(dumpCatalog(again.model.catalog)).toEqual(dumpCatalog(original.catalog));
  });

  it('gives the same findings with the recommended preset', () => {
    const before = lint(original);
    // Not vacuous: the fixture breaks rules on purpose (e.g. tables without RLS).
    expect(before.length).toBeGreaterThan(0);
    expect(lint(again.model)).toEqual(before);
  });

  it('is a fixed point: generating from the replayed model gives the same text', () => {
    for (const [name, text] of Object.entries(again.sql)) expect(generateModuleSql(again.model.catalog, name)).toBe(text);
  });
});
