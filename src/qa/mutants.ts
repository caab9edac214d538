/**
 * Mutants of a module: one small change each, as SQL run after its migrations. The standard's own
 * operators first, then SchemaAnalyst's constraint operators. Every name is quoted.
 */
import type { Catalog, Table } from '../model/catalog.js';
import { foreignKeys, primaryKey } from '../model/catalog.js';
import type { Standard } from '../engine/standard.js';
import { classifyTable } from '../engine/rule.js';
import { indexLikes, leadsWith } from '../model/queries.js';
import { ident, literal, qualified } from './runtime/sql.js';
import { columnChecks } from './checks.js';

export interface Mutant {
  operator: string;
  /** The standard's own operators must all be killed; constraint operators at the threshold. */
  family: 'standard' | 'constraint';
  schema: string;
  table: string;
  description: string;
  sql: string;
}

export const STANDARD_OPERATORS = [
  'drop-fk-index',
  'disable-rls',
  'no-force-rls',
  'drop-tenant-policy',
  'policy-using-true',
  'policy-wrong-setting',
  'policy-drop-with-check',
  'add-permissive-true-policy',
  'tenant-key-nullable',
  'drop-tenant-fk',
  'drop-audit-column',
  'created-at-default',
  'drop-append-only-trigger',
  'regrant-update-on-log',
  'id-default-gen-random-uuid',
] as const;

export const CONSTRAINT_OPERATORS = [
  'pk-remove-column',
  'pk-add-column',
  'unique-remove-column',
  'unique-add-column',
  'fk-remove',
  'not-null-remove',
  'not-null-add',
  'check-remove',
  'check-change-operator',
  'check-change-values',
] as const;

/** Recreate a policy from its live definition with one change: a DO block, since the text PostgreSQL keeps is what we edit. */
function rewritePolicy(table: Table, policy: string, using: string, check: string): string {
  const T = qualified(table.schema, table.name);
  return `DO $ismslint$
DECLARE p record;
BEGIN
  SELECT * INTO p FROM pg_catalog.pg_policies WHERE schemaname = ${literal(table.schema)} AND tablename = ${literal(table.name)} AND policyname = ${literal(policy)};
  EXECUTE 'DROP POLICY ' || quote_ident(p.policyname) || ' ON ' || ${literal(T)};
  EXECUTE 'CREATE POLICY ' || quote_ident(p.policyname) || ' ON ' || ${literal(T)} || ' AS ' || p.permissive || ' FOR ' || p.cmd
    || ' TO ' || (SELECT string_agg(CASE WHEN r = 'public' THEN 'PUBLIC' ELSE quote_ident(r) END, ', ') FROM unnest(p.roles::text[]) AS r)
    || coalesce(' USING (' || ${using} || ')', '') || coalesce(' WITH CHECK (' || ${check} || ')', '');
END
$ismslint$`;
}

export function moduleMutants(catalog: Catalog, standard: Standard, module: string): Mutant[] {
  const out: Mutant[] = [];
  for (const t of catalog.tables.values()) if (t.module === module) out.push(...tableMutants(standard, t));
  return out;
}

