/**
 * The standard's UUIDv7 function, written once for both of its uses: the migration `ismslint init`
 * writes for a new project, and the stand-in the QA build supplies when no migration defines it
 * (schema.json cannot define functions).
 */
import { sqlIdent } from '../../model/names.js';

/** The call every `id` defaults to, quoted as PostgreSQL's quote_ident() would: `generate_uuidv7()`, `"Gen UUID"()`. Needs the parser loaded (key words). */
export function uuidV7Call(name: string): string {
  return `${sqlIdent(name)}()`;
}

/**
 * RFC 9562 UUIDv7 on PostgreSQL 13+ without an extension: gen_random_uuid()'s 16 random bytes (RFC
 * variant set), the first 8 overlaid with the 48-bit Unix time in milliseconds, the version nibble 7
 * and 12 bits of sub-millisecond time (method 3), so values sort in the order they were made.
 * One statement, without its semicolon.
 */
export function uuidV7FunctionSql(name: string): string {
  return `CREATE FUNCTION ${uuidV7Call(name)} RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    overlay(
      uuid_send(gen_random_uuid())
      PLACING substring(int8send(now_us.us / 1000) FROM 3)
        || int2send((28672 + (now_us.us % 1000) * 4096 / 1000)::smallint)
      FROM 1 FOR 8
    ),
    'hex'
  )::uuid
  FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS us) AS now_us
$$`;
}
