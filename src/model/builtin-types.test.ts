/**
 * The built-in type list is PostgreSQL's own (PGlite's pg_type), committed as data by
 * scripts/write-builtin-types.js; this test fails when PGlite's catalog and the list part.
 */
import { PGlite } from '@electric-sql/pglite';
import { expect, it } from 'vitest';
import { INFORMATION_SCHEMA_TYPES, PG_CATALOG_TYPES } from './builtin-types.js';

it('lists exactly the types of pg_catalog and information_schema', async () => {
  const db = new PGlite();
  try {
    const names = async (schema: string) =>
      (await db.query<{ typname: string }>(`SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 ORDER BY 1`, [schema])).rows.map((r) => r.typname);
    expect([...PG_CATALOG_TYPES]).toEqual(await names('pg_catalog'));
    expect([...INFORMATION_SCHEMA_TYPES]).toEqual(await names('information_schema'));
    // The names people write most are there, arrays included.
    for (const t of ['int4', 'text', 'timestamptz', 'varchar', 'bpchar', 'float8', 'jsonb', 'uuid', '_int4', 'numeric']) expect(PG_CATALOG_TYPES).toContain(t);
  } finally {
    await db.close();
  }
}, 30_000);
