/** Build a suite's database: the stand-ins the engine lacks, then the migrations in order, then the suite's setup. */
import { readFile } from 'node:fs/promises';
import type { BuildSource, Suite } from './types.js';
import { asDatabaseError, type Database } from './database.js';
import { errorLocation, locateFailure } from './locate.js';

/** TimescaleDB's create_hypertable, for engines without TimescaleDB: checks its arguments and leaves a plain table. */
const HYPERTABLE_STAND_IN = `CREATE FUNCTION public.create_hypertable(
  relation regclass, time_column_name name, partitioning_column name DEFAULT NULL, number_partitions integer DEFAULT NULL,
  chunk_time_interval interval DEFAULT NULL, create_default_indexes boolean DEFAULT true, if_not_exists boolean DEFAULT false,
  partitioning_func regproc DEFAULT NULL, migrate_data boolean DEFAULT false
) RETURNS text LANGUAGE plpgsql AS $ismslint$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = relation AND attname = time_column_name AND NOT attisdropped) THEN
    RAISE EXCEPTION 'column "%" does not exist', time_column_name USING ERRCODE = 'undefined_column';
  END IF;
  RETURN relation::text || ' (plain table: create_hypertable stand-in, TimescaleDB absent)';
END
$ismslint$`;

export class BuildError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
    /** Where in the source the server says the error is (1-based), when it says. */
    readonly at?: { line: number; column: number },
  ) {
    super(`${source}${at ? `:${at.line}:${at.column}` : ''}: ${reason}`);
  }
}

/** Read the sources' text; a file path is resolved against `base` (the suite file's directory, or the working directory). */
export async function readSources(sources: BuildSource[], base: URL): Promise<{ name: string; sql: string; note?: string }[]> {
  return Promise.all(
    sources.map(async (s) => {
      if ('sql' in s) return s;
      try {
        return { name: s.file, sql: await readFile(new URL(s.file.split('/').map(encodeURIComponent).join('/'), base), 'utf8') };
      } catch (e) {
        throw new BuildError(s.file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }),
  );
}

/** Stand-ins first (said in the returned notes), then every source in order. */
export async function applyMigrations(db: Database, sources: { name: string; sql: string; note?: string }[]): Promise<string[]> {
  const notes: string[] = [];
  const timescale = await db.query(`SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'timescaledb') AS available`);
  const usesHypertables = sources.some((s) => /create_hypertable/i.test(s.sql));
  if (usesHypertables) {
    if (timescale.rows[0]?.available === true) {
      await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
    } else {
      await db.exec(HYPERTABLE_STAND_IN);
      notes.push(`TimescaleDB is absent on this ${db.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} database: create_hypertable is a stand-in that leaves hypertables as plain tables`);
    }
  }
  for (const s of sources) {
    if (s.note) notes.push(s.note);
    try {
      await db.exec(s.sql);
    } catch (e) {
      const message = asDatabaseError(e).message;
      throw new BuildError(s.name, `does not apply: ${message}`, errorLocation(s.sql, e) ?? (await locateFailure(db, s.sql, message)));
    }
  }
  return notes;
}

/** The suite's setup as the session user: the application role, its grants, the helper, the test rows. */
export async function applySetup(db: Database, suite: Pick<Suite, 'setup'>): Promise<void> {
  for (const sql of suite.setup) {
    try {
      await db.exec(sql);
    } catch (e) {
      throw new BuildError('test setup', `${asDatabaseError(e).message} (in: ${sql.split('\n')[0]!.slice(0, 200)})`);
    }
  }
}
