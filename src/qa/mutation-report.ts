/** The mutation score per operator and in total, with every surviving mutant named. */
import { operatorScores, type MutationRun } from './mutation.js';

export interface MutationTotals {
  killed: number;
  total: number;
  /** Killed of total, in percent; 100 when no mutant counts. */
  score: number;
}

export function mutationTotals(runs: MutationRun[], family?: 'standard' | 'constraint'): MutationTotals {
  const results = runs.flatMap((r) => r.results).filter((r) => (family ? r.mutant.family === family : true) && (r.status === 'killed' || r.status === 'survived'));
  const killed = results.filter((r) => r.status === 'killed').length;
  return { killed, total: results.length, score: results.length ? (100 * killed) / results.length : 100 };
}

const pct = (t: MutationTotals) => `${t.score.toFixed(1)}%`;

/**
 * The analysis fails when a suite fails unmutated, the score is below the threshold, or a mutant of
 * the standard's own operators survives: the suites exist to prove the standard, so no such gap is
 * allowed whatever the threshold.
 */
export function mutationFailed(runs: MutationRun[], threshold: number): boolean {
  const std = mutationTotals(runs, 'standard');
  return runs.some((r) => r.baselineFailures.length > 0) || mutationTotals(runs).score < threshold || std.killed < std.total;
}

export function formatMutationStylish(runs: MutationRun[], threshold: number): string {
  const out: string[] = [];
  for (const run of runs) {
    out.push(`module ${run.module}`);
    for (const n of run.notes) out.push(`  note: ${n}`);
    if (run.baselineFailures.length) {
      out.push('  the suite fails on the unmutated database, so no mutant was run:');
      for (const f of run.baselineFailures) out.push(`    ✗ ${JSON.stringify(f).slice(1, -1)}`);
      out.push('');
      continue;
    }
    const scores = operatorScores(run.results);
    const width = Math.max(8, ...scores.map((s) => s.operator.length));
    out.push(`  ${'operator'.padEnd(width)}  family      killed/total  stillborn  equivalent`);
    for (const s of scores)
      out.push(`  ${s.operator.padEnd(width)}  ${s.family.padEnd(10)}  ${`${s.killed}/${s.total}`.padStart(12)}  ${String(s.stillborn).padStart(9)}  ${String(s.equivalent).padStart(10)}`);
    const quoted = (text: string) => JSON.stringify(text).slice(1, -1);
    for (const r of run.results.filter((r) => r.status === 'survived')) out.push(`  survived: ${r.mutant.operator}: ${quoted(r.mutant.description)}`);
    for (const r of run.results.filter((r) => r.status === 'stillborn')) out.push(`  dropped, stillborn: ${r.mutant.operator}: ${quoted(r.mutant.description)}: ${quoted(r.error ?? '')}`);
    for (const r of run.results.filter((r) => r.status === 'equivalent')) out.push(`  dropped, equivalent (catalog unchanged): ${r.mutant.operator}: ${quoted(r.mutant.description)}`);
    out.push('');
  }
  const all = mutationTotals(runs);
  const std = mutationTotals(runs, 'standard');
  const con = mutationTotals(runs, 'constraint');
  out.push(`standard operators: ${std.killed}/${std.total} killed (${pct(std)}); constraint operators: ${con.killed}/${con.total} killed (${pct(con)})`);
  const failed = mutationFailed(runs, threshold);
  const why = std.killed < std.total ? `; ${std.total - std.killed} of the standard's own mutants survived, and each must be killed` : '';
  out.push(`${failed ? '✗' : '✓'} mutation score ${pct(all)} (${all.killed}/${all.total}), threshold ${threshold}%${why}`);
  return out.join('\n') + '\n';
}

export function formatMutationJson(runs: MutationRun[], threshold: number, version: string): string {
  return (
    JSON.stringify(
      {
        tool: 'ismslint',
        version,
        kind: 'qa-mutation',
        threshold,
        total: mutationTotals(runs),
        standard: mutationTotals(runs, 'standard'),
        constraint: mutationTotals(runs, 'constraint'),
        modules: runs.map((r) => ({
          module: r.module,
          notes: r.notes,
          baselineFailures: r.baselineFailures,
          operators: operatorScores(r.results),
          mutants: r.results.map((x) => ({
            operator: x.mutant.operator,
            family: x.mutant.family,
            table: x.mutant.table,
            description: x.mutant.description,
            status: x.status,
            ...(x.killedBy ? { killedBy: x.killedBy } : {}),
            ...(x.error ? { error: x.error } : {}),
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
