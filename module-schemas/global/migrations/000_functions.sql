-- Hand-written: functions every module relies on, which schema.json cannot express. Applied before
-- 001_init.sql because every table's id defaults to generate_uuidv7().

-- UUIDv7 (RFC 9562) on PostgreSQL 15+ without an extension. gen_random_uuid() gives 16 random bytes
-- with the RFC variant already set; its first 8 bytes are overlaid with the 48-bit Unix time in
-- milliseconds, then the version nibble 7 and 12 bits of sub-millisecond time (RFC 9562 method 3),
-- so keys made a microsecond or more apart sort by creation time.
CREATE FUNCTION generate_uuidv7() RETURNS uuid
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
$$;

COMMENT ON FUNCTION generate_uuidv7() IS 'Time-ordered UUID version 7 (RFC 9562): 48-bit Unix milliseconds, version 7, 12 bits of sub-millisecond time, 62 random bits.';

-- Raised by the triggers that keep the log tables append-only (002_append_only_logs.sql).
CREATE FUNCTION reject_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
