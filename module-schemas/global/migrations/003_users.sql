CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  email text NOT NULL,
  full_name text NOT NULL,
  role text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  deleted_at timestamptz,
  deleted_by uuid REFERENCES users (id),
  CONSTRAINT uq_users_organisation_id_email UNIQUE (organisation_id, email)
);

COMMENT ON TABLE users IS 'People who sign in, one row per user and organisation.';
COMMENT ON COLUMN users.role IS 'Role name used by the application''s role-based access control.';

CREATE INDEX idx_users_created_by ON users (created_by);
CREATE INDEX idx_users_updated_by ON users (updated_by);
CREATE INDEX idx_users_deleted_by ON users (deleted_by);

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON users
  USING (organisation_id = current_setting('app.current_organisation_id')::uuid)
  WITH CHECK (organisation_id = current_setting('app.current_organisation_id')::uuid);
