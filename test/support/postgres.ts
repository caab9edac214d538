/**
 * Tests against a real PostgreSQL server (15, as production runs it). The server comes from
 * `.ci/start-postgres.sh`, which prints `export ISMSLINT_TEST_PG_URL=…`. Without that variable the
 * tests are skipped locally with the reason in their name, but fail under CI: a CI run that
 * silently skipped them would prove nothing.
 */
import pg from 'pg';
import { it } from 'vitest';

const START_HINT = 'start one with: eval "$(bash .ci/start-postgres.sh)"';

export function pgUrl(): string | undefined {
  const url = process.env.ISMSLINT_TEST_PG_URL;
  return url && url.trim() !== '' ? url.trim() : undefined;
}

let counter = 0;

/** Run `fn` in a schema of its own (first on the search_path), dropped afterwards whatever happens. */
export async function withPostgresSchema<T>(fn: (client: pg.Client, schema: string) => Promise<T>): Promise<T> {
  const url = pgUrl();
  if (!url) throw new Error(`ISMSLINT_TEST_PG_URL is not set: ${START_HINT}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `ismslint_test_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    return await fn(client, schema);
  } finally {
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  }
}

/** Roles live in the whole cluster, not in a schema: create them once, tolerating other tests' copies. */
export async function ensureRoles(client: pg.Client, roles: string[]): Promise<void> {
  for (const role of roles) {
    await client.query(`DO $$ BEGIN CREATE ROLE ${pg.escapeIdentifier(role)} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  }
}

/**
 * `it` for a test that needs the server: runs `fn` through withPostgresSchema; without
 * ISMSLINT_TEST_PG_URL it fails under CI (CI set) and is skipped elsewhere, saying why.
 */
export function postgresIt(name: string, fn: (client: pg.Client, schema: string) => Promise<void>, timeout?: number): void {
  if (pgUrl()) {
    it(name, () => withPostgresSchema(fn), timeout);
  } else if (process.env.CI) {
    it(name, () => {
      throw new Error(`needs PostgreSQL 15 but ISMSLINT_TEST_PG_URL is not set; under CI this is a failure, not a skip: ${START_HINT}`);
    });
  } else {
    const reason = `ISMSLINT_TEST_PG_URL is not set; ${START_HINT}`;
    console.warn(`skipping "${name}": ${reason}`);
    it.skip(`${name} [skipped: ${reason}]`, () => {});
  }
}