function tableMutants(standard: Standard, t: Table): Mutant[] {
  const out: Mutant[] = [];
  const T = qualified(t.schema, t.name);
  const kind = classifyTable(t, standard);
  const add = (operator: string, family: Mutant['family'], description: string, sql: string) => out.push({ operator, family, schema: t.schema, table: t.name, description, sql });
  const S = standard.tenantSetting;
  const tenant = t.columns.find((c) => c.name === standard.tenantKey);

  // The foreign key left without any usable index: every index that covers it goes. One covered by a
  // primary key or unique constraint cannot lose its index by DROP INDEX, so it has no such mutant.
  const likes = indexLikes(t);
  for (const fk of foreignKeys(t)) {
    const covering = likes.filter((i) => leadsWith(i, fk.columns));
    if (covering.length === 0 || covering.some((i) => 'kind' in i.source)) continue;
    const names = covering.map((i) => i.name);
    add(
      'drop-fk-index',
      'standard',
      `${t.name}: DROP INDEX ${names.join(', ')} (${names.length > 1 ? 'each covers' : 'covers'} ${fk.columns.join(', ')})`,
      `DROP INDEX ${names.map((n) => qualified(t.schema, n)).join(', ')}`,
    );
  }
  if (t.rls.enabled) add('disable-rls', 'standard', `${t.name}: DISABLE ROW LEVEL SECURITY`, `ALTER TABLE ${T} DISABLE ROW LEVEL SECURITY`);
  if (t.rls.forced) add('no-force-rls', 'standard', `${t.name}: NO FORCE ROW LEVEL SECURITY`, `ALTER TABLE ${T} NO FORCE ROW LEVEL SECURITY`);
  for (const p of t.policies) {
    add('drop-tenant-policy', 'standard', `${t.name}: DROP POLICY ${p.name}`, `DROP POLICY ${ident(p.name)} ON ${T}`);
    if (p.using) add('policy-using-true', 'standard', `${t.name}: policy ${p.name} USING (true)`, `ALTER POLICY ${ident(p.name)} ON ${T} USING (true)`);
    const wrong = `${S}_x`;
    if (p.using || p.withCheck) {
      const swap = (col: string) => `replace(p.${col}, ${literal(literal(S))}, ${literal(literal(wrong))})`;
      add('policy-wrong-setting', 'standard', `${t.name}: policy ${p.name} reads ${wrong}`, rewritePolicy(t, p.name, swap('qual'), swap('with_check')));
    }
    if (p.withCheck) add('policy-drop-with-check', 'standard', `${t.name}: policy ${p.name} without WITH CHECK`, rewritePolicy(t, p.name, 'p.qual', 'NULL'));
  }
  if (t.rls.enabled)
    add(
      'add-permissive-true-policy',
      'standard',
      `${t.name}: CREATE POLICY … USING (true) WITH CHECK (true)`,
      `CREATE POLICY ismslint_mutant_open ON ${T} AS PERMISSIVE USING (true) WITH CHECK (true)`,
    );
  if (tenant && kind !== 'tenant-root') {
    if (tenant.notNull) add('tenant-key-nullable', 'standard', `${t.name}: ${tenant.name} DROP NOT NULL`, `ALTER TABLE ${T} ALTER COLUMN ${ident(tenant.name)} DROP NOT NULL`);
    for (const fk of foreignKeys(t)) {
      if (fk.columns.length === 1 && fk.columns[0] === tenant.name) add('drop-tenant-fk', 'standard', `${t.name}: DROP CONSTRAINT ${fk.name}`, `ALTER TABLE ${T} DROP CONSTRAINT ${ident(fk.name)}`);
    }
  }
  const a = standard.auditColumns;
  for (const c of [a.createdAt, a.createdBy, a.updatedAt, a.updatedBy, a.deletedAt, a.deletedBy]) {
    if (t.columns.some((x) => x.name === c)) add('drop-audit-column', 'standard', `${t.name}: DROP COLUMN ${c}`, `ALTER TABLE ${T} DROP COLUMN ${ident(c)}`);
  }
  if (t.columns.find((x) => x.name === a.createdAt)?.default) {
    add('created-at-default', 'standard', `${t.name}: ${a.createdAt} DEFAULT '2000-01-01'`, `ALTER TABLE ${T} ALTER COLUMN ${ident(a.createdAt)} SET DEFAULT '2000-01-01 00:00:00+00'`);
  }
  if (kind === 'log') {
    for (const tr of t.triggers) add('drop-append-only-trigger', 'standard', `${t.name}: DROP TRIGGER ${tr.name}`, `DROP TRIGGER ${ident(tr.name)} ON ${T}`);
    add('regrant-update-on-log', 'standard', `${t.name}: GRANT UPDATE, DELETE TO PUBLIC`, `GRANT UPDATE, DELETE ON ${T} TO PUBLIC`);
  }
  const id = t.columns.find((c) => c.name === 'id' && c.type.name === 'uuid');
  if (id?.default) add('id-default-gen-random-uuid', 'standard', `${t.name}: id DEFAULT gen_random_uuid()`, `ALTER TABLE ${T} ALTER COLUMN id SET DEFAULT gen_random_uuid()`);

  // SchemaAnalyst's constraint operators.
  const pk = primaryKey(t);
  const others = (cols: string[]) => t.columns.filter((c) => c.notNull && !cols.includes(c.name) && !c.generated).map((c) => c.name);
  for (const key of t.constraints.filter((c) => c.kind === 'primary key' || c.kind === 'unique')) {
    const kw = key.kind === 'primary key' ? 'PRIMARY KEY' : 'UNIQUE';
    const op = key.kind === 'primary key' ? 'pk' : 'unique';
    const recreate = (cols: string[]) => `ALTER TABLE ${T} DROP CONSTRAINT ${ident(key.name)}${cols.length ? `, ADD CONSTRAINT ${ident(key.name)} ${kw} (${cols.map(ident).join(', ')})` : ''}`;
    for (const c of key.columns) add(`${op}-remove-column`, 'constraint', `${t.name}: ${kw} ${key.name} without ${c}`, recreate(key.columns.filter((x) => x !== c)));
    const extra = others(key.columns)[0];
    if (extra) add(`${op}-add-column`, 'constraint', `${t.name}: ${kw} ${key.name} with ${extra}`, recreate([...key.columns, extra]));
  }
  for (const fk of foreignKeys(t)) add('fk-remove', 'constraint', `${t.name}: DROP CONSTRAINT ${fk.name}`, `ALTER TABLE ${T} DROP CONSTRAINT ${ident(fk.name)}`);
  for (const c of t.columns) {
    if (c.notNull && !(pk?.columns ?? []).includes(c.name)) add('not-null-remove', 'constraint', `${t.name}: ${c.name} DROP NOT NULL`, `ALTER TABLE ${T} ALTER COLUMN ${ident(c.name)} DROP NOT NULL`);
    if (!c.notNull) add('not-null-add', 'constraint', `${t.name}: ${c.name} SET NOT NULL`, `ALTER TABLE ${T} ALTER COLUMN ${ident(c.name)} SET NOT NULL`);
  }
  for (const c of t.constraints.filter((c) => c.kind === 'check')) add('check-remove', 'constraint', `${t.name}: DROP CONSTRAINT ${c.name}`, `ALTER TABLE ${T} DROP CONSTRAINT ${ident(c.name)}`);
  for (const ch of columnChecks(t)) {
    const name = ident(ch.constraint.name);
    const col = ident(ch.column);
    // Operator: the condition negated; values: the value the rows use is no longer allowed.
    add(
      'check-change-operator',
      'constraint',
      `${t.name}: CHECK ${ch.constraint.name} negated`,
      `ALTER TABLE ${T} DROP CONSTRAINT ${name}, ADD CONSTRAINT ${name} CHECK (NOT (${ch.constraint.check!.text}))`,
    );
    add(
      'check-change-values',
      'constraint',
      `${t.name}: CHECK ${ch.constraint.name} refuses ${ch.valid}`,
      `ALTER TABLE ${T} DROP CONSTRAINT ${name}, ADD CONSTRAINT ${name} CHECK ((${ch.constraint.check!.text}) AND ${col} IS DISTINCT FROM ${ch.valid})`,
    );
  }
  return out;
}

