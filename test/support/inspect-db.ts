/**
 * What a live database (PostgreSQL or PGlite) holds in the current schema, in the same shape as the
 * schema model's view of it, so a test can prove that generated DDL built exactly the modelled schema.
 */
import type { Catalog } from '../../src/model/catalog.js';

/** A query on PGlite or PostgreSQL, typed by the row the caller's SQL selects. */
export type Query = <Row>(sql: string) => Promise<{ rows: Row[] }>;

export interface SchemaShape {
  tables: Record<
    string,
    {
      columns: string[];
      constraints: string[];
      indexes: string[];
      policies: string[];
      rls: string;
      comment: string | null;
      columnComments: string[];
    }
  >;
}

const sorted = (xs: string[]) => [...xs].sort();

export async function inspectSchema(query: Query): Promise<SchemaShape> {
  const rows = async <Row>(sql: string) => (await query<Row>(sql)).rows;
  const tables: SchemaShape['tables'] = {};
  const rels = await rows<{ oid: number; relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; comment: string | null }>(`
    SELECT c.oid::int AS oid, c.relname, c.relrowsecurity, c.relforcerowsecurity, obj_description(c.oid, 'pg_class') AS comment
    FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`);
  for (const r of rels) {
    const cols = await rows<{ attname: string; type: string; attnotnull: boolean; comment: string | null }>(`
      SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, col_description(a.attrelid, a.attnum) AS comment
      FROM pg_attribute a WHERE a.attrelid = ${r.oid} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`);
    const cons = await rows<{ conname: string; contype: string; convalidated: boolean }>(`
      SELECT conname, contype, convalidated FROM pg_constraint WHERE conrelid = ${r.oid} AND contype IN ('p', 'u', 'f', 'c')`);
    const idx = await rows<{ relname: string }>(`SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ${r.oid}`);
    const pols = await rows<{ polname: string; polcmd: string; polpermissive: boolean }>(`SELECT polname, polcmd, polpermissive FROM pg_policy WHERE polrelid = ${r.oid}`);
    tables[r.relname] = {
      columns: cols.map((c) => `${c.attname} ${c.type}${c.attnotnull ? ' NOT NULL' : ''}`),
      constraints: sorted(cons.map((c) => `${c.conname} ${c.contype}${c.convalidated ? '' : ' NOT VALID'}`)),
      indexes: sorted(idx.map((i) => i.relname)),
      policies: sorted(pols.map((p) => `${p.polname} ${p.polcmd} ${p.polpermissive ? 'permissive' : 'restrictive'}`)),
      rls: `${r.relrowsecurity ? 'enabled' : 'disabled'}${r.relforcerowsecurity ? ' forced' : ''}`,
      comment: r.comment,
      columnComments: cols.filter((c) => c.comment !== null).map((c) => `${c.attname}: ${c.comment}`),
    };
  }
  return { tables };
}

const CONTYPE = { 'primary key': 'p', unique: 'u', 'foreign key': 'f', check: 'c', exclude: 'x' } as const;
const POLCMD = { all: '*', select: 'r', insert: 'a', update: 'w', delete: 'd' } as const;

/** The same shape from the model: what the database should hold after applying the modules' SQL. */
export function expectedShape(catalog: Catalog, modules: string[]): SchemaShape {
  const tables: SchemaShape['tables'] = {};
  for (const t of catalog.tables.values()) {
    if (!modules.includes(t.module)) continue;
    tables[t.name] = {
      columns: t.columns.map((c) => `${c.name} ${c.type.text}${c.notNull ? ' NOT NULL' : ''}`),
      constraints: sorted(t.constraints.map((c) => `${c.name} ${CONTYPE[c.kind]}${c.notValid ? ' NOT VALID' : ''}`)),
      indexes: sorted([...t.indexes.map((i) => i.name), ...t.constraints.filter((c) => c.kind === 'primary key' || c.kind === 'unique').map((c) => c.name)]),
      policies: sorted(t.policies.map((p) => `${p.name} ${POLCMD[p.command]} ${p.permissive ? 'permissive' : 'restrictive'}`)),
      rls: `${t.rls.enabled ? 'enabled' : 'disabled'}${t.rls.forced ? ' forced' : ''}`,
      comment: t.description ?? null,
      columnComments: t.columns.filter((c) => c.comment !== undefined).map((c) => `${c.name}: ${c.comment}`),
    };
  }
  return { tables: Object.fromEntries(Object.entries(tables).sort(([a], [b]) => (a < b ? -1 : 1))) };
}
