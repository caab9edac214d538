-- Immutable audit trail (ISO 27001 A.8.15, 2013: A.12.4.1 / A.12.4.2): a TimescaleDB hypertable
-- on created_at, append-only by trigger and by privilege.
CREATE TABLE audit_log (
  id uuid NOT NULL DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  module text NOT NULL,
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  action text NOT NULL,
  changes jsonb,
  ip_address inet,
  user_agent text,
  PRIMARY KEY (created_at, id),
  CONSTRAINT audit_log_action_check CHECK (action IN ('created', 'updated', 'deleted', 'viewed', 'exported'))
);

SELECT create_hypertable('audit_log', 'created_at');

CREATE INDEX idx_audit_log_organisation_id ON audit_log (organisation_id, created_at DESC);
CREATE INDEX idx_audit_log_created_by ON audit_log (created_by);

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION reject_log_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON audit_log
  USING (organisation_id = current_setting('app.current_organisation_id')::uuid)
  WITH CHECK (organisation_id = current_setting('app.current_organisation_id')::uuid);
