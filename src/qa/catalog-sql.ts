/** Catalog queries shared by the requirements: each returns one boolean. */
import { literal, nameArray, regclass } from './runtime/sql.js';

/** PostgreSQL's index methods that serve equality lookups on leading keys (as queries.ts' leadsWith). */
const USABLE_METHODS = ['btree', 'hash', 'gist', 'brin', 'spgist'];

/**
 * True when some valid, non-partial index of the table has exactly these columns, in any order, as its
 * leading keys: the rule the foreign-key-index lint rule applies to the model, read from pg_index.
 */
export function usableIndexSql(schema: string, table: string, columns: string[]): string {
  const n = columns.length;
  return `SELECT EXISTS (
  SELECT 1 FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  WHERE i.indrelid = ${regclass(schema, table)} AND i.indisvalid AND i.indpred IS NULL
    AND am.amname IN (${USABLE_METHODS.map(literal).join(', ')}) AND i.indnkeyatts >= ${n}
    AND NOT (0 = ANY ((i.indkey::int2[])[0:${n - 1}]))
    AND (SELECT array_agg(a.attname) FROM unnest((i.indkey::int2[])[0:${n - 1}]) AS k(attnum)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) <@ ${nameArray(columns)}
    AND cardinality(ARRAY(SELECT DISTINCT x FROM unnest(${nameArray(columns)}) AS x)) = ${n}
)`;
}

export function rlsFlagSql(schema: string, table: string, flag: 'relrowsecurity' | 'relforcerowsecurity'): string {
  return `SELECT ${flag} FROM pg_catalog.pg_class WHERE oid = ${regclass(schema, table)}`;
}

const ACTION_CODES: Record<string, string> = { 'no action': 'a', restrict: 'r', cascade: 'c', 'set null': 'n', 'set default': 'd' };

export function fkActionsSql(schema: string, table: string, columns: string[], onDelete: string, onUpdate: string): string {
  return `SELECT EXISTS (
  SELECT 1 FROM pg_catalog.pg_constraint c
  WHERE c.conrelid = ${regclass(schema, table)} AND c.contype = 'f'
    AND (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) = ${nameArray(columns)}
    AND c.confdeltype = ${literal(ACTION_CODES[onDelete] ?? 'a')} AND c.confupdtype = ${literal(ACTION_CODES[onUpdate] ?? 'a')}
)`;
}

export function constraintExistsSql(schema: string, table: string, kind: 'u' | 'c', name: string, columns?: string[]): string {
  const cols = columns
    ? `\n    AND (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) = ${nameArray(columns)}`
    : '';
  return `SELECT EXISTS (
  SELECT 1 FROM pg_catalog.pg_constraint c
  WHERE c.conrelid = ${regclass(schema, table)} AND c.contype = ${literal(kind)} AND c.conname = ${literal(name)}${cols}
)`;
}

/** No foreign key of the table points outside the allowed tables (its module and the global module). */
export function noForeignFkSql(schema: string, table: string, allowed: { schema: string; name: string }[]): string {
  const pairs = allowed.map((t) => `(${literal(t.schema)}, ${literal(t.name)})`).join(', ');
  return `SELECT NOT EXISTS (
  SELECT 1 FROM pg_catalog.pg_constraint c
  JOIN pg_catalog.pg_class r ON r.oid = c.confrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
  WHERE c.conrelid = ${regclass(schema, table)} AND c.contype = 'f'
    AND (n.nspname::text, r.relname::text) NOT IN (${pairs || "('', '')"})
)`;
}

export function policyFieldSql(schema: string, table: string, policy: string, condition: string): string {
  return `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_policies WHERE schemaname = ${literal(schema)} AND tablename = ${literal(table)} AND policyname = ${literal(policy)} AND ${condition})`;
}

export function privilegeSql(role: string, schema: string, table: string, privilege: string, held: boolean): string {
  return `SELECT ${held ? '' : 'NOT '}has_table_privilege(${literal(role)}, ${regclass(schema, table)}, ${literal(privilege)})`;
}

export function appRoleIsOrdinarySql(): string {
  return `SELECT NOT rolsuper AND NOT rolbypassrls FROM pg_catalog.pg_roles WHERE rolname = current_user`;
}

/**
 * Every name of the table, its columns, constraints, indexes, policies and triggers is snake_case, or one
 * the design itself declares (lint reports those). PostgreSQL 18's NOT NULL constraints are left out:
 * their names are made of the table's and the column's, checked already.
 */
export function namingSql(schema: string, table: string, declaredExceptions: string[]): string {
  const rel = regclass(schema, table);
  return `SELECT NOT EXISTS (
  SELECT name FROM (
    SELECT relname::text AS name FROM pg_catalog.pg_class WHERE oid = ${rel}
    UNION ALL SELECT attname::text FROM pg_catalog.pg_attribute WHERE attrelid = ${rel} AND attnum > 0 AND NOT attisdropped
    UNION ALL SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = ${rel} AND contype <> 'n'
    UNION ALL SELECT c.relname::text FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ${rel}
    UNION ALL SELECT polname::text FROM pg_catalog.pg_policy WHERE polrelid = ${rel}
    UNION ALL SELECT tgname::text FROM pg_catalog.pg_trigger WHERE tgrelid = ${rel} AND NOT tgisinternal
  ) AS names
  WHERE name !~ '^[a-z][a-z0-9]*(_[a-z0-9]+)*$' AND name <> ALL (${nameArray(declaredExceptions)}::text[])
)`;
}

/** Two evaluations of the column's live default are UUIDv7 (version nibble 7, variant 10) and ordered by time. */
export function uuidV7DefaultSql(schema: string, table: string, column: string): string {
  return `SELECT pg_temp.ismslint_uuidv7_default(${regclass(schema, table)}, ${literal(column)})`;
}

/** Session helper the UUIDv7 requirement calls; created by the suite's setup. */
export const UUIDV7_HELPER = `CREATE FUNCTION pg_temp.ismslint_uuidv7_default(tbl regclass, col name) RETURNS boolean
LANGUAGE plpgsql AS $ismslint$
DECLARE
  expr text;
  a uuid;
  b uuid;
BEGIN
  SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid) INTO expr
  FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute t ON t.attrelid = d.adrelid AND t.attnum = d.adnum
  WHERE d.adrelid = tbl AND t.attname = col;
  IF expr IS NULL THEN RETURN false; END IF;
  EXECUTE 'SELECT (' || expr || ')::uuid' INTO a;
  PERFORM pg_catalog.pg_sleep(0.002);
  EXECUTE 'SELECT (' || expr || ')::uuid' INTO b;
  RETURN substr(a::text, 15, 1) = '7' AND substr(b::text, 15, 1) = '7'
    AND substr(a::text, 20, 1) IN ('8', '9', 'a', 'b') AND a < b
    AND abs(('x' || substr(replace(a::text, '-', ''), 1, 12))::bit(48)::bigint - floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) < 600000;
END
$ismslint$`;
