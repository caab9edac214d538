/**
 * Mutation analysis: each mutant is a copy of the built database (PGlite clone, or CREATE DATABASE …
 * TEMPLATE) with one change applied after the migrations. A mutant is stillborn when its change does
 * not apply, equivalent when the catalog is unchanged, killed when a requirement of its table fails.
 */
import type { Requirement, Suite } from './runtime/types.js';
import { applyMigrations, applySetup, BuildError, checkRequirement, openDatabase, readSources, type Database } from './runtime/index.js';
import { CATALOG_SNAPSHOT_SQL, type Mutant } from './mutants.js';

export type MutantStatus = 'killed' | 'survived' | 'stillborn' | 'equivalent';

export interface MutantResult {
  mutant: Mutant;
  status: MutantStatus;
  /** The first requirement that failed, for a killed mutant. */
  killedBy?: string;
}

export interface MutationRun {
  module: string;
  notes: string[];
  /** Requirements that fail on the unmutated database: the analysis means nothing until they pass. */
  baselineFailures: string[];
  results: MutantResult[];
}

const DML = new Set(['throws', 'lives', 'affects', 'nothing_visible', 'is_empty']);

/** Catalog checks first: they are quick, and most mutants change the catalog. */
function byCost(a: Requirement, b: Requirement): number {
  const cost = (r: Requirement) => (r.steps.some((s) => 'run' in s || DML.has(s.kind)) ? 1 : 0);
  return cost(a) - cost(b);
}

async function snapshot(db: Database): Promise<string> {
  return String((await db.query(CATALOG_SNAPSHOT_SQL)).rows[0]?.snapshot ?? '');
}

async function firstFailure(db: Database, suite: Suite, requirements: Requirement[]): Promise<string | undefined> {
  try {
    await applySetup(db, suite);
  } catch (e) {
    return e instanceof BuildError ? `test setup: ${e.reason}` : String(e);
  }
  for (const r of requirements) {
    if (!(await checkRequirement(db, r)).ok) return r.title;
  }
  return undefined;
}

export async function runMutation(suite: Suite, mutants: Mutant[], opts: { base: URL; databaseUrl?: string }): Promise<MutationRun> {
  const sources = await readSources(suite.build, opts.base);
  const db = await openDatabase(opts.databaseUrl);
  try {
    const notes = await applyMigrations(db, sources);
    const original = await snapshot(db);
    const baseline = await db.clone();
    const baselineFailures: string[] = [];
    try {
      await applySetup(baseline, suite);
      for (const r of suite.requirements) if (!(await checkRequirement(baseline, r)).ok) baselineFailures.push(r.title);
    } finally {
      await baseline.close();
    }
    const results: MutantResult[] = [];
    if (baselineFailures.length) return { module: suite.module, notes, baselineFailures, results };
    for (const mutant of mutants) {
      const copy = await db.clone();
      try {
        try {
          await copy.exec(mutant.sql);
        } catch {
          results.push({ mutant, status: 'stillborn' });
          continue;
        }
        if ((await snapshot(copy)) === original) {
          results.push({ mutant, status: 'equivalent' });
          continue;
        }
        const related = suite.requirements.filter((r) => r.table === mutant.table || r.table === 'The application role').sort(byCost);
        const killedBy = await firstFailure(copy, suite, related);
        results.push(killedBy ? { mutant, status: 'killed', killedBy } : { mutant, status: 'survived' });
      } finally {
        await copy.close();
      }
    }
    return { module: suite.module, notes, baselineFailures, results };
  } finally {
    await db.close();
  }
}

export interface OperatorScore {
  operator: string;
  family: Mutant['family'];
  killed: number;
  /** Mutants that count: neither stillborn nor equivalent. */
  total: number;
  stillborn: number;
  equivalent: number;
}

export function operatorScores(results: MutantResult[]): OperatorScore[] {
  const by = new Map<string, OperatorScore>();
  for (const r of results) {
    let s = by.get(r.mutant.operator);
    if (!s) by.set(r.mutant.operator, (s = { operator: r.mutant.operator, family: r.mutant.family, killed: 0, total: 0, stillborn: 0, equivalent: 0 }));
    if (r.status === 'stillborn') s.stillborn++;
    else if (r.status === 'equivalent') s.equivalent++;
    else {
      s.total++;
      if (r.status === 'killed') s.killed++;
    }
  }
  // The standard's operators first, each family in the order its mutants were made.
  return [...by.values()].sort((a, b) => (a.family === b.family ? 0 : a.family === 'standard' ? -1 : 1));
}
