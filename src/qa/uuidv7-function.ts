/**
 * The standard's UUIDv7 function, for a database built from `ismslint sql` alone: schema.json cannot
 * define functions, so a project made with `ismslint init` has its `id` defaults call a function that
 * no file of it creates. The suite then supplies this one and says so; migrations that define the
 * function are always used instead.
 */
import { ident } from './runtime/sql.js';

/**
 * RFC 9562 UUIDv7 without an extension (PostgreSQL 13+): gen_random_uuid()'s bytes, the first 8
 * overlaid with the 48-bit Unix time in milliseconds, the version nibble 7 and 12 bits of
 * sub-millisecond time, so values sort in the order they were made.
 */
export function uuidV7FunctionSql(name: string): string {
  return `CREATE FUNCTION ${ident(name)}() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $ismslint$
  SELECT encode(
    overlay(
      uuid_send(gen_random_uuid())
      PLACING substring(int8send(t.us / 1000) FROM 3) || int2send((28672 + (t.us % 1000) * 4096 / 1000)::smallint)
      FROM 1 FOR 8
    ),
    'hex'
  )::uuid
  FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS us) AS t
$ismslint$`;
}

export function uuidV7Note(name: string): string {
  return `no migration defines ${name}(), which the design's defaults call: the database uses ismslint's UUIDv7 ${name}()`;
}