/**
 * A table's catalog as text: its columns, constraints, indexes, policies, RLS flags, privileges and
 * triggers. Every operator changes one table only, so two equal snapshots of it mean a suite cannot
 * tell the mutant from the original.
 */
export function catalogSnapshotSql(schema: string, table: string): string {
  const rel = `pg_catalog.to_regclass(${literal(qualified(schema, table))})`;
  return `SELECT coalesce(string_agg(x, E'\\n' ORDER BY x), '') AS snapshot FROM (
  SELECT 'col ' || a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' ' || coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = ${rel} AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL SELECT 'con ' || conname || ' ' || pg_catalog.pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint WHERE conrelid = ${rel}
  UNION ALL SELECT 'idx ' || pg_catalog.pg_get_indexdef(indexrelid) FROM pg_catalog.pg_index WHERE indrelid = ${rel}
  UNION ALL SELECT 'pol ' || policyname || ' ' || permissive || ' ' || cmd || ' ' || roles::text || ' ' || coalesce(qual, '-') || ' ' || coalesce(with_check, '-') FROM pg_catalog.pg_policies WHERE schemaname = ${literal(schema)} AND tablename = ${literal(table)}
  UNION ALL SELECT 'rel ' || relrowsecurity::text || ' ' || relforcerowsecurity::text || ' ' || coalesce(relacl::text, '') FROM pg_catalog.pg_class WHERE oid = ${rel}
  UNION ALL SELECT 'trg ' || pg_catalog.pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_catalog.pg_trigger WHERE tgrelid = ${rel} AND NOT tgisinternal
) AS s(x)`;
}
