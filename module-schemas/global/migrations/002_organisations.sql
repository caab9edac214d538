-- The tenant root: one row per organisation. Created before any user exists, so it carries the
-- *_at audit columns only (audit-columns-required exempts the tenant root's *_by columns).
CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  name text NOT NULL,
  legal_name text,
  industry text,
  country_code text CONSTRAINT organisations_country_code_check CHECK (country_code ~ '^[A-Z]{2}$'),
  timezone text NOT NULL DEFAULT 'UTC',
  status text NOT NULL DEFAULT 'active',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT organisations_status_check CHECK (status IN ('active', 'suspended', 'closed'))
);

COMMENT ON TABLE organisations IS 'Tenant root: every tenant table references it through organisation_id.';

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON organisations
  USING (id = current_setting('app.current_organisation_id')::uuid)
  WITH CHECK (id = current_setting('app.current_organisation_id')::uuid);
