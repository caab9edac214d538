/**
 * `ismslint/qa`: the runtime that generated vitest suites import. It builds the database a suite runs
 * on (embedded PGlite, or a fresh database on the server `ISMSLINT_DATABASE_URL` names, dropped
 * afterwards) from the module's migrations, and checks each requirement.
 */
import type { Requirement, Suite } from './types.js';
import { openDatabase, type Database } from './database.js';
import { applyMigrations, applySetup, BuildError, readSources } from './build.js';
import { checkRequirement, type RequirementResult } from './check.js';
import { literal } from './sql.js';

export type { Assertion, BuildSource, Requirement, RequirementGroup, Step, Suite } from './types.js';
export type { AssertionResult, RequirementResult } from './check.js';
export type { Database } from './database.js';
export { abortOpenDatabases, DatabaseServerError, openDatabase, pgliteDatabase } from './database.js';
export { applyMigrations, applySetup, BuildError, readSources } from './build.js';
export { checkRequirement } from './check.js';

export interface SuiteDatabase {
  db: Database;
  /** What the runtime supplied that the engine lacks (a stand-in create_hypertable). */
  notes: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Where the suite's migration paths are relative to: the suite file's directory (`new URL('.', import.meta.url)`). */
  base: URL;
  /** A server URL; default `ISMSLINT_DATABASE_URL`, else embedded PGlite. */
  databaseUrl?: string;
}

export interface RunOptions {
  base: URL;
  /** A server URL, or none for embedded PGlite: the caller decides, the environment is not read. */
  databaseUrl?: string;
}

export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.ISMSLINT_DATABASE_URL?.trim();
  return url ? url : undefined;
}

/** A database built from the suite's migrations with its setup applied (migrations, then role, grants and test rows). */
export async function openSuiteDatabase(suite: Suite, opts: OpenOptions): Promise<SuiteDatabase> {
  return buildSuiteDatabase(suite, opts.base, opts.databaseUrl ?? databaseUrlFromEnv());
}

async function buildSuiteDatabase(suite: Suite, base: URL, url: string | undefined): Promise<SuiteDatabase> {
  const sources = await readSources(suite.build, base);
  const db = await openDatabase(url);
  try {
    const notes = await applyMigrations(db, sources);
    // The setup creates the application role where it is missing; a role this run made goes with its database.
    if (db.engine === 'postgresql' && (await db.query(`SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${literal(suite.appRole)}`)).rows.length === 0) db.dropRoleOnClose(suite.appRole);
    await applySetup(db, suite);
    return { db, notes, close: () => db.close() };
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
}

export interface SuiteResult {
  module: string;
  engine: 'pglite' | 'postgresql';
  /** The server's version as it reports it (`SHOW server_version`); absent when the database did not build. */
  engineVersion?: string;
  notes: string[];
  requirements: RequirementResult[];
}

/**
 * Build and check every requirement; a database that cannot be built is one failed requirement. Unlike
 * openSuiteDatabase, it does not read ISMSLINT_DATABASE_URL: `ismslint test` reads it from its own environment.
 */
export async function runSuite(suite: Suite, opts: RunOptions): Promise<SuiteResult> {
  const url = opts.databaseUrl;
  const engine = url ? 'postgresql' : 'pglite';
  let built: SuiteDatabase;
  try {
    built = await buildSuiteDatabase(suite, opts.base, url);
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return { module: suite.module, engine, notes: [], requirements: [buildFailure(suite, e)] };
  }
  try {
    const version = (await built.db.query('SHOW server_version')).rows[0] as { server_version?: string } | undefined;
    const requirements: RequirementResult[] = [];
    for (const r of suite.requirements) requirements.push(await checkRequirement(built.db, r));
    return { module: suite.module, engine, ...(version?.server_version ? { engineVersion: version.server_version } : {}), notes: built.notes, requirements };
  } finally {
    await built.close();
  }
}

export function buildFailure(suite: Pick<Suite, 'module'>, e: BuildError): RequirementResult {
  return {
    title: `${suite.module}: the database builds from the module's migrations`,
    group: 'schema',
    table: '',
    ok: false,
    assertions: [{ label: `${e.source}${e.at ? `:${e.at.line}:${e.at.column}` : ''}`, ok: false, diagnostic: e.reason }],
  };
}

/** For a vitest `it`: check the requirement and throw a readable error listing what failed. */
export async function expectRequirement(suiteDb: SuiteDatabase, req: Requirement): Promise<void> {
  const r = await checkRequirement(suiteDb.db, req);
  if (r.ok) return;
  const lines = r.assertions.filter((a) => !a.ok).map((a) => `  ✗ ${a.label}${a.diagnostic ? `: ${a.diagnostic}` : ''}`);
  throw new Error(`${req.title}\n${lines.join('\n')}`);
}
