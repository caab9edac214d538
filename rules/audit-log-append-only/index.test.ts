import { PGlite } from '@electric-sql/pglite';
import { expect, it } from 'vitest';
import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const LOG_TABLE = `CREATE TABLE audit_log (
  id uuid PRIMARY KEY,
  action text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL
);`;

const REJECT_FUNCTION = `CREATE FUNCTION reject_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;`;

/** Valid case and PGlite proof alike: one BEFORE UPDATE OR DELETE row trigger that raises. */
const TRIGGER_BLOCKED = `${LOG_TABLE}
${REJECT_FUNCTION}
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION reject_log_change();`;

const REVOKED = `${LOG_TABLE}\nREVOKE UPDATE, DELETE ON audit_log FROM PUBLIC;`;

ruleTester(rule, {
  valid: [
    { name: 'a BEFORE UPDATE OR DELETE row trigger that raises', sql: TRIGGER_BLOCKED },
    {
      name: 'separate triggers for UPDATE and DELETE, one ENABLE ALWAYS',
      sql: `${LOG_TABLE}\n${REJECT_FUNCTION}
CREATE TRIGGER no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION reject_log_change();
CREATE TRIGGER no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION reject_log_change();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER no_delete;`,
    },
    { name: 'UPDATE and DELETE revoked from PUBLIC', sql: REVOKED },
    {
      name: 'ALL revoked, then only SELECT and INSERT granted back',
      sql: `${LOG_TABLE}\nCREATE TABLE vendor_note (id uuid PRIMARY KEY);\nREVOKE ALL ON audit_log FROM PUBLIC, app_writer;\nGRANT SELECT, INSERT ON audit_log TO app_writer;\nGRANT UPDATE ON vendor_note TO app_writer;`,
    },
    {
      name: 'a grant taken back by a later REVOKE from that role',
      sql: { 'app/migrations/001_a.sql': `${LOG_TABLE}\nGRANT ALL ON audit_log TO app_writer;`, 'app/migrations/002_b.sql': 'REVOKE UPDATE, DELETE ON audit_log FROM app_writer;' },
    },
    {
      name: 'column-level UPDATE grant taken back by a table-wide REVOKE',
      sql: `${LOG_TABLE}\nGRANT UPDATE (action) ON audit_log TO app_writer;\nREVOKE UPDATE, DELETE ON audit_log FROM app_writer;`,
    },
    { name: 'tables that are not logs are not judged', sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY, updated_at timestamptz, deleted_at timestamptz);' },
    { name: 'requireTruncateBlocked: TRUNCATE revoked', sql: `${LOG_TABLE}\nREVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;`, options: { requireTruncateBlocked: true } },
    {
      name: 'requireTruncateBlocked: a BEFORE TRUNCATE statement trigger',
      sql: `${TRIGGER_BLOCKED}\nCREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION reject_log_change();`,
      options: { requireTruncateBlocked: true },
    },
    {
      name: 'configured log table and audit column names',
      sql: 'CREATE TABLE activity (id uuid PRIMARY KEY, updated_at timestamptz);\nREVOKE ALL ON activity FROM PUBLIC;',
      standard: { logTables: ['activity'], auditColumns: { updatedAt: 'modified_at' } },
    },
  ],
  invalid: [
    {
      name: 'nothing prevents UPDATE or DELETE: one finding each, at the table',
      sql: LOG_TABLE,
      errors: [
        {
          message: 'DELETE on log table "audit_log" is neither revoked nor blocked by a trigger: revoke the privilege, or add a BEFORE DELETE … FOR EACH ROW trigger that raises an exception',
          fix: 'REVOKE DELETE ON audit_log FROM PUBLIC;',
          line: 1,
          column: 14,
          logical: 'public.audit_log',
        },
        {
          message: 'UPDATE on log table "audit_log" is neither revoked nor blocked by a trigger: revoke the privilege, or add a BEFORE UPDATE … FOR EACH ROW trigger that raises an exception',
          fix: 'REVOKE UPDATE ON audit_log FROM PUBLIC;',
        },
      ],
    },
    {
      name: 'updated_*/deleted_* columns on a log table, at each column',
      sql: `CREATE TABLE event_log (id uuid PRIMARY KEY,\n  updated_at timestamptz,\n  updated_by uuid,\n  deleted_at timestamptz,\n  deleted_by uuid);\nREVOKE ALL ON event_log FROM PUBLIC;`,
      errors: [
        {
          messageId: 'mutableColumn',
          data: { table: 'event_log', column: 'updated_at' },
          fix: 'ALTER TABLE event_log DROP COLUMN updated_at;',
          line: 2,
          column: 3,
          logical: 'public.event_log.updated_at',
        },
        { line: 3, logical: 'public.event_log.updated_by' },
        { line: 4, logical: 'public.event_log.deleted_at' },
        { line: 5, logical: 'public.event_log.deleted_by' },
      ],
    },
    {
      name: 'only UPDATE blocked: DELETE reported alone',
      sql: `${LOG_TABLE}\n${REJECT_FUNCTION}\nCREATE TRIGGER no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION reject_log_change();`,
      errors: [{ message: /^DELETE on log table "audit_log" is neither revoked nor blocked/ }],
    },
    {
      name: 'a later GRANT defeats the REVOKE, reported at the grant',
      sql: { 'app/migrations/001_a.sql': REVOKED, 'app/migrations/002_b.sql': '-- app role\nGRANT SELECT, INSERT, UPDATE ON audit_log TO app_writer, "Auditor";' },
      errors: [
        {
          message:
            'UPDATE on log table "audit_log" is granted to "Auditor", "app_writer" (app/migrations/002_b.sql:2), so its rows can be changed: revoke the privilege, or add a BEFORE UPDATE … FOR EACH ROW trigger that raises an exception',
          fix: 'REVOKE UPDATE ON audit_log FROM "Auditor", app_writer;',
          file: 'app/migrations/002_b.sql',
          line: 2,
          column: 1,
          logical: 'public.audit_log',
        },
      ],
    },
    {
      name: 'an earlier GRANT to a role survives a REVOKE from PUBLIC',
      sql: `${LOG_TABLE}\nGRANT ALL ON audit_log TO app_writer;\nREVOKE ALL ON audit_log FROM PUBLIC;`,
      errors: [{ message: /^DELETE on log table "audit_log" is granted to "app_writer" \(app\/migrations\/001_test.sql:7\)/, line: 7 }, { message: /^UPDATE .* granted to "app_writer"/ }],
    },
    {
      name: 'GRANT … ON ALL TABLES IN SCHEMA after the REVOKE',
      sql: `${REVOKED}\nGRANT ALL ON ALL TABLES IN SCHEMA public TO app_writer;`,
      errors: [
        { message: /^DELETE .* granted to "app_writer"/, line: 8 },
        { message: /^UPDATE .* granted to "app_writer"/, line: 8 },
      ],
    },
    {
      name: 'a column-level UPDATE grant still lets that column change',
      sql: `${REVOKED}\nGRANT UPDATE (action) ON audit_log TO app_writer;`,
      errors: [{ message: /^UPDATE on log table "audit_log" is granted to "app_writer" \(columns action\)/ }],
    },
    {
      name: 'REVOKE GRANT OPTION FOR and column-level REVOKE do not revoke the privilege',
      sql: `${LOG_TABLE}\nREVOKE GRANT OPTION FOR DELETE ON audit_log FROM PUBLIC;\nREVOKE UPDATE (action) ON audit_log FROM PUBLIC;`,
      errors: [{ message: /^DELETE .* neither revoked nor blocked/ }, { message: /^UPDATE .* neither revoked nor blocked/ }],
    },
    {
      name: 'triggers that do not block: AFTER, FOR EACH STATEMENT, UPDATE OF, WHEN',
      sql: `${LOG_TABLE}\n${REJECT_FUNCTION}
CREATE TRIGGER a_after AFTER UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION reject_log_change();
CREATE TRIGGER b_statement BEFORE UPDATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION reject_log_change();
CREATE TRIGGER c_column BEFORE UPDATE OF action ON audit_log FOR EACH ROW EXECUTE FUNCTION reject_log_change();
CREATE TRIGGER d_when BEFORE DELETE ON audit_log FOR EACH ROW WHEN (OLD.action <> 'login') EXECUTE FUNCTION reject_log_change();`,
      errors: [
        {
          message: `DELETE on log table "audit_log" is neither revoked nor blocked by a trigger; trigger "d_when" does not count: it fires only WHEN (old.action <> 'login'): revoke the privilege, or add a BEFORE DELETE … FOR EACH ROW trigger that raises an exception`,
          fix: 'REVOKE DELETE ON audit_log FROM PUBLIC;',
        },
        {
          message:
            'UPDATE on log table "audit_log" is neither revoked nor blocked by a trigger; trigger "a_after" does not count: it runs AFTER, not BEFORE; trigger "b_statement" does not count: it is FOR EACH STATEMENT, which partitions and hypertable chunks do not inherit; trigger "c_column" does not count: it fires only for UPDATE OF action: revoke the privilege, or add a BEFORE UPDATE … FOR EACH ROW trigger that raises an exception',
          fix: 'REVOKE UPDATE ON audit_log FROM PUBLIC;',
        },
      ],
    },
    {
      name: 'trigger disabled or dropped by a later migration',
      sql: {
        'app/migrations/001_a.sql': TRIGGER_BLOCKED + '\nCREATE TRIGGER spare BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION reject_log_change();',
        'app/migrations/002_b.sql': 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;\nALTER TABLE audit_log ENABLE REPLICA TRIGGER spare;',
      },
      errors: [
        { message: /^DELETE .*; trigger "audit_log_append_only" does not count: it is disabled; trigger "spare" does not count: it fires only in replica sessions/ },
        { message: /^UPDATE .* "audit_log_append_only" does not count: it is disabled:/ },
      ],
    },
    {
      name: 'DISABLE TRIGGER ALL, then DROP TRIGGER',
      sql: {
        'app/migrations/001_a.sql': TRIGGER_BLOCKED,
        'app/migrations/002_b.sql': 'ALTER TABLE audit_log DISABLE TRIGGER ALL;',
        'app/migrations/003_c.sql': 'ALTER TABLE audit_log ENABLE TRIGGER ALL;\nDROP TRIGGER audit_log_append_only ON audit_log;',
      },
      errors: [{ message: /^DELETE .* neither revoked nor blocked by a trigger: / }, { message: /^UPDATE .* neither revoked nor blocked by a trigger: / }],
    },
    {
      name: 'requireTruncateBlocked: row triggers do not stop TRUNCATE',
      sql: TRIGGER_BLOCKED,
      options: { requireTruncateBlocked: true },
      errors: [
        {
          message:
            'TRUNCATE on log table "audit_log" is neither revoked nor blocked by a trigger: revoke the privilege, or add a BEFORE TRUNCATE … FOR EACH STATEMENT trigger that raises an exception (row triggers do not fire on TRUNCATE)',
          fix: 'REVOKE TRUNCATE ON audit_log FROM PUBLIC;',
        },
      ],
    },
    {
      name: 'configured log table with quoted name and configured audit columns',
      sql: 'CREATE TABLE "ActivityLog" (id uuid PRIMARY KEY,\n  modified_at timestamptz, updated_at timestamptz);\nREVOKE ALL ON "ActivityLog" FROM PUBLIC;',
      standard: { logTables: ['ActivityLog'], auditColumns: { updatedAt: 'modified_at' } },
      errors: [{ messageId: 'mutableColumn', data: { table: 'ActivityLog', column: 'modified_at' }, fix: 'ALTER TABLE "ActivityLog" DROP COLUMN modified_at;', line: 2, column: 3 }],
    },
  ],
});

it("PostgreSQL: the valid case's row trigger really blocks UPDATE and DELETE (but not TRUNCATE)", async () => {
  const db = new PGlite();
  await db.exec(TRIGGER_BLOCKED);
  await db.exec(`INSERT INTO audit_log (id, action, created_by) VALUES (gen_random_uuid(), 'login', gen_random_uuid())`);
  await expect(db.exec(`UPDATE audit_log SET action = 'logout'`)).rejects.toThrow(/audit_log is append-only/);
  await expect(db.exec('DELETE FROM audit_log')).rejects.toThrow(/audit_log is append-only/);
  expect((await db.query(`SELECT action FROM audit_log`)).rows).toEqual([{ action: 'login' }]);
  await db.exec('TRUNCATE audit_log');
  expect((await db.query('SELECT count(*)::int AS n FROM audit_log')).rows).toEqual([{ n: 0 }]);
  await db.close();
});
