/** Trigger conditions and states, and GRANT/REVOKE details, as the replay models them. */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../build.js';
import { loadParser } from '../parser.js';

await loadParser();

const enc = new TextEncoder();
const replay = (sql: string) => {
  const model = buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/migrations/001.sql', bytes: enc.encode(sql) }] }], 'global');
  return { table: (name: string) => model.catalog.tables.get(`public.${name}`)!, findings: model.findings };
};

describe('trigger replay', () => {
  it('refuses a second trigger of the same name on a table, as PostgreSQL does, unless it is CREATE OR REPLACE', () => {
    const { table, findings } = replay(`CREATE TABLE t (a int);
CREATE TRIGGER x BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();
CREATE TRIGGER x BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION f();
CREATE OR REPLACE TRIGGER x BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();`);
    expect(findings.map((f) => [f.ruleId, f.loc.line, f.message])).toEqual([['replay-error', 3, 'trigger "x" for relation "t" already exists: use CREATE OR REPLACE TRIGGER, or drop it first']]);
    expect(table('t').triggers.map((t) => t.events)).toEqual([['insert']]);
  });

  it('keeps UPDATE OF columns and the WHEN condition', () => {
    const { table } = replay(`CREATE TABLE t (a int, b int);
CREATE TRIGGER x BEFORE UPDATE OF a, b ON t FOR EACH ROW WHEN (OLD.a IS DISTINCT FROM NEW.a) EXECUTE FUNCTION f();
CREATE TRIGGER y BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION f();`);
    const [x, y] = table('t').triggers;
    expect(x).toMatchObject({ columns: ['a', 'b'], when: { text: 'old.a IS DISTINCT FROM new.a' } });
    expect(y!.columns).toBeUndefined();
    expect(y!.when).toBeUndefined();
  });

  it('follows ENABLE/DISABLE TRIGGER name | ALL, ALWAYS and REPLICA', () => {
    const { table, findings } = replay(`CREATE TABLE t (a int);
CREATE TRIGGER x BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();
CREATE TRIGGER y BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION f();
CREATE TRIGGER z BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
ALTER TABLE t DISABLE TRIGGER ALL;
ALTER TABLE t ENABLE ALWAYS TRIGGER x, ENABLE REPLICA TRIGGER y;
ALTER TABLE t DISABLE TRIGGER nope;`);
    expect(table('t').triggers.map((t) => t.enabled)).toEqual(['always', 'replica', 'disabled']);
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/trigger "nope" for table "t" does not exist/)]);
    const again = replay(`CREATE TABLE t (a int);\nCREATE TRIGGER x BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();\nALTER TABLE t DISABLE TRIGGER x;\nALTER TABLE t ENABLE TRIGGER USER;`);
    expect(again.table('t').triggers[0]!.enabled).toBeUndefined();
  });
});

describe('privilege replay', () => {
  it('separates column-level privileges and marks grant options', () => {
    const { table } = replay(`CREATE TABLE t (a int, b int);
GRANT SELECT, UPDATE (a, b) ON t TO app WITH GRANT OPTION;
REVOKE GRANT OPTION FOR UPDATE ON t FROM app;`);
    expect(table('t').privileges.map(({ loc: _loc, ...p }) => p)).toEqual([
      { action: 'grant', privileges: ['select'], grantees: ['app'], grantOption: true },
      { action: 'grant', privileges: ['update'], columns: ['a', 'b'], grantees: ['app'], grantOption: true },
      { action: 'revoke', privileges: ['update'], grantees: ['app'], grantOption: true },
    ]);
  });

  it('applies ON ALL TABLES IN SCHEMA to the tables that exist at that point', () => {
    const { table } = replay(`CREATE SCHEMA s;
CREATE TABLE before_grant (a int);
CREATE TABLE s.other (a int);
GRANT ALL ON ALL TABLES IN SCHEMA public TO app;
CREATE TABLE after_grant (a int);`);
    expect(table('before_grant').privileges).toMatchObject([{ action: 'grant', privileges: ['all'], grantees: ['app'] }]);
    expect(table('after_grant').privileges).toEqual([]);
  });
});
