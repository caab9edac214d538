/**
 * The pgTAP target: one .sql file per module, inside BEGIN … ROLLBACK, for pg_prove against a database
 * where the module's migrations (global first) have been applied. It sets up the application role and
 * the test rows, then plans and runs the same steps as the vitest suite with pgTAP's assertions.
 */
import type { ModuleSuite } from './suite.js';
import type { Step } from './runtime/types.js';
import { ident, literal, nameArray } from './runtime/sql.js';
import { commentText, headerLines } from './render-vitest.js';

const HELPERS = [
  `CREATE FUNCTION pg_temp.ismslint_affected(statement text) RETURNS integer LANGUAGE plpgsql AS $ismslint$
DECLARE n integer;
BEGIN
  EXECUTE statement;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$ismslint$`,
  // With the tenant setting unset or empty, a policy's cast of it fails: that, too, shows nothing.
  `CREATE FUNCTION pg_temp.ismslint_visible(query text) RETURNS bigint LANGUAGE plpgsql AS $ismslint$
DECLARE n bigint;
BEGIN
  EXECUTE 'SELECT count(*) FROM (' || query || ') AS visible' INTO n;
  RETURN n;
EXCEPTION WHEN invalid_text_representation OR undefined_object THEN
  RETURN 0;
END
$ismslint$`,
];

const n = (s: string) => `${literal(s)}::name`;

/** The SQLSTATE throws_ok expects, chosen by the server's version where PostgreSQL changed it. */
function expectedCode(step: Extract<Step, { kind: 'throws' }>): string {
  const code = step.sqlstate ? `${literal(step.sqlstate)}::char(5)` : 'NULL::char(5)';
  if (!step.olderServers) return code;
  return `CASE WHEN current_setting('server_version_num')::int < ${Number(step.olderServers.before)} THEN ${literal(step.olderServers.sqlstate)}::char(5) ELSE ${code} END`;
}

function assertion(step: Exclude<Step, { run: string }>): string {
  const d = literal(step.label);
  switch (step.kind) {
    case 'has_table':
      return `has_table(${n(step.schema)}, ${n(step.table)}, ${d})`;
    case 'has_column':
      return `has_column(${n(step.schema)}, ${n(step.table)}, ${n(step.column)}, ${d})`;
    case 'col_type_is':
      return `col_type_is(${n(step.schema)}, ${n(step.table)}, ${n(step.column)}, ${literal(step.type)}::text, ${d})`;
    case 'col_not_null':
    case 'col_is_null':
      return `${step.kind}(${n(step.schema)}, ${n(step.table)}, ${n(step.column)}, ${d})`;
    case 'col_default_is':
      return `col_default_is(${n(step.schema)}, ${n(step.table)}, ${n(step.column)}, ${literal(step.default)}::text, ${d})`;
    case 'col_has_default':
      return `col_has_default(${n(step.schema)}, ${n(step.table)}, ${n(step.column)}, ${d})`;
    case 'col_is_pk':
      return `col_is_pk(${n(step.schema)}, ${n(step.table)}, ${nameArray(step.columns)}, ${d})`;
    case 'fk_ok':
      return `fk_ok(${n(step.schema)}, ${n(step.table)}, ${nameArray(step.columns)}, ${n(step.refSchema)}, ${n(step.refTable)}, ${nameArray(step.refColumns)}, ${d})`;
    case 'policies_are':
      return `policies_are(${n(step.schema)}, ${n(step.table)}, ${nameArray(step.policies)}, ${d})`;
    case 'policy_cmd_is':
      return `policy_cmd_is(${n(step.schema)}, ${n(step.table)}, ${n(step.policy)}, ${literal(step.command)}::text, ${d})`;
    case 'policy_roles_are':
      // pgTAP looks the roles up in pg_roles, where PUBLIC is not: compare pg_policies.roles instead.
      if (step.roles.includes('public')) {
        const want = `${nameArray(step.roles)}::text[]`;
        return `ok(COALESCE((SELECT roles::text[] @> ${want} AND roles::text[] <@ ${want} FROM pg_catalog.pg_policies WHERE schemaname = ${literal(step.schema)} AND tablename = ${literal(step.table)} AND policyname = ${literal(step.policy)}), false), ${d})`;
      }
      return `policy_roles_are(${n(step.schema)}, ${n(step.table)}, ${n(step.policy)}, ${nameArray(step.roles)}, ${d})`;
    case 'ok':
      return `ok(COALESCE((${step.sql}), false), ${d})`;
    case 'is_empty':
      return `is_empty(${literal(step.sql)}, ${d})`;
    case 'throws':
      return `throws_ok(${literal(step.sql)}, ${expectedCode(step)}, NULL::text, ${d})`;
    case 'lives':
      return `lives_ok(${literal(step.sql)}, ${d})`;
    case 'affects':
      return `is(pg_temp.ismslint_affected(${literal(step.sql)}), ${step.rows}, ${d})`;
    case 'nothing_visible':
      return `is(pg_temp.ismslint_visible(${literal(step.sql)}), 0::bigint, ${d})`;
  }
}

export function renderPgtap(m: ModuleSuite): string {
  const { suite } = m;
  const plan = suite.requirements.reduce((sum, r) => sum + r.steps.filter((s) => !('run' in s)).length, 0);
  const out: string[] = headerLines(m, 'pgTAP').map((l) => `-- ${l}`);
  out.push(
    `-- Run with pg_prove against a database where the migrations above have been applied (TimescaleDB, or a stand-in create_hypertable, where they call it).`,
    ...generatedSources(m),
    '',
    'BEGIN;',
    'CREATE EXTENSION IF NOT EXISTS pgtap;',
    ...suite.setup.map((s) => `${s};`),
    ...HELPERS.map((s) => `${s};`),
    // pgTAP keeps its results in temporary tables: created as the application role, every role the suite switches to can write them.
    `SET ROLE ${ident(suite.appRole)};`,
    `SELECT plan(${plan});`,
    'RESET ROLE;',
  );
  for (const r of suite.requirements) {
    out.push('', `-- ${commentText(r.title)}`, 'RESET ROLE;');
    for (const step of r.steps) out.push('run' in step ? `${step.run};` : `SELECT ${assertion(step)};`);
  }
  out.push('', 'RESET ROLE;', 'SELECT * FROM finish();', 'ROLLBACK;', '');
  return out.join('\n');
}

/** Modules without migrations are built from generated SQL: the header says which, as the database needs it too. */
function generatedSources(m: ModuleSuite): string[] {
  const names = m.suite.build.flatMap((b) => ('sql' in b ? [b.name] : []));
  return names.length ? [`-- Where a module has no migrations, apply instead: ${commentText(names.join(', '))}.`] : [];
}
