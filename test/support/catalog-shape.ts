/**
 * The relations of a database (PGlite or PostgreSQL) and of the schema model in one comparable shape:
 * tables with their columns (name, type, nullability, whether a default, generation expression or identity
 * gives their value, and the default's text), constraints and indexes, views and materialized
 * views with their columns, and sequences. Used by the differential replay test.
 */
import type { Catalog, Table } from '../../src/model/catalog.js';
import { sqlIdent } from '../../src/model/names.js';

/** A query on PGlite or PostgreSQL, typed by the row the caller's SQL selects. */
export type Query = <Row>(sql: string) => Promise<{ rows: Row[] }>;

export interface RelationShape {
  kind: string;
  columns: string[];
  constraints: string[];
  indexes: string[];
  policies: string[];
  rls: boolean;
}

export type CatalogShape = Record<string, RelationShape>;

const KIND: Record<string, string> = { r: 'table', p: 'table', v: 'view', m: 'materialized view', S: 'sequence' };
const SERIAL: Record<string, string> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };
const sorted = (xs: string[]) => [...xs].sort();

/** What the database holds in the given schemas. */
export async function databaseShape(query: Query, schemas: string[]): Promise<CatalogShape> {
  const list = schemas.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ');
  const rels = (
    await query<{
      oid: number;
      nspname: string;
      relname: string;
      relkind: string;
      relrowsecurity: boolean;
    }>(`SELECT c.oid::int AS oid, n.nspname, c.relname, c.relkind::text AS relkind, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN (${list}) AND c.relkind IN ('r', 'p', 'v', 'm', 'S') ORDER BY 2, 3`)
  ).rows;
  // Names in defaults (a sequence's in nextval) are written as seen from public.
  await query('SET search_path TO public');
  const cols = (
    await query<{
      oid: number;
      attname: string;
      type: string;
      attnotnull: boolean;
      atthasdef: boolean;
      identity: string;
      generated: string;
      expr: string | null;
    }>(`SELECT a.attrelid::int AS oid, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, a.atthasdef, a.attidentity::text AS identity, a.attgenerated::text AS generated,
                        pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attribute a
                 JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                 WHERE n.nspname IN (${list}) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum`)
  ).rows;
  const cons = (
    await query<{ oid: number; conname: string; contype: string }>(
      `SELECT conrelid::int AS oid, conname, contype::text AS contype FROM pg_constraint WHERE contype IN ('p', 'u', 'f', 'c', 'x') AND conrelid <> 0`,
    )
  ).rows;
  const idx = (await query<{ oid: number; relname: string }>(`SELECT x.indrelid::int AS oid, i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid`)).rows;
  const pols = (await query<{ oid: number; polname: string }>(`SELECT polrelid::int AS oid, polname FROM pg_policy`)).rows;
  const out: CatalogShape = {};
  for (const r of rels) {
    const kind = KIND[r.relkind]!;
    out[`${r.nspname}.${r.relname}`] = {
      kind,
      columns:
        kind === 'sequence'
          ? []
          : cols
              .filter((c) => c.oid === r.oid)
              .map(
                (c) =>
                  `${c.attname} ${c.type}${c.attnotnull ? ' NOT NULL' : ''}${valueSource(c.generated !== '', c.atthasdef, c.identity !== '')}${c.atthasdef && c.generated === '' ? ` ${defaultText(c.expr!, c.type)}` : ''}`,
              ),
      constraints: sorted(cons.filter((c) => c.oid === r.oid).map((c) => `${c.conname} ${c.contype}`)),
      indexes: sorted(idx.filter((i) => i.oid === r.oid).map((i) => i.relname)),
      policies: sorted(pols.filter((p) => p.oid === r.oid).map((p) => p.polname)),
      rls: Boolean(r.relrowsecurity),
    };
  }
  return out;
}

/** Where a column's value comes from when an INSERT leaves it out: a generation expression, a default, an identity. */
function valueSource(generated: boolean, hasDefault: boolean, identity: boolean): string {
  return generated ? ' GENERATED' : hasDefault ? ' DEFAULT' : identity ? ' IDENTITY' : '';
}

/**
 * A default's text, as pg_get_expr() and the model write it, with only what is cosmetic taken out (the
 * database is read with search_path public):
 * - an untyped literal takes the column's type, which pg_get_expr() writes as a cast to that type;
 * - pg_get_expr() wraps an operator expression, and a literal cast again, in parentheses;
 * - nextval() takes a regclass, so `nextval('s')` is `nextval('s'::regclass)`, and `public.` names the same
 *   sequence as no schema;
 * - an untyped literal argument that a function takes as text is written with `::text`; a negative
 *   integer as `'-1'::integer`; and a whole number, quoted or not, stores the same value.
 */
