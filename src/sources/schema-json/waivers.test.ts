import { describe, expect, it } from 'vitest';
import { allRules } from '../../../rules/index.js';
import { GLOBAL_PRELUDE } from '../../../rules/test-harness.js';
import { resolveConfig } from '../../engine/config/load.js';
import type { ConfigFile } from '../../engine/config/types.js';
import type { Finding } from '../../engine/finding.js';
import { runRules } from '../../engine/runner.js';
import { buildModel, type InputModule } from '../build.js';
import { createSchemaJsonLoader } from './index.js';

const enc = new TextEncoder();

/** Lint with only `ruleIds` on; suppressed findings are kept (SARIF shows them), the prelude's are not. */
function lint(json: unknown, ruleIds: string[], opts: { today?: string; sql?: string } = {}): Finding[] {
  const app: InputModule = {
    name: 'app',
    dir: 'app',
    schemaJson: { path: 'app/schema.json', bytes: enc.encode(JSON.stringify(json, null, 2)) },
    migrations: opts.sql ? [{ path: 'app/migrations/001.sql', bytes: enc.encode(opts.sql) }] : [],
  };
  const global: InputModule = { name: 'global', dir: 'global', migrations: [{ path: 'global/000.sql', bytes: enc.encode(GLOBAL_PRELUDE) }] };
  const rules: ConfigFile['rules'] = Object.fromEntries(allRules.map((r) => [r.meta.id, ruleIds.includes(r.meta.id) ? r.meta.severity : 'off']));
  const config = resolveConfig({ rules }, allRules, '.');
  const model = buildModel([global, app], 'global', createSchemaJsonLoader({ today: opts.today ?? '2026-06-30' }));
  return runRules({ catalog: model.catalog, rules: allRules, config, sourceFindings: model.findings, directives: model.directives }).filter((f) => f.loc.file.startsWith('app/'));
}

function module(waivers: unknown[], extra: Record<string, unknown> = {}) {
  return {
    module: 'app',
    tables: [
      {
        name: 'vendor',
        columns: [
          { name: 'id', type: 'uuid', primaryKey: true },
          { name: 'fullName', type: 'text' },
          { name: 'lastName', type: 'text' },
        ],
        waivers,
        ...extra,
      },
    ],
  };
}

const waiver = (rule: string, more: Record<string, unknown> = {}) => ({ rule, reason: 'legacy import, fixed in Q3', approvedBy: 'CISO', expires: '2026-12-31', ...more });
const show = (fs: Finding[]) => fs.map((f) => `${f.ruleId}${f.suppression ? ' (suppressed)' : ''}: ${f.logical ?? ''}`);

describe('waivers in schema.json', () => {
  it('a table waiver silences the rule on the table and everything in it, as an external suppression with its justification', () => {
    const found = lint(module([waiver('rls-enabled'), waiver('name-snake-case')]), ['rls-enabled', 'name-snake-case', 'unused-suppression']);
    expect(show(found)).toEqual(['rls-enabled (suppressed): public.vendor', 'name-snake-case (suppressed): public.vendor.fullName', 'name-snake-case (suppressed): public.vendor.lastName']);
    expect(found[0]!.suppression).toEqual({ kind: 'external', justification: 'legacy import, fixed in Q3 (approved by CISO, expires 2026-12-31)' });
  });

  it('a column waiver silences that column only', () => {
    const found = lint(module([waiver('name-snake-case', { column: 'fullName' })]), ['name-snake-case', 'unused-suppression']);
    expect(show(found)).toEqual(['name-snake-case (suppressed): public.vendor.fullName', 'name-snake-case: public.vendor.lastName']);
  });

  it('an expired waiver is an error at its date and silences nothing; on its last day it still holds', () => {
    const json = module([waiver('rls-enabled', { expires: '2026-06-29' })]);
    const found = lint(json, ['rls-enabled', 'waiver-expired', 'unused-suppression']);
    expect(found.map((f) => [f.ruleId, f.severity, f.suppression])).toEqual([
      ['rls-enabled', 'error', undefined],
      ['waiver-expired', 'error', undefined],
    ]);
    const expired = found[1]!;
    const text = JSON.stringify(json, null, 2);
    const line = text.slice(0, text.indexOf('"2026-06-29"')).split('\n').length;
    expect(expired).toMatchObject({ loc: { file: 'app/schema.json', line }, logical: 'public.vendor' });
    expect(expired.message).toBe('waiver of rls-enabled for "vendor" (approved by CISO) expired on 2026-06-29: fix what it silenced, or renew it with a new expiry date and approval');
    expect(show(lint(module([waiver('rls-enabled', { expires: '2026-06-30' })]), ['rls-enabled', 'waiver-expired', 'unused-suppression']))).toEqual(['rls-enabled (suppressed): public.vendor']);
  });

  it('a waiver that silences nothing, or names an unknown rule, is reported at the waiver', () => {
    const json = module([waiver('rls-forced'), waiver('no-such-rule')], { rls: { enabled: true, force: true } });
    const found = lint(json, ['rls-forced', 'unused-suppression']);
    expect(found.map((f) => [f.ruleId, f.message])).toEqual([
      ['unused-suppression', expect.stringMatching(/^unused waiver for rls-forced: no rls-forced finding to suppress/)],
      ['unused-suppression', expect.stringMatching(/^waiver names unknown rule "no-such-rule"/)],
    ]);
    const text = JSON.stringify(json, null, 2);
    expect(found[0]!.loc.line).toBe(text.slice(0, text.indexOf('"rls-forced"')).split('\n').length);
  });

  it('a waiver must name a column the table has and say why and who approved it', () => {
    const found = lint(module([waiver('name-snake-case', { column: 'nope' }), waiver('rls-enabled', { reason: '  ' }), waiver('rls-enabled', { approvedBy: ' ' })]), ['schema-definition-invalid']);
    expect(found.map((f) => f.message)).toEqual([
      'tables[0].waivers[0]: waiver names column "nope", which "vendor" does not have',
      'tables[0].waivers[1]: "reason" must say why the exception is acceptable',
      'tables[0].waivers[2]: "approvedBy" must name who approved the exception',
    ]);
  });

  it('in a module with migrations, waivers apply to the tables the migrations build', () => {
    const json = module([waiver('rls-enabled')]);
    const sql = 'CREATE TABLE vendor (id uuid PRIMARY KEY, "fullName" text, "lastName" text);';
    const found = lint(json, ['rls-enabled', 'schema-drift', 'unused-suppression'], { sql });
    expect(show(found)).toEqual(['rls-enabled (suppressed): public.vendor']);
    expect(found[0]!.loc.file).toBe('app/migrations/001.sql');
  });
});
