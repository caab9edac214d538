-- Hand-written: what schema.json cannot express. audit_log and event_log are append-only twice
-- over: a row trigger stops UPDATE and DELETE for every role, the table owner included (TimescaleDB
-- clones row triggers to every chunk), a statement trigger stops TRUNCATE, and the privileges are
-- revoked so that no role is granted them through PUBLIC.

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION reject_log_change();
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION reject_log_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

CREATE TRIGGER event_log_append_only
  BEFORE UPDATE OR DELETE ON event_log
  FOR EACH ROW EXECUTE FUNCTION reject_log_change();
CREATE TRIGGER event_log_no_truncate
  BEFORE TRUNCATE ON event_log
  FOR EACH STATEMENT EXECUTE FUNCTION reject_log_change();
REVOKE UPDATE, DELETE, TRUNCATE ON event_log FROM PUBLIC;
