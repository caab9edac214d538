import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARD } from '../engine/standard.js';
import { selectModules, moduleSuites } from '../commands/qa-common.js';
import { recordingIO } from '../../test/support/command-io.js';
import { pgUrl, postgresIt } from '../../test/support/postgres.js';
import { CONSTRAINT_OPERATORS, moduleMutants, STANDARD_OPERATORS, type Mutant } from './mutants.js';
import { operatorScores, runMutation } from './mutation.js';

const root = resolve(__dirname, '../..');
const io = recordingIO(root);
const sel = await selectModules(io, ['global'], undefined);
const [global] = moduleSuites(io, sel, root);
const base = pathToFileURL(root + '/');
const all = moduleMutants(sel.model.catalog, DEFAULT_STANDARD, 'global');
const pick = (operator: string, table: string) => all.find((m) => m.operator === operator && m.table === table)!;
const own = (operator: string, table: string, sql: string): Mutant => ({ operator, family: 'constraint', schema: 'public', table, description: sql, sql });

const sample: Mutant[] = [
  pick('drop-fk-index', 'users'),
  pick('no-force-rls', 'audit_log'),
  pick('policy-drop-with-check', 'users'),
  pick('regrant-update-on-log', 'event_log'),
  pick('id-default-gen-random-uuid', 'organisations'),
  pick('check-change-values', 'audit_log'),
  own('stillborn', 'users', 'DROP INDEX no_such_index'),
  own('equivalent', 'users', "COMMENT ON TABLE users IS 'changed'"),
  own('survivor', 'users', 'CREATE INDEX idx_users_full_name ON users (full_name)'),
];

describe('mutation analysis', () => {
  it("makes every one of the standard's operators for module-schemas/global, with quoted names", () => {
    expect(new Set(all.filter((m) => m.family === 'standard').map((m) => m.operator))).toEqual(new Set(STANDARD_OPERATORS));
    expect(new Set(all.filter((m) => m.family === 'constraint').map((m) => m.operator))).toEqual(new Set(CONSTRAINT_OPERATORS));
    expect(pick('drop-fk-index', 'users').sql).toBe('DROP INDEX "public"."idx_users_created_by"');
  });

  it('drops every index that covers a foreign key, so that the key is left without one (PGlite)', async () => {
    // erm's kri_measurement.key_risk_indicator_id leads two indexes: dropping one alone changes nothing
    // the standard asks for, and used to count as a surviving mutant.
    const s = await selectModules(io, ['erm'], undefined);
    const [erm] = moduleSuites(io, s, root);
    const mutant = moduleMutants(s.model.catalog, DEFAULT_STANDARD, 'erm').find((m) => m.operator === 'drop-fk-index' && m.table === 'kri_measurement' && m.sql.includes('series'))!;
    expect(mutant.sql).toBe('DROP INDEX "public"."idx_kri_measurement_key_risk_indicator_id", "public"."idx_kri_measurement_series"');
    const run = await runMutation(erm!.suite, [mutant], { base });
    expect(run.results.map((r) => [r.status, r.killedBy])).toEqual([['killed', 'kri_measurement.key_risk_indicator_id is covered by an index']]);
  }, 600_000);

  it('refuses to report on a database that a mutant changed for good (PGlite)', async () => {
    // Each mutant runs in a transaction that is rolled back; one that commits would leak into the next.
    const leak = own('leak', 'users', 'COMMIT; CREATE INDEX ismslint_leak ON users (full_name)');
    await expect(runMutation(global!.suite, [leak], { base })).rejects.toThrow('global: the mutant ended its transaction, so it cannot be rolled back: COMMIT;');
  }, 600_000);

  it('kills mutants through the requirement that notices, and tells stillborn, equivalent and surviving ones apart (PGlite)', async () => {
    const run = await runMutation(global!.suite, sample, { base });
    expect(run.baselineFailures).toEqual([]);
    expect(run.results.map((r) => [r.mutant.operator, r.status, r.killedBy])).toEqual([
      ['drop-fk-index', 'killed', 'users.created_by is covered by an index'],
      ['no-force-rls', 'killed', 'audit_log has row-level security enabled and forced'],
      ['policy-drop-with-check', 'killed', 'users: policy tenant_isolation is permissive, for ALL, to public'],
      ['regrant-update-on-log', 'killed', 'event_log: the application role holds no UPDATE, DELETE or TRUNCATE privilege'],
      ['id-default-gen-random-uuid', 'killed', 'organisations.id is uuid NOT NULL DEFAULT generate_uuidv7()'],
      // The test rows use the value the mutant no longer allows: the suite cannot even set up.
      ['check-change-values', 'killed', expect.stringMatching(/^test setup: new row for relation "audit_log" violates check constraint "audit_log_[a-z_]+_check"/)],
      ['stillborn', 'stillborn', undefined],
      ['equivalent', 'equivalent', undefined],
      ['survivor', 'survived', undefined],
    ]);
    const scores = operatorScores(run.results);
    expect(scores.find((s) => s.operator === 'drop-fk-index')).toEqual({ operator: 'drop-fk-index', family: 'standard', killed: 1, total: 1, stillborn: 0, equivalent: 0 });
    expect(scores.find((s) => s.operator === 'stillborn')).toMatchObject({ killed: 0, total: 0, stillborn: 1 });
  }, 600_000);

  // The bar: every mutant of the standard's operators killed, at least 95% of the constraint
  // mutants, on both engines. A module of module-schemas/ and the hostile fixture in the project's tests; .ci/run runs
  // `ismslint test --mutation` over all of module-schemas/.
  const meetsTheBar = async (target: string, databaseUrl?: string) => {
    const s = await selectModules(io, [target], undefined);
    const [m] = moduleSuites(io, s, root);
    const mutants = moduleMutants(s.model.catalog, DEFAULT_STANDARD, m!.suite.module);
    const run = await runMutation(m!.suite, mutants, { base, databaseUrl });
    expect(run.baselineFailures).toEqual([]);
    const counted = run.results.filter((r) => r.status === 'killed' || r.status === 'survived');
    const survivors = (family: string) => counted.filter((r) => r.mutant.family === family && r.status === 'survived').map((r) => r.mutant.description);
    expect(survivors('standard')).toEqual([]);
    const constraint = counted.filter((r) => r.mutant.family === 'constraint');
    expect(constraint.filter((r) => r.status === 'killed').length / constraint.length, survivors('constraint').join('; ')).toBeGreaterThanOrEqual(0.95);
    expect(new Set(counted.filter((r) => r.mutant.family === 'standard').map((r) => r.mutant.operator)).size).toBeGreaterThanOrEqual(target === 'global' ? STANDARD_OPERATORS.length : 10);
  };
  // The hostile fixture's run on PGlite is the CLI's test (test/cli-mutation.test.ts).
  it('global: every standard mutant and at least 95% of constraint mutants are killed (PGlite)', () => meetsTheBar('global'), 900_000);
  for (const target of ['global', 'fixtures/qa/hostile']) {
    postgresIt(`${target}: every standard mutant and at least 95% of constraint mutants are killed (PostgreSQL 15)`, () => meetsTheBar(target, pgUrl()), 900_000);
  }

  postgresIt(
    'gives the same verdicts on PostgreSQL 15',
    async () => {
      const run = await runMutation(global!.suite, sample, { base, databaseUrl: pgUrl() });
      expect(run.results.map((r) => r.status)).toEqual(['killed', 'killed', 'killed', 'killed', 'killed', 'killed', 'stillborn', 'equivalent', 'survived']);
    },
    600_000,
  );
});
