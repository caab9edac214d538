// The generated DDL applies cleanly on PGlite (PostgreSQL 17+ in WASM) and on a real PostgreSQL 15,
// and what it builds there is exactly the schema model it was generated from.
import type { QueryResultRow } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltModel } from '../../sources/build.js';
import { FIXTURE_ROLES, fixtureModel, HOSTILE_COMMENT } from '../../../test/support/generator-fixture.js';
import { expectedShape, inspectSchema, type Query } from '../../../test/support/inspect-db.js';
import { ensureRoles, postgresIt } from '../../../test/support/postgres.js';
import { generateModuleSql } from './index.js';

const MODULES = ['global', 'vendor_risk'];

// PostgreSQL 18 has uuidv7(); 15–17 have neither it nor the standard's generate_uuidv7(). The
// generator must not invent functions, so the test database provides the one the model calls.
const UUIDV7_STUB = `CREATE FUNCTION generate_uuidv7() RETURNS uuid LANGUAGE sql AS 'SELECT gen_random_uuid()';`;
// A bystander table: the hostile comment's "DROP TABLE y" must stay inside its string literal.
const BYSTANDER = 'CREATE TABLE y (id integer);';

let model: BuiltModel;
let sql: string[];
beforeAll(async () => {
  model = await fixtureModel();
  sql = MODULES.map((m) => generateModuleSql(model.catalog, m));
});

async function applyAndCompare(exec: (sql: string) => Promise<unknown>, query: Query): Promise<void> {
  await exec(UUIDV7_STUB);
  await exec(BYSTANDER);
  for (const text of sql) await exec(text);
  const shape = await inspectSchema(query);
  expect(shape.tables.y).toBeDefined();
  delete shape.tables.y;
  const want = expectedShape(model.catalog, MODULES);
  expect(Object.keys(want.tables)).toHaveLength(8);
  // format_type() spells an INTERVAL DAY column out; the model keeps the grammar's field mask.
  for (const t of [shape, want]) for (const v of Object.values(t.tables)) v.columns = v.columns.map((c) => c.replace(/^review_every .*$/, 'review_every interval day'));
  expect(shape).toEqual(want);
  expect(shape.tables.vendor!.comment).toBe(`A supplier. ${HOSTILE_COMMENT}`);
  expect(shape.tables.vendor!.columnComments).toContain('name: Trading name\nsecond line | pipe `code` <b>bold</b>');
  // Circular foreign keys and identity/generated columns really work: rows go in both directions.
  const org = '00000000-0000-7000-8000-000000000001';
  const user = '00000000-0000-7000-8000-000000000002';
  await exec(`
    INSERT INTO organisations (id, name) VALUES ('${org}', 'Org');
    INSERT INTO users (id, organisation_id, email, full_name, created_by) VALUES ('${user}', '${org}', 'a@b.c', 'A', '${user}');
    INSERT INTO vendor (id, organisation_id, name, created_by) VALUES ('00000000-0000-7000-8000-000000000003', '${org}', 'V', '${user}');
    INSERT INTO vendor_contact (id, organisation_id, vendor_id, email, created_by) VALUES ('00000000-0000-7000-8000-000000000004', '${org}', '00000000-0000-7000-8000-000000000003', 'c@d.e', '${user}');
    UPDATE vendor SET primary_contact_id = '00000000-0000-7000-8000-000000000004';
    INSERT INTO assessment (organisation_id, vendor_id, period_start, period_end, score_a, score_b) VALUES ('${org}', '00000000-0000-7000-8000-000000000003', '2026-01-01', '2026-03-31', 1, 2);`);
  const total = await query<{ id: string; total: string }>('SELECT id, total FROM assessment');
  expect(total.rows.map((r) => [Number(r.id), Number(r.total)])).toEqual([[1, 3]]);
  await expect(exec(`UPDATE vendor SET status = 'unknown'`)).rejects.toThrow(/vendor_status_check/);
}

describe('generated SQL on PGlite', () => {
  it('applies and builds exactly the modelled schema', async () => {
    const db = new PGlite();
    try {
      for (const role of FIXTURE_ROLES) await db.exec(`CREATE ROLE ${role}`);
      await applyAndCompare(
        (s) => db.exec(s),
        (s) => db.query(s),
      );
    } finally {
      await db.close();
    }
  });
});

describe('generated SQL on PostgreSQL 15', () => {
  postgresIt('applies and builds exactly the modelled schema', async (client) => {
    const version = await client.query('SHOW server_version_num');
    expect(Number(version.rows[0].server_version_num)).toBeGreaterThanOrEqual(150000);
    await ensureRoles(client, FIXTURE_ROLES);
    await applyAndCompare(
      (s) => client.query(s),
      <Row>(s: string) => client.query<Row & QueryResultRow>(s),
    );
  });
});
