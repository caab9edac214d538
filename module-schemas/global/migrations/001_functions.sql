-- Functions every module relies on.

-- UUIDv7 (RFC 9562): 48-bit Unix time in milliseconds, version 7, then random bits from
-- gen_random_uuid(), so keys are unique across modules and ordered by creation time.
CREATE FUNCTION generate_uuidv7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT (
    lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0')
    || '7'
    || substr(r, 1, 3)
    || substr(r, 17, 1)
    || substr(r, 18, 15)
  )::uuid
  FROM (SELECT replace(gen_random_uuid()::text, '-', '') AS r) AS random_hex
$$;

-- Raised by the triggers that keep log tables append-only.
CREATE FUNCTION reject_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
