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
  /** On PostgreSQL, drop this role (created by the run; roles outlive databases) when the database is dropped. */
  dropRoleOnClose(role: string): void;
  close(): Promise<void>;
}

/** Server databases open in this process, each with how to drop it now: for an interrupted run. */
const openServerDatabases = new Set<() => Promise<void>>();
/** Once aborted, no new server database is made: the run is ending. */
let aborted = false;

function refuseWhenAborted(): void {
  if (aborted) throw new DatabaseServerError(undefined, 'the run was interrupted');
}

/**
 * Drop every server database (and role) this process still has open, ending their sessions: what an
 * interrupted run calls before it exits, so that Ctrl-C leaves nothing on the server.
 */
export async function abortOpenDatabases(): Promise<void> {
  aborted = true;
  await Promise.all([...openServerDatabases].map((drop) => drop().catch(() => {})));
}

export interface DatabaseError {
  code?: string;
  message: string;
}

export function asDatabaseError(e: unknown): DatabaseError {
  const err = e as { code?: unknown; message?: unknown };
  return { code: typeof err?.code === 'string' ? err.code : undefined, message: String(err?.message ?? e) };
}

/** The server cannot be reached, refuses the login, or will not create the run's database: nothing a requirement can show. */
export class DatabaseServerError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

function serverError(e: unknown, doing: string): DatabaseServerError {
  const err = asDatabaseError(e);
  return new DatabaseServerError(err.code, `${doing}: ${err.message}`);
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
    dropRoleOnClose() {},
    close: () => pg.close(),
  };
}

let counter = 0;

async function openPostgres(url: string, template?: string): Promise<Database> {
  refuseWhenAborted();
  const { default: pg } = await import('pg');
  let admin: InstanceType<typeof pg.Client>;
  try {
    admin = new pg.Client({ connectionString: url });
  } catch (e) {
    throw serverError(e, 'cannot read the database URL');
  }
  try {
    await admin.connect();
  } catch (e) {
    // A failed login can leave the socket open, which would keep the process alive.
    await admin.end().catch(() => {});
    throw serverError(e, 'cannot connect');
  }
  if (aborted) {
    await admin.end().catch(() => {});
    refuseWhenAborted();
  }
  const name = `ismslint_qa_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const roles: string[] = [];
  const drop = async (force: boolean) => {
    openServerDatabases.delete(abort);
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}${force ? ' WITH (FORCE)' : ''}`);
      // A role another run still holds grants for stays (2BP01): that run's database keeps it in use.
      for (const role of roles) await admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`).catch(() => {});
    } finally {
      await admin.end().catch(() => {});
    }
  };
  let client: InstanceType<typeof pg.Client> | undefined;
  let closed = false;
  const abort = async () => {
    closed = true;
    await client?.end().catch(() => {});
    await drop(true);
  };
  // Registered before CREATE DATABASE: an interrupt's DROP waits on this connection for the CREATE to finish.
  openServerDatabases.add(abort);
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`);
  } catch (e) {
    openServerDatabases.delete(abort);
    await admin.end().catch(() => {});
    throw serverError(e, 'cannot create a database for the run');
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const connect = () => {
    const c = new pg.Client({ connectionString: target.toString() });
    // Notices (the stand-in create_hypertable, DROP … IF EXISTS) are not results.
    c.on('notice', () => {});
    return c;
  };
  client = connect();
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    await drop(false);
    throw serverError(e, `cannot connect to the run's database ${name}`);
  }
  const db: Database = {
    engine: 'postgresql',
    url: target.toString(),
    async query(sql) {
      const r = await client!.query(sql);
      return { rows: r.rows, affected: r.rowCount ?? 0 };
    },
    async exec(sql) {
      await client!.query(sql);
    },
    async clone() {
      // A template must have no other connection: the copy is made while this one is closed.
      await client!.end();
      try {
        return await openPostgres(url, name);
      } finally {
        const fresh = connect();
        client = fresh;
        await fresh.connect();
      }
    },
    dropRoleOnClose(role) {
      roles.push(role);
    },
    async close() {
      if (closed) return;
      closed = true;
      await client!.end().catch(() => {});
      await drop(false);
    },
  };
  return db;
}
