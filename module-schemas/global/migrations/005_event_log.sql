-- Cross-module events: modules publish here instead of holding foreign keys into each other.
CREATE TABLE event_log (
  id uuid NOT NULL DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  event_type text NOT NULL,
  source_module text NOT NULL,
  source_entity_type text,
  source_entity_id uuid,
  target_module text,
  target_entity_type text,
  target_entity_id uuid,
  payload jsonb,
  PRIMARY KEY (created_at, id)
);

SELECT create_hypertable('event_log', 'created_at');

CREATE INDEX idx_event_log_organisation_id ON event_log (organisation_id, created_at DESC);
CREATE INDEX idx_event_log_created_by ON event_log (created_by);

CREATE TRIGGER event_log_append_only
  BEFORE UPDATE OR DELETE ON event_log
  FOR EACH ROW EXECUTE FUNCTION reject_log_change();
REVOKE UPDATE, DELETE, TRUNCATE ON event_log FROM PUBLIC;

ALTER TABLE event_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_log FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON event_log
  USING (organisation_id = current_setting('app.current_organisation_id')::uuid)
  WITH CHECK (organisation_id = current_setting('app.current_organisation_id')::uuid);
