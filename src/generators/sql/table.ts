import type { Catalog, Column, Constraint, ReferentialAction, Table } from '../../model/catalog.js';
import { columnsAddition, makeObjectName } from '../../model/names.js';
import { exprSql } from './expr-sql.js';
import { sqlIdent, sqlRelation, sqlType } from './sql-text.js';

export interface SqlContext {
  catalog: Catalog;
  defaultSchema: string;
  /** Filled on first use: see keepsImplicitName. */
  nameUses?: Map<string, number>;
}

const name = (o: { name: string; declaredName?: string }): string => sqlIdent(o.declaredName ?? o.name);
const columnList = (cols: string[]): string => cols.map(sqlIdent).join(', ');

export function tableName(t: Pick<Table, 'schema' | 'name'>, ctx: SqlContext): string {
  return sqlRelation(t.schema, t.name, ctx.defaultSchema);
}

function columnSql(table: Table, c: Column): string {
  const what = (part: string) => `the ${part} of column "${table.name}"."${c.name}"`;
  let out = `${name(c)} ${sqlType(c.type)}`;
  if (c.default) out += ` DEFAULT ${exprSql(c.default, what('default'))}`;
  if (c.generated) out += ` GENERATED ALWAYS AS (${exprSql(c.generated, what('generation expression'))}) STORED`;
  if (c.identity) out += ` GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
  if (c.notNull) out += ' NOT NULL';
  return out;
}

function action(a: ReferentialAction): string {
  return a.toUpperCase();
}

/** The name PostgreSQL gives an unnamed constraint when nothing has taken it yet. */
function defaultName(table: Table, c: Constraint): string | undefined {
  switch (c.kind) {
    case 'primary key':
      return makeObjectName(table.name, undefined, 'pkey');
    case 'unique':
      return makeObjectName(table.name, columnsAddition(c.columns), 'key');
    case 'foreign key':
      return makeObjectName(table.name, columnsAddition(c.columns), 'fkey');
    case 'check':
      return makeObjectName(table.name, c.columns.length === 1 ? c.columns[0] : undefined, 'check');
    default:
      return undefined;
  }
}

/**
 * A constraint PostgreSQL named stays unnamed, so that the replayed model keeps it as PostgreSQL's
 * choice (rules judge the names people chose), but only where PostgreSQL will provably choose the
 * same name again: the default name, used by no other constraint or relation in the schema.
 */
function keepsImplicitName(table: Table, c: Constraint, ctx: SqlContext): boolean {
  if (!c.implicitName || c.name !== defaultName(table, c)) return false;
  ctx.nameUses ??= countNames(ctx.catalog);
  return ctx.nameUses.get(`${table.schema}\0${c.name}`) === 1;
}

/** How many tables, indexes and constraints of each schema carry each name. */
function countNames(catalog: Catalog): Map<string, number> {
  const uses = new Map<string, number>();
  const add = (schema: string, n: string) => uses.set(`${schema}\0${n}`, (uses.get(`${schema}\0${n}`) ?? 0) + 1);
  for (const t of catalog.tables.values()) {
    add(t.schema, t.name);
    for (const i of t.indexes) add(t.schema, i.name);
    for (const c of t.constraints) add(t.schema, c.name);
  }
  return uses;
}

/** `[CONSTRAINT name] …` as in CREATE TABLE and ALTER TABLE … ADD; undefined for kinds the model cannot rebuild. */
export function constraintSql(table: Table, c: Constraint, ctx: SqlContext): string | undefined {
  const head = keepsImplicitName(table, c, ctx) ? '' : `CONSTRAINT ${name(c)} `;
  switch (c.kind) {
    case 'primary key':
      return `${head}PRIMARY KEY (${columnList(c.columns)})`;
    case 'unique':
      return `${head}UNIQUE (${columnList(c.columns)})`;
    case 'check':
      if (!c.check) return undefined;
      return `${head}CHECK (${exprSql(c.check, `CHECK constraint "${c.name}" of table "${table.name}"`)})`;
    case 'foreign key': {
      const r = c.references;
      if (!r) return undefined;
      let out = `${head}FOREIGN KEY (${columnList(c.columns)}) REFERENCES ${sqlRelation(r.schema, r.table, ctx.defaultSchema)}`;
      if (r.columns.length) out += ` (${columnList(r.columns)})`;
      if (r.onUpdate !== 'no action') out += ` ON UPDATE ${action(r.onUpdate)}`;
      if (r.onDelete !== 'no action') out += ` ON DELETE ${action(r.onDelete)}`;
      return out;
    }
    default:
      // EXCLUDE: the model keeps its columns, not its operators.
      return undefined;
  }
}

/** CREATE TABLE with its columns and the constraints that can be written inline. */
export function createTableSql(table: Table, inline: Constraint[], ctx: SqlContext): string {
  const items = [...table.columns.map((c) => columnSql(table, c))];
  for (const c of inline) {
    const sql = constraintSql(table, c, ctx);
    if (sql) items.push(sql);
  }
  const created = sqlRelation(table.schema, table.declaredName ?? table.name, ctx.defaultSchema);
  if (items.length === 0) return `CREATE TABLE ${created} ();`;
  return `CREATE TABLE ${created} (\n${items.map((i) => `  ${i}`).join(',\n')}\n);`;
}
