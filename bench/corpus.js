// Deterministic benchmark corpus: a workspace of modules whose tables each have foreign keys,
// indexes, audit columns and row-level security, as the ISMS standard asks.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TABLES_PER_MODULE = 100;

function tableSql(module, i) {
  const t = `${module}_t${String(i).padStart(3, '0')}`;
  const parent = i > 0 ? `${module}_t${String(i - 1).padStart(3, '0')}` : null;
  const parentCol = parent ? `  parent_id uuid REFERENCES ${parent} (id),\n` : '';
  const parentIdx = parent ? `CREATE INDEX idx_${t}_parent_id ON ${t} (parent_id);\n` : '';
  return `CREATE TABLE ${t} (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
${parentCol}  name text NOT NULL,
  status text NOT NULL DEFAULT 'draft',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  deleted_at timestamptz,
  deleted_by uuid REFERENCES users (id),
  CONSTRAINT ${t}_status_check CHECK (status IN ('draft', 'approved'))
);
CREATE INDEX idx_${t}_organisation_id ON ${t} (organisation_id, deleted_at);
${parentIdx}CREATE INDEX idx_${t}_created_by ON ${t} (created_by);
CREATE INDEX idx_${t}_updated_by ON ${t} (updated_by);
CREATE INDEX idx_${t}_deleted_by ON ${t} (deleted_by);
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${t}
  USING (organisation_id = current_setting('app.current_organisation_id')::uuid);
`;
}

/** The global module: the tenant root and the users table every module references. */
export const GLOBAL = `CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organisations USING (id = current_setting('app.current_organisation_id')::uuid);
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  deleted_at timestamptz,
  deleted_by uuid REFERENCES users (id),
  CONSTRAINT uq_users_organisation_id_email UNIQUE (organisation_id, email)
);
CREATE INDEX idx_users_created_by ON users (created_by);
CREATE INDEX idx_users_updated_by ON users (updated_by);
CREATE INDEX idx_users_deleted_by ON users (deleted_by);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users USING (organisation_id = current_setting('app.current_organisation_id')::uuid);
`;

/** Write a workspace of `tables` tables (in modules of 100, one migration file per 50 tables); returns its size in bytes. */
export function writeCorpus(dir, tables) {
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  const write = (path, text) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
  };
  write(join(dir, 'global', 'migrations', '001_global.sql'), GLOBAL);
  const modules = Math.ceil(tables / TABLES_PER_MODULE);
  for (let m = 0; m < modules; m++) {
    const module = `m${String(m).padStart(3, '0')}`;
    const count = Math.min(TABLES_PER_MODULE, tables - m * TABLES_PER_MODULE);
    for (let part = 0; part * 50 < count; part++) {
      let sql = '';
      for (let i = part * 50; i < Math.min(count, (part + 1) * 50); i++) sql += tableSql(module, i) + '\n';
      write(join(dir, module, 'migrations', `${String(part + 1).padStart(3, '0')}_entities.sql`), sql);
    }
  }
  return bytes;
}