export function defaultText(text: string, columnType: string): string {
  let t = text;
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1);
  t = t.replace(/\(('(?:[^']|'')*'(?:::[\w ".]+)+)\)::/g, '$1::');
  t = t.replace(/\bnextval\('((?:[^']|'')*)'\)/g, "nextval('$1'::regclass)").replace(/\bnextval\('public\./g, "nextval('");
  // An untyped literal passed to a function resolves to text where the function takes text.
  t = t.replace(/('(?:[^']|'')*')::text(?=[,)])/g, '$1');
  const cast = `::${columnType}`;
  if (t.endsWith(cast) && /^'(?:[^']|'')*'$/.test(t.slice(0, -cast.length))) t = t.slice(0, -cast.length);
  // pg_get_expr() writes a negative integer as '-1'::integer; and a whole number, quoted or not, gives the
  // column the same value (as an integer, or as its text after the assignment cast).
  t = t.replace(/^'(-\d+)'::(?:integer|bigint|smallint)$/, '$1').replace(/^'(-?\d+)'$/, '$1');
  return t;
}

/** True when the parentheses in `t` (outside string literals) pair up. */
function balanced(t: string): boolean {
  let depth = 0;
  for (const part of t.split(/'(?:[^']|'')*'/)) {
    for (const ch of part) {
      if (ch === '(') depth++;
      else if (ch === ')' && --depth < 0) return false;
    }
  }
  return depth === 0;
}

/**
 * An unqualified sequence name in nextval() was resolved through the search path when the default was
 * set; the database shows the sequence as seen from public. Where the model has one sequence of that
 * name, it is that one.
 */
function qualifySequences(catalog: Catalog, text: string): string {
  return text.replace(/\bnextval\('([a-z_][\w$]*)'::regclass\)/g, (all, name: string) => {
    const found = [...catalog.sequences.values()].filter((s) => s.name === name);
    return found.length === 1 && found[0]!.schema !== 'public' ? `nextval('${sqlIdent(found[0]!.schema)}.${name}'::regclass)` : all;
  });
}

/** The default a serial column gets: nextval() of the sequence it owns, as pg_get_expr() writes it. */
function serialDefault(catalog: Catalog, t: Table, column: string): string {
  const seq = [...catalog.sequences.values()].find((s) => s.ownedBy?.schema === t.schema && s.ownedBy.table === t.name && s.ownedBy.column === column);
  if (!seq) return 'nextval(?)';
  const name = (seq.schema === 'public' ? [seq.name] : [seq.schema, seq.name]).map(sqlIdent).join('.');
  return `nextval('${name.replace(/'/g, "''")}'::regclass)`;
}

const CONTYPE = { 'primary key': 'p', unique: 'u', 'foreign key': 'f', check: 'c', exclude: 'x' } as const;

function tableShape(catalog: Catalog, t: Table, kind: string): RelationShape {
  return {
    kind,
    columns: t.columns.map((c) => {
      const serial = c.type.arrayDims === 0 ? SERIAL[c.type.name] : undefined;
      const value = valueSource(c.generated !== undefined, c.default !== undefined || serial !== undefined, c.identity !== undefined);
      const text = c.default && c.generated === undefined ? ` ${qualifySequences(catalog, defaultText(c.default.text, c.type.text))}` : serial ? ` ${serialDefault(catalog, t, c.name)}` : '';
      return `${c.name} ${serial ?? c.type.text}${c.notNull || serial ? ' NOT NULL' : ''}${value}${text}`;
    }),
    constraints: sorted(t.constraints.map((c) => `${c.name} ${CONTYPE[c.kind]}`)),
    indexes: sorted([...t.indexes.map((i) => i.name), ...t.constraints.filter((c) => c.kind === 'primary key' || c.kind === 'unique' || c.kind === 'exclude').map((c) => c.name)]),
    policies: sorted(t.policies.map((p) => p.name)),
    rls: t.rls.enabled,
  };
}

/** The same shape from the schema model. */
export function modelShape(catalog: Catalog): CatalogShape {
  const out: CatalogShape = {};
  for (const t of catalog.tables.values()) out[`${t.schema}.${t.name}`] = tableShape(catalog, t, 'table');
  for (const v of catalog.views.values()) out[`${v.schema}.${v.name}`] = tableShape(catalog, v, v.relkind);
  for (const s of catalog.sequences.values()) out[`${s.schema}.${s.name}`] = { kind: 'sequence', columns: [], constraints: [], indexes: [], policies: [], rls: false };
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Columns whose type the model marks unknown (a view or CREATE TABLE … AS over an expression) compare by
 * name only: take the database's text for them.
 */
export function alignUnknownTypes(model: CatalogShape, db: CatalogShape): CatalogShape {
  const out: CatalogShape = {};
  for (const [key, rel] of Object.entries(model)) {
    const other = db[key];
    out[key] = {
      ...rel,
      columns: rel.columns.map((c, i) => {
        const theirs = other?.columns[i];
        const unknown = / unknown(?= NOT NULL| DEFAULT| GENERATED| IDENTITY|$)/;
        return unknown.test(c) && theirs && theirs.split(' ')[0] === c.split(' ')[0] ? theirs : c;
      }),
    };
  }
  return out;
}
