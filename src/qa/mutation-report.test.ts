import { describe, expect, it } from 'vitest';
import type { Mutant } from './mutants.js';
import type { MutantResult, MutationRun } from './mutation.js';
import { formatMutationJson, formatMutationStylish, mutationFailed } from './mutation-report.js';

const mutant = (operator: string, family: Mutant['family'], description: string): Mutant => ({ operator, family, schema: 'public', table: 't', description, sql: '' });

function run(results: MutantResult[]): MutationRun {
  return { module: 'm', notes: [], baselineFailures: [], results };
}

const constraintKilled = (n: number): MutantResult[] =>
  Array.from({ length: n }, (_, i) => ({ mutant: mutant('not-null-add', 'constraint', `t: c${i} SET NOT NULL`), status: 'killed', killedBy: `t.c${i} allows NULL` }));

describe('mutation report', () => {
  it('names every surviving and every dropped mutant with its reason', () => {
    const text = formatMutationStylish(
      [
        run([
          { mutant: mutant('drop-fk-index', 'standard', 't: DROP INDEX i (covers a)'), status: 'killed', killedBy: 't.a is covered by an index' },
          { mutant: mutant('check-remove', 'constraint', 't: DROP CONSTRAINT "x\ny"'), status: 'survived' },
          {
            mutant: mutant('pk-remove-column', 'constraint', 't: PRIMARY KEY t_pkey without id'),
            status: 'stillborn',
            error: 'cannot drop constraint t_pkey on table t because other objects depend on it',
          },
          { mutant: mutant('not-null-add', 'constraint', 't: b SET NOT NULL'), status: 'equivalent' },
        ]),
      ],
      95,
    );
    expect(text).toContain('  drop-fk-index     standard             1/1          0           0\n');
    expect(text).toContain('  survived: check-remove: t: DROP CONSTRAINT \\"x\\ny\\"\n');
    expect(text).toContain('  dropped, stillborn: pk-remove-column: t: PRIMARY KEY t_pkey without id: cannot drop constraint t_pkey on table t because other objects depend on it\n');
    expect(text).toContain('  dropped, equivalent (catalog unchanged): not-null-add: t: b SET NOT NULL\n');
    expect(text).toMatch(/✗ mutation score 50\.0% \(1\/2\), threshold 95%\n$/);
  });

  it('fails below the threshold, and whatever the threshold when a mutant of the standard survives', () => {
    const std = (status: 'killed' | 'survived'): MutantResult => ({ mutant: mutant('disable-rls', 'standard', 't: DISABLE ROW LEVEL SECURITY'), status });
    // 19 of 20 constraint mutants: 95%.
    const nineteen = [...constraintKilled(19), { mutant: mutant('check-remove', 'constraint', 't: DROP CONSTRAINT c'), status: 'survived' } as MutantResult];
    expect(mutationFailed([run(nineteen)], 95)).toBe(false);
    expect(mutationFailed([run(nineteen)], 96)).toBe(true);
    const withStandard = [...constraintKilled(99), std('survived')];
    expect(mutationFailed([run(withStandard)], 95)).toBe(true);
    expect(formatMutationStylish([run(withStandard)], 95)).toMatch(/✗ mutation score 99\.0% \(99\/100\), threshold 95%; 1 of the standard's own mutants survived, and each must be killed\n$/);
    expect(mutationFailed([run([...constraintKilled(99), std('killed')])], 95)).toBe(false);
    expect(mutationFailed([{ ...run(constraintKilled(1)), baselineFailures: ['t.a is covered by an index'] }], 0)).toBe(true);
  });

  it('writes JSON that ismslint report reads (kind qa-mutation, total.score) with each mutant and its reason', () => {
    const json = JSON.parse(formatMutationJson([run([...constraintKilled(1), { mutant: mutant('pk-remove-column', 'constraint', 'd'), status: 'stillborn', error: 'e' }])], 95, '1.2.3'));
    expect(json).toMatchObject({ tool: 'ismslint', version: '1.2.3', kind: 'qa-mutation', threshold: 95, total: { killed: 1, total: 1, score: 100 } });
    expect(json.modules[0].mutants[1]).toEqual({ operator: 'pk-remove-column', family: 'constraint', table: 't', description: 'd', status: 'stillborn', error: 'e' });
  });
});
