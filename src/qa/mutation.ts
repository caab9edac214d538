/**
 * Mutation analysis. The module is built once; each mutant is one change applied after the migrations
 * inside a transaction that is rolled back afterwards: PostgreSQL's DDL is transactional, so this is a
 * copy of the built database that costs a savepoint instead of a PGlite clone (seconds each) or a
 * CREATE DATABASE … TEMPLATE. A mutant is stillborn when its change does not apply, equivalent when the
 * catalog is unchanged, killed when a requirement of its table fails.
 */
import type { Requirement, Suite } from './runtime/types.js';
import { applyMigrations, applySetup, BuildError, checkRequirement, openDatabase, readSources, type Database } from './runtime/index.js';
import { catalogSnapshotSql, CONSTRAINT_OPERATORS, STANDARD_OPERATORS, type Mutant } from './mutants.js';

export type MutantStatus = 'killed' | 'survived' | 'stillborn' | 'equivalent';

export interface MutantResult {
  mutant: Mutant;
  status: MutantStatus;
  /** The first requirement that failed, for a killed mutant. */
  killedBy?: string;
  /** Why a stillborn mutant did not apply: the engine's error. */
  error?: string;
}

export interface MutationRun {
  module: string;
  notes: string[];
  /** Requirements that fail on the unmutated database: the analysis means nothing until they pass. */
  baselineFailures: string[];
  results: MutantResult[];
}

export interface MutationOptions {
  base: URL;
  databaseUrl?: string;
  /** Called before each mutant: how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
}

const DML = new Set(['throws', 'lives', 'affects', 'nothing_visible', 'is_empty']);
const readsCatalogOnly = (r: Requirement) => !r.steps.some((s) => 'run' in s || DML.has(s.kind));

async function snapshot(db: Database, m: Pick<Mutant, 'schema' | 'table'>): Promise<string> {
  return String((await db.query(catalogSnapshotSql(m.schema, m.table))).rows[0]?.snapshot ?? '');
}

/**
 * The database as a requirement sees it inside a mutant's transaction: the requirement's own
 * transaction becomes a savepoint. Any other transaction control would end the mutant's transaction,
 * so it is refused loudly rather than leaking a mutant into the next one.
 */
function nested(db: Database): Database {
  const control = /^\s*(BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE)\b/i;
  return {
    engine: db.engine,
    url: db.url,
    query: (sql) => db.query(sql),
    async exec(sql) {
      if (sql === 'BEGIN') return db.exec('SAVEPOINT ismslint_requirement');
      if (sql === 'ROLLBACK') return db.exec('ROLLBACK TO SAVEPOINT ismslint_requirement; RELEASE SAVEPOINT ismslint_requirement');
      if (control.test(sql) && !/^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT) ismslint_step$/.test(sql))
        throw new Error(`mutation analysis: unexpected transaction control in a requirement: ${sql}`);
      return db.exec(sql);
    },
    clone: () => Promise.reject(new Error('mutation analysis: no copy inside a mutant')),
    dropRoleOnClose: (role) => db.dropRoleOnClose(role),
    close: () => Promise.resolve(),
  };
}

async function inTransaction<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN');
  try {
    return await fn();
  } finally {
    await db.exec('ROLLBACK');
  }
}

async function failing(db: Database, requirements: Requirement[]): Promise<string | undefined> {
  for (const r of requirements) if (!(await checkRequirement(db, r)).ok) return r.title;
  return undefined;
}

/**
 * The first requirement of the mutated table that fails. Catalog checks that pass on the unmutated
 * database before the test setup run first, without it: the setup only adds a role, its grants, a
 * temporary helper and rows, and none of these can restore what a mutant removed, so such a failure
 * is the suite's failure too. Then the setup (a failure kills), then every other requirement.
 */
async function firstFailure(db: Database, suite: Suite, related: Requirement[], withoutSetup: Set<string>, hint: Set<string>): Promise<string | undefined> {
  const early = byRelevance(
    related.filter((r) => withoutSetup.has(r.title)),
    hint,
  );
  const killedEarly = await failing(db, early);
  if (killedEarly) return killedEarly;
  try {
    await applySetup(db, suite);
  } catch (e) {
    return e instanceof BuildError ? `test setup: ${e.reason}` : String(e);
  }
  const rest = related.filter((r) => !withoutSetup.has(r.title));
  return failing(db, [...rest.filter(readsCatalogOnly), ...rest.filter((r) => !readsCatalogOnly(r))]);
}

