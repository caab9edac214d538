import type { EnumType, Index, IndexKey, Policy, PrivilegeChange, Table } from '../../model/catalog.js';
import { sqlDottedName } from '../../sources/sql/print-expr.js';
import { exprSql } from './expr-sql.js';
import { commentName, sqlIdent, sqlLiteral, sqlRelation, sqlRole } from './sql-text.js';
import { type SqlContext, tableName } from './table.js';

export function createEnumSql(e: EnumType, ctx: SqlContext): string {
  return `CREATE TYPE ${sqlRelation(e.schema, e.name, ctx.defaultSchema)} AS ENUM (${e.values.map(sqlLiteral).join(', ')});`;
}

function indexKeySql(table: Table, index: Index, key: IndexKey): string {
  let out = 'column' in key ? sqlIdent(key.column) : `(${exprSql(key.expr, `an expression of index "${index.name}" on "${table.name}"`)})`;
  if (key.collation) out += ` COLLATE ${sqlDottedName(key.collation.split('.'))}`;
  if (key.opclass) out += ` ${sqlDottedName(key.opclass.split('.'))}`;
  if (key.descending) out += ' DESC';
  if (key.nullsFirst === true) out += ' NULLS FIRST';
  else if (key.nullsFirst === false) out += ' NULLS LAST';
  return out;
}

export function createIndexSql(table: Table, index: Index, ctx: SqlContext): string {
  let out = `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${sqlIdent(index.declaredName ?? index.name)} ON ${tableName(table, ctx)}`;
  if (index.method !== 'btree') out += ` USING ${sqlIdent(index.method)}`;
  out += ` (${index.keys.map((k) => indexKeySql(table, index, k)).join(', ')})`;
  if (index.include.length) out += ` INCLUDE (${index.include.map(sqlIdent).join(', ')})`;
  if (index.predicate) out += ` WHERE ${exprSql(index.predicate, `the WHERE clause of index "${index.name}" on "${table.name}"`)}`;
  return out + ';';
}

export function rlsSql(table: Table, ctx: SqlContext): string[] {
  const out: string[] = [];
  if (table.rls.enabled) out.push(`ALTER TABLE ${tableName(table, ctx)} ENABLE ROW LEVEL SECURITY;`);
  if (table.rls.forced) out.push(`ALTER TABLE ${tableName(table, ctx)} FORCE ROW LEVEL SECURITY;`);
  return out;
}

export function createPolicySql(table: Table, p: Policy, ctx: SqlContext): string {
  const what = (clause: string) => `the ${clause} expression of policy "${p.name}" on "${table.name}"`;
  const lines = [`CREATE POLICY ${sqlIdent(p.declaredName ?? p.name)} ON ${tableName(table, ctx)}`];
  if (!p.permissive) lines.push('AS RESTRICTIVE');
  if (p.command !== 'all') lines.push(`FOR ${p.command.toUpperCase()}`);
  if (!(p.roles.length === 1 && p.roles[0] === 'public')) lines.push(`TO ${p.roles.map(sqlRole).join(', ')}`);
  if (p.using) lines.push(`USING (${exprSql(p.using, what('USING'))})`);
  if (p.withCheck) lines.push(`WITH CHECK (${exprSql(p.withCheck, what('WITH CHECK'))})`);
  return lines.join('\n  ') + ';';
}

/** Privilege key words as GRANT takes them; anything odd is quoted, never pasted. */
function privilegeSql(p: string): string {
  if (p === 'all') return 'ALL';
  return /^[a-z]+( [a-z]+)*$/.test(p) ? p.toUpperCase() : sqlIdent(p);
}

export function privilegeChangeSql(table: Table, change: PrivilegeChange, ctx: SqlContext): string {
  const cols = change.columns?.length ? ` (${change.columns.map(sqlIdent).join(', ')})` : '';
  const privileges = change.privileges.map((p) => privilegeSql(p) + cols).join(', ');
  const grantees = change.grantees.map(sqlRole).join(', ');
  if (change.action === 'grant') {
    return `GRANT ${privileges} ON ${tableName(table, ctx)} TO ${grantees}${change.grantOption ? ' WITH GRANT OPTION' : ''};`;
  }
  return `REVOKE ${change.grantOption ? 'GRANT OPTION FOR ' : ''}${privileges} ON ${tableName(table, ctx)} FROM ${grantees};`;
}

export function commentSql(table: Table, ctx: SqlContext): string[] {
  const out: string[] = [];
  // An empty comment is how COMMENT ON removes one: nothing to write.
  if (table.description) out.push(`COMMENT ON TABLE ${tableName(table, ctx)} IS ${sqlLiteral(table.description)};`);
  for (const c of table.columns) {
    if (c.comment) out.push(`COMMENT ON COLUMN ${tableName(table, ctx)}.${sqlIdent(c.name)} IS ${sqlLiteral(c.comment)};`);
  }
  return out;
}

/**
 * TimescaleDB is an optional extension: a plain PostgreSQL (CI, PGlite, a developer's laptop) must
 * still accept the file, so the call runs only where the extension is installed, and the table
 * stays a plain table elsewhere. ismslint's replay reads the PERFORM inside the block, so linting the
 * generated file still sees the hypertable.
 */
export function hypertableSql(table: Table, ctx: SqlContext): string | undefined {
  if (!table.hypertable) return undefined;
  const call = `PERFORM create_hypertable(${sqlLiteral(tableName(table, ctx))}, ${sqlLiteral(table.hypertable.timeColumn)});`;
  const body = ['BEGIN', "  IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN", `    ${call}`, '  END IF;', 'END'].join('\n');
  let tag = '$hypertable$';
  for (let i = 1; body.includes(tag); i++) tag = `$hypertable${i}$`;
  return `DO ${tag}\n${body}\n${tag};`;
}

/** Triggers call functions whose bodies the model does not keep: they are named, not generated. */
export function triggerNotes(table: Table): string[] {
  return table.triggers.map(
    (t) =>
      `-- Not generated: trigger ${commentName(t.name)} on ${commentName(table.name)} (${t.timing.toUpperCase()} ${t.events.map((e) => e.toUpperCase()).join(' OR ')}` +
      `${t.forEachRow ? ' FOR EACH ROW' : ''}) runs ${commentName(t.function)}, whose body the schema model does not keep.`,
  );
}
