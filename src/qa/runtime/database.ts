/**
 * The database a suite runs on: embedded PGlite by default, or a fresh database on a real PostgreSQL
 * server (created for the run, dropped afterwards) when a URL is given.
 */
export interface QueryResult {
  rows: Record<string, unknown>[];
  affected: number;
}

export interface Database {
  readonly engine: 'pglite' | 'postgresql';
  /** The connection URL of the fresh database, on PostgreSQL (for pg_prove or psql). */
  readonly url?: string;
  query(sql: string): Promise<QueryResult>;
  /** Several statements in one string (a migration file). */
  exec(sql: string): Promise<void>;
  /** A copy of the database as it is now (PGlite clone, or CREATE DATABASE … TEMPLATE). */
  clone(): Promise<Database>;
  close(): Promise<void>;
}

export interface DatabaseError {
  code?: string;
  message: string;
}

export function asDatabaseError(e: unknown): DatabaseError {
  const err = e as { code?: unknown; message?: unknown };
  return { code: typeof err?.code === 'string' ? err.code : undefined, message: String(err?.message ?? e) };
}

export async function openDatabase(url?: string): Promise<Database> {
  return url ? openPostgres(url) : openPglite();
}

async function openPglite(): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  return wrapPglite((await PGlite.create()) as unknown as PGliteLike);
}

type PGliteLike = {
  query(sql: string): Promise<{ rows: unknown[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  clone(): Promise<PGliteLike>;
  close(): Promise<void>;
};

/** A PGlite instance the caller created (with extensions such as pgTAP) as a Database. */
export function pgliteDatabase(pg: unknown): Database {
  return wrapPglite(pg as PGliteLike);
}

function wrapPglite(pg: PGliteLike): Database {
  return {
    engine: 'pglite',
    async query(sql) {
      const r = await pg.query(sql);
      return { rows: r.rows as Record<string, unknown>[], affected: r.affectedRows ?? 0 };
    },
    async exec(sql) {
      await pg.exec(sql);
    },
    async clone() {
      return wrapPglite(await pg.clone());
    },
    close: () => pg.close(),
  };
}

let counter = 0;

async function openPostgres(url: string, template?: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `ismslint_qa_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`);
  } catch (e) {
    await admin.end();
    throw e;
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const connect = () => {
    const c = new pg.Client({ connectionString: target.toString() });
    // Notices (the stand-in create_hypertable, DROP … IF EXISTS) are not results.
    c.on('notice', () => {});
    return c;
  };
  let client = connect();
  try {
    await client.connect();
  } catch (e) {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`).finally(() => admin.end());
    throw e;
  }
  let closed = false;
  const db: Database = {
    engine: 'postgresql',
    url: target.toString(),
    async query(sql) {
      const r = await client.query(sql);
      return { rows: r.rows, affected: r.rowCount ?? 0 };
    },
    async exec(sql) {
      await client.query(sql);
    },
    async clone() {
      // A template must have no other connection: the copy is made while this one is closed.
      await client.end();
      try {
        return await openPostgres(url, name);
      } finally {
        client = connect();
        await client.connect();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.end().catch(() => {});
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
    },
  };
  return db;
}