const words = (text: string) => new Set(text.match(/[\p{L}_][\p{L}\p{N}_$]*/gu) ?? []);
const requirementWords = new WeakMap<Requirement, Set<string>>();

/**
 * The requirements that share the most words with what the mutant changed in the catalog first: the
 * one that fails is then usually among the first few. Only the order changes, never the verdict.
 */
function byRelevance(requirements: Requirement[], hint: Set<string>): Requirement[] {
  const score = (r: Requirement) => {
    let w = requirementWords.get(r);
    if (!w) requirementWords.set(r, (w = words(r.title + JSON.stringify(r.steps))));
    let n = 0;
    for (const x of hint) if (w.has(x)) n++;
    return n;
  };
  const scored = requirements.map((r, i) => ({ r, i, n: score(r) }));
  return scored.sort((a, b) => b.n - a.n || a.i - b.i).map((x) => x.r);
}

/** The words of the catalog lines that differ between two snapshots. */
function changedWords(before: string, after: string): Set<string> {
  const a = new Set(before.split('\n'));
  const b = new Set(after.split('\n'));
  const changed = [...[...a].filter((l) => !b.has(l)), ...[...b].filter((l) => !a.has(l))];
  return words(changed.join('\n'));
}

export async function runMutation(suite: Suite, mutants: Mutant[], opts: MutationOptions): Promise<MutationRun> {
  const sources = await readSources(suite.build, opts.base);
  const db = await openDatabase(opts.databaseUrl);
  try {
    const notes = await applyMigrations(db, sources);
    // Each mutated table's catalog as built, to tell equivalent mutants and to prove the rollbacks.
    const originals = new Map<string, { table: Mutant; snapshot: string }>();
    for (const m of mutants) {
      const key = JSON.stringify([m.schema, m.table]);
      if (!originals.has(key)) originals.set(key, { table: m, snapshot: await snapshot(db, m) });
    }
    const original = (m: Mutant) => originals.get(JSON.stringify([m.schema, m.table]))?.snapshot;
    const tx = nested(db);
    const withoutSetup = new Set<string>();
    const baselineFailures = await inTransaction(db, async () => {
      for (const r of suite.requirements.filter(readsCatalogOnly)) if ((await checkRequirement(tx, r)).ok) withoutSetup.add(r.title);
      try {
        await applySetup(db, suite);
      } catch (e) {
        return [e instanceof BuildError ? `test setup: ${e.reason}` : String(e)];
      }
      const failed: string[] = [];
      for (const r of suite.requirements) if (!(await checkRequirement(tx, r)).ok) failed.push(r.title);
      return failed;
    });
    const results: MutantResult[] = [];
    if (baselineFailures.length) return { module: suite.module, notes, baselineFailures, results };
    for (const mutant of mutants) {
      opts.onProgress?.(results.length, mutants.length);
      results.push(
        await inTransaction(db, async (): Promise<MutantResult> => {
          await db.exec("SET LOCAL ismslint.mutant TO 'open'");
          try {
            await db.exec(mutant.sql);
          } catch (e) {
            return { mutant, status: 'stillborn', error: e instanceof Error ? e.message : String(e) };
          }
          // The setting lives as long as the transaction: gone, the mutant committed and would outlive it.
          const open = await db.query("SELECT current_setting('ismslint.mutant', true) AS open");
          if (open.rows[0]?.open !== 'open') throw new Error(`mutation analysis of ${suite.module}: the mutant ended its transaction, so it cannot be rolled back: ${mutant.description}`);
          const after = await snapshot(db, mutant);
          const before = original(mutant) ?? '';
          if (after === before) return { mutant, status: 'equivalent' };
          const related = suite.requirements.filter((r) => r.table === mutant.table || r.table === 'The application role');
          const killedBy = await firstFailure(tx, suite, related, withoutSetup, changedWords(before, after));
          return killedBy ? { mutant, status: 'killed', killedBy } : { mutant, status: 'survived' };
        }),
      );
    }
    for (const { table: m, snapshot: built } of originals.values()) {
      if ((await snapshot(db, m)) !== built) throw new Error(`mutation analysis of ${suite.module}: ${m.table} differs from the built one after the mutants were rolled back`);
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
  // The standard's operators first, each in the order of its list, so every module's table reads alike.
  const order: string[] = [...STANDARD_OPERATORS, ...CONSTRAINT_OPERATORS];
  const rank = (s: OperatorScore) => (order.includes(s.operator) ? order.indexOf(s.operator) : order.length);
  return [...by.values()].sort((a, b) => (a.family === b.family ? 0 : a.family === 'standard' ? -1 : 1) || rank(a) - rank(b));
}
