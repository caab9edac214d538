/**
 * A module written as DDL that exercises what `ismslint sql` must reproduce: circular and
 * self-referencing foreign keys, NOT VALID constraints, actions, checks, partial, expression, INCLUDE
 * and GIN indexes, sort options, policies of every shape, grants, enums, identity and generated
 * columns, a hypertable, quoted and over-long names, and comments written to break naive escaping.
 */
import { buildModel, type BuiltModel, type InputModule } from '../../src/sources/build.js';
import { loadParser } from '../../src/sources/sql/parser.js';
import { GLOBAL_PRELUDE } from '../../rules/test-harness.js';

export { GLOBAL_PRELUDE };

/** Roles the fixture's policies and grants name: a server needs them before the SQL applies. */
/**
 * A tenant table the standard accepts as it stands (tenant key indexed, RLS forced, the tenant policy),
 * with the id default, the columns and the constraints after created_at that a test needs.
 */
export function tenantTableSql(name: string, opts: { idDefault?: string; columns?: string; extra?: string } = {}): string {
  const { idDefault = 'generate_uuidv7()', columns, extra = '' } = opts;
  return `CREATE TABLE ${name} (
  id uuid PRIMARY KEY DEFAULT ${idDefault},
  organisation_id uuid NOT NULL REFERENCES organisations (id),
${columns ? `  ${columns},\n` : ''}  created_at timestamptz NOT NULL DEFAULT now()${extra}
);
CREATE INDEX idx_${name}_organisation_id ON ${name} (organisation_id);
ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${name}
  USING (organisation_id = current_setting('app.current_organisation_id')::uuid)
  WITH CHECK (organisation_id = current_setting('app.current_organisation_id')::uuid);`;
}

export const FIXTURE_ROLES = ['app_reader', 'app_writer'];

export const HOSTILE_COMMENT = `it's "x"; DROP TABLE y; -- */ $$ \\ done`;

export const VENDOR_RISK_SQL = `
CREATE TYPE risk_level AS ENUM ('low', 'medium', 'high', 'it''s critical');

CREATE TABLE vendor (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'retired')),
  risk risk_level NOT NULL DEFAULT 'low',
  primary_contact_id uuid,
  tags text[] NOT NULL DEFAULT '{}',
  metadata jsonb,
  "order" integer,
  "DisplayName" varchar(255),
  score numeric(5,2) CHECK (score >= 0 AND score <= 100),
  review_every interval day,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  deleted_at timestamptz,
  deleted_by uuid REFERENCES users (id),
  CONSTRAINT uq_vendor_organisation_id_name UNIQUE (organisation_id, name)
);

CREATE TABLE vendor_contact (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  vendor_id uuid NOT NULL REFERENCES vendor (id) ON DELETE CASCADE ON UPDATE CASCADE,
  manager_id uuid REFERENCES vendor_contact (id) ON DELETE SET NULL,
  email text NOT NULL,
  phone varchar(32),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  deleted_at timestamptz
);
ALTER TABLE vendor ADD CONSTRAINT vendor_primary_contact_id_fkey
  FOREIGN KEY (primary_contact_id) REFERENCES vendor_contact (id) ON DELETE SET NULL;

CREATE TABLE assessment (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  vendor_id uuid NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  score_a numeric,
  score_b numeric,
  total numeric GENERATED ALWAYS AS (coalesce(score_a, 0) + coalesce(score_b, 0)) STORED,
  CONSTRAINT assessment_period_check CHECK (period_end >= period_start AND (period_end - period_start) < 366)
);
ALTER TABLE assessment ADD CONSTRAINT assessment_vendor_id_fkey FOREIGN KEY (vendor_id) REFERENCES vendor (id) NOT VALID;

CREATE TABLE vendor_metric (
  recorded_at timestamptz NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  vendor_id uuid NOT NULL REFERENCES vendor (id),
  value double precision,
  PRIMARY KEY (vendor_id, recorded_at)
);
SELECT create_hypertable('vendor_metric', 'recorded_at');

CREATE TABLE "Vendor Note" (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  vendor_id uuid NOT NULL REFERENCES vendor (id),
  "user" text,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000)
);

CREATE TABLE vendor_document_with_an_extraordinarily_long_name_beyond_the_limit (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id)
);

CREATE INDEX idx_vendor_organisation_id ON vendor (organisation_id);
CREATE INDEX idx_vendor_name_pattern ON vendor (name text_pattern_ops) INCLUDE (status);
CREATE INDEX idx_vendor_created_at ON vendor (created_at DESC NULLS LAST, "order" NULLS FIRST);
CREATE INDEX idx_vendor_metadata ON vendor USING gin (metadata);
CREATE INDEX idx_vendor_display_name ON vendor ("DisplayName" COLLATE "C");
CREATE INDEX idx_vendor_primary_contact_id ON vendor (primary_contact_id);
CREATE UNIQUE INDEX uq_vendor_contact_email ON vendor_contact (organisation_id, lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX ON vendor_contact (vendor_id);
CREATE INDEX idx_vendor_contact_manager_id ON vendor_contact (manager_id);
CREATE INDEX idx_assessment_vendor_period ON assessment (vendor_id, (period_end - period_start));

ALTER TABLE vendor ENABLE ROW LEVEL SECURITY;
ALTER TABLE vendor FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vendor
  USING (organisation_id = current_setting('app.current_organisation_id')::uuid);
CREATE POLICY not_deleted ON vendor AS RESTRICTIVE FOR SELECT TO app_reader, app_writer
  USING (deleted_at IS NULL);
ALTER TABLE vendor_contact ENABLE ROW LEVEL SECURITY;
CREATE POLICY contact_insert ON vendor_contact FOR INSERT TO app_writer
  WITH CHECK (EXISTS (SELECT 1 FROM vendor v WHERE v.id = vendor_id AND v.organisation_id = current_setting('app.current_organisation_id')::uuid));
CREATE POLICY contact_update ON vendor_contact FOR UPDATE
  USING (organisation_id = current_setting('app.current_organisation_id', true)::uuid)
  WITH CHECK (organisation_id = current_setting('app.current_organisation_id', true)::uuid AND email LIKE '%@%');

GRANT SELECT, INSERT, UPDATE ON vendor TO app_writer;
GRANT SELECT ON vendor, vendor_contact TO app_reader;
REVOKE DELETE ON vendor FROM PUBLIC;
GRANT UPDATE (email, phone) ON vendor_contact TO app_writer WITH GRANT OPTION;

COMMENT ON TABLE vendor IS 'A supplier. ${HOSTILE_COMMENT.replace(/'/g, "''")}';
COMMENT ON COLUMN vendor.name IS E'Trading name\\nsecond line | pipe \`code\` <b>bold</b>';
COMMENT ON COLUMN vendor."DisplayName" IS 'Shown in the UI';
COMMENT ON TABLE "Vendor Note" IS 'Free-text notes';
`;

const enc = new TextEncoder();

export function ddlModule(name: string, sql: string): InputModule {
  return { name, dir: name, migrations: [{ path: `${name}/migrations/001_${name}.sql`, bytes: enc.encode(sql) }] };
}

/** The global module (organisations, users) and the vendor_risk module, replayed from DDL. */
export async function fixtureModel(): Promise<BuiltModel> {
  await loadParser();
  return buildModel([ddlModule('global', GLOBAL_PRELUDE), ddlModule('vendor_risk', VENDOR_RISK_SQL)], 'global');
}
