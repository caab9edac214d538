// A findings-heavy workspace, as a legacy schema is: every table lacks an index on its parent key, FORCE
// ROW LEVEL SECURITY and a status CHECK, and stores varchar (about four findings a table). Deterministic.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLOBAL } from './corpus.js';

/** Table `i` of `module`, its number padded to `digits`, with its indexes, RLS and a tenant policy. */
export function legacyTable(module, i, digits = 3) {
  const t = `${module}_t${String(i).padStart(digits, '0')}`;
  const parent = i > 0 ? `  parent_id uuid REFERENCES ${module}_t${String(i - 1).padStart(digits, '0')} (id),\n` : '';
  return `CREATE TABLE ${t} (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
${parent}  name varchar(200) NOT NULL,
  status text NOT NULL DEFAULT 'draft',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  deleted_at timestamptz,
  deleted_by uuid REFERENCES users (id)
);
CREATE INDEX idx_${t}_organisation_id ON ${t} (organisation_id);
CREATE INDEX idx_${t}_created_by ON ${t} (created_by);
CREATE INDEX idx_${t}_updated_by ON ${t} (updated_by);
CREATE INDEX idx_${t}_deleted_by ON ${t} (deleted_by);
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${t}
  USING (organisation_id = current_setting('app.current_organisation_id')::uuid);
`;
}

/**
 * Write a workspace of `tables` such tables in one module and one migration file (a pg_dump's
 * structure.sql), beside the compliant corpus's global module; returns the SQL's size in bytes.
 */
export function writeFindingsCorpus(dir, tables) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'global', 'migrations'), { recursive: true });
  mkdirSync(join(dir, 'legacy', 'migrations'), { recursive: true });
  writeFileSync(join(dir, 'global', 'migrations', '001_global.sql'), GLOBAL);
  const parts = [];
  for (let i = 0; i < tables; i++) parts.push(legacyTable('legacy', i, 5));
  const sql = parts.join('');
  writeFileSync(join(dir, 'legacy', 'migrations', '001_structure.sql'), sql);
  return Buffer.byteLength(GLOBAL) + Buffer.byteLength(sql);
}
