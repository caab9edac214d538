import type { ColumnDef, Constraint as ConstraintNode, Node, TypeName } from '@pgsql/types';
import type { Column, Constraint, ReferentialAction, Table } from '../../../model/catalog.js';
import { tableKey } from '../../../model/catalog.js';
import { nodeAs } from '../../../model/ast.js';
import { chooseName, columnsAddition } from '../../../model/names.js';
import { makeTypeRef } from '../../../model/types.js';
import { makeExpr, nextvalCall } from '../expr.js';
import type { StatementContext } from './context.js';
import { BUILTIN_TYPE_NAMES, checkType } from './user-types.js';
import { intern, str, strings } from './context.js';

const ACTIONS: Record<string, ReferentialAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

/** The column type as format_type() prints it; a schema on the search_path is left out, as it does. */
export function typeRefOf(typeName: TypeName | undefined, searchPath: string[] = []) {
  const names = strings(typeName?.names);
  const visible = names.length === 2 && (names[0] === 'pg_catalog' || searchPath.includes(names[0]!));
  let raw = visible ? names[1]! : names.join('.');
  // SQL's CHAR arrives as bpchar: a bare `char` here is the quoted one-byte internal type "char".
  if (raw === 'char') raw = '"char"';
  const mods = (typeName?.typmods ?? []).map((m) => Number(nodeAs(m, 'A_Const')?.ival?.ival ?? 0));
  const ref = makeTypeRef(raw, mods, (typeName?.arrayBounds ?? []).length);
  // An identifier as a type modifier is how PostgreSQL reads MySQL's inline `INDEX name (col)`.
  const odd = (typeName?.typmods ?? []).some((m) => 'ColumnRef' in m);
  return { ref, odd };
}

/** Built-in types a number is assigned to: numbers themselves, and strings (I/O conversion casts). */
const TAKES_A_NUMBER = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'double precision',
  'money',
  'text',
  'character varying',
  'character',
  'name',
  'serial',
  'bigserial',
  'smallserial',
  'oid',
]);

/**
 * `DEFAULT 0` on a built-in type a number cannot be assigned to (boolean, timestamp, uuid, arrays …):
 * PostgreSQL rejects the column. Only bare numeric constants are judged; other expressions need typing.
 */
export function checkNumericDefault(ctx: StatementContext, column: Column, expr: Node | undefined): void {
  let e = expr;
  const minus = nodeAs(e, 'A_Expr');
  if (minus?.kind === 'AEXPR_OP' && !minus.lexpr && str(minus.name?.[0]) === '-') e = minus.rexpr;
  const c = nodeAs(e, 'A_Const');
  if (!c || !(c.ival || c.fval)) return;
  const t = column.type;
  const builtin = !t.name.includes('.') && (BUILTIN_TYPE_NAMES.has(t.name) || TAKES_A_NUMBER.has(t.name));
  if (!builtin || (t.arrayDims === 0 && TAKES_A_NUMBER.has(t.name))) return;
  const numberType = c.ival ? 'integer' : 'numeric';
  ctx.problem(`column "${column.name}" is of type ${t.text} but default expression is of type ${numberType}`, ctx.at(c.location));
}

/**
 * A `nextval('name')` default: PostgreSQL reads the name as a regclass when the default is set, so the
 * sequence (any relation, in fact) must exist then.
 */
export function checkNextvalTargets(ctx: StatementContext, expr: Node | undefined): void {
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const found = nextvalCall(n);
    if (found) {
      const { parts, constant } = found;
      if (parts.length <= 2) ctx.relation({ schemaname: parts.length === 2 ? parts[0] : undefined, relname: parts[parts.length - 1]!, location: constant.location });
      return;
    }
    for (const v of Object.values(n)) visit(v);
  };
  visit(expr);
}

/**
 * `DEFAULT NULL` (or `NULL::type`): PostgreSQL stores no default, as the column is null without one. A
 * domain's column keeps it, since it overrides the domain's own default.
 */
export function storesNoDefault(ctx: StatementContext, column: Column, node: Node | undefined): boolean {
  const cast = nodeAs(node, 'TypeCast');
  if (nodeAs(cast ? cast.arg : node, 'A_Const')?.isnull !== true) return false;
  if (column.type.arrayDims > 0) return true;
  const parts = column.type.name.split('.');
  const name = parts[parts.length - 1]!;
  return !(parts.length > 1 ? [parts[0]!] : ctx.searchPath).some((s) => ctx.catalog.types.get(tableKey(s, name))?.kind === 'domain');
}

/** A nullable column without default; every optional field declared now, so tens of thousands of columns keep one compact shape. */
export function newColumn(name: string, type: Column['type'], loc: Column['loc']): Column {
  return { name, type, notNull: false, default: undefined, identity: undefined, generated: undefined, comment: undefined, declaredName: undefined, loc };
}

export const IDENTITY_TYPES = new Set(['smallint', 'integer', 'bigint']);

/** Build a column from a ColumnDef; its inline constraints are returned for the table to add. */
export function columnFromDef(ctx: StatementContext, def: ColumnDef, tableName: string): { column: Column; constraints: ConstraintNode[]; mysqlIndex: boolean } {
  const { ref, odd } = typeRefOf(def.typeName, ctx.searchPath);
  if (!odd) checkType(ctx, def.typeName, true);
  const colname = def.colname ?? '';
  const column = newColumn(intern(colname), ref, ctx.nameAt(def.location));
  ctx.noteDeclaredName(column, colname, def.location);
  const mysqlIndex = odd && (colname === 'index' || colname === 'key');
  if (mysqlIndex) {
    ctx.problem(`PostgreSQL reads this as a column named "${colname}" of type ${ref.name}: MySQL's inline INDEX/KEY is not PostgreSQL; use CREATE INDEX ${ref.name} ON ${tableName} (…)`, column.loc);
  }
  const rest: ConstraintNode[] = [];
  // A column constraint becomes the table constraint it stands for by naming its column (the parse tree is ours to change).
  for (const c of def.constraints ?? []) {
    const con = nodeAs(c, 'Constraint');
    switch (con?.contype) {
      case 'CONSTR_NOTNULL':
        column.notNull = true;
        break;
      case 'CONSTR_NULL':
        column.notNull = false;
        break;
      case 'CONSTR_DEFAULT':
        // PostgreSQL stores no default for DEFAULT NULL.
        column.default = storesNoDefault(ctx, column, con.raw_expr) ? undefined : makeExpr(con.raw_expr, ctx.at(con.location));
        checkNumericDefault(ctx, column, con.raw_expr);
        checkNextvalTargets(ctx, con.raw_expr);
        break;
      case 'CONSTR_IDENTITY':
        column.identity = con.generated_when === 'a' ? 'always' : 'by default';
        column.notNull = true;
        break;
      case 'CONSTR_GENERATED':
        column.generated = makeExpr(con.raw_expr, ctx.at(con.location));
        break;
      case 'CONSTR_PRIMARY':
        column.notNull = true;
        con.keys = [{ String: { sval: colname } }];
        rest.push(con);
        break;
      case 'CONSTR_UNIQUE':
        con.keys = [{ String: { sval: colname } }];
        rest.push(con);
        break;
      case 'CONSTR_FOREIGN':
        con.fk_attrs = [{ String: { sval: colname } }];
        rest.push(con);
        break;
      case 'CONSTR_CHECK':
        rest.push(con);
        break;
      default:
        break;
    }
  }
  if (column.identity && (ref.arrayDims > 0 || !IDENTITY_TYPES.has(ref.name))) ctx.problem('identity column type must be smallint, integer, or bigint', column.loc);
  return { column, constraints: rest, mysqlIndex };
}

/** Columns a CHECK expression mentions, in the order PostgreSQL's pull_var_clause finds them. */
export function referencedColumns(ast: unknown, table: Table): string[] {
  const out: string[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      const ref = nodeAs(n, 'ColumnRef');
      if (ref) {
        const fields = ref.fields ?? [];
        const name = str(fields[fields.length - 1]);
        if (table.columns.some((c) => c.name === name)) out.push(name);
        return;
      }
      for (const v of Object.values(n)) if (typeof v === 'object') visit(v);
    }
  };
  visit(ast);
  return out;
}

/** Columns a CHECK expression names that the table does not have: PostgreSQL rejects the constraint. */
export function unknownColumns(ast: unknown, table: Table): { name: string; location?: number }[] {
  const out: { name: string; location?: number }[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      const ref = nodeAs(n, 'ColumnRef');
      const fields = ref?.fields;
      if (fields) {
        const qualifiedByTable = fields.length === 2 && str(fields[0]) === table.name;
        const name = str(fields[fields.length - 1]);
        const known = !name || name === table.name || table.columns.some((c) => c.name === name);
        if ((fields.length === 1 || qualifiedByTable) && !known) out.push({ name, location: ref.location });
        return;
      }
      for (const v of Object.values(n)) if (typeof v === 'object') visit(v);
    }
  };
  visit(ast);
  return out;
}

/** Report the first of `columns` the table lacks, with PostgreSQL's message; true when one is missing. */
function missingColumn(ctx: StatementContext, table: Table, columns: string[], message: (name: string) => string, loc: ReturnType<StatementContext['at']>): boolean {
  const missing = columns.find((c) => !table.columns.some((x) => x.name === c));
  if (missing !== undefined) ctx.problem(message(missing), loc);
  return missing !== undefined;
}

/** Add a table or column constraint, naming it as PostgreSQL would when no name is given. */
export function addConstraint(ctx: StatementContext, table: Table, con: ConstraintNode): void {
  const names = ctx.state.names;
  const schema = table.schema;
  const loc = ctx.at(con.location);
  const explicit: string | undefined = con.conname || undefined;
  const constraintTaken = (n: string) => names.hasConstraint(schema, n);
  const relationTaken = (n: string) => names.hasRelation(schema, n) || names.hasConstraint(schema, n);
  let c: Constraint;
  switch (con.contype) {
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE': {
      const primary = con.contype === 'CONSTR_PRIMARY';
      let columns = strings(con.keys);
      if (con.indexname) {
        const idx = table.indexes.find((i) => i.name === con.indexname);
        if (idx) {
          columns = idx.keys.map((k) => ('column' in k ? k.column : ''));
          table.indexes = table.indexes.filter((i) => i !== idx);
          names.removeRelation(schema, idx.name);
          ctx.state.indexOwner.delete(schema, idx.name);
        } else {
          ctx.problem(`index "${con.indexname}" of relation "${table.name}" does not exist`, loc);
          return;
        }
      }
      if (!con.indexname && missingColumn(ctx, table, columns, (n) => `column "${n}" named in key does not exist`, loc)) return;
      if (primary) {
        if (table.constraints.some((x) => x.kind === 'primary key')) {
          ctx.problem(`multiple primary keys for table "${table.name}" are not allowed`, loc);
          return;
        }
        for (const col of columns) {
          const column = table.columns.find((x) => x.name === col);
          if (column) column.notNull = true;
        }
      }
      const indexColumns = [...columns, ...strings(con.including)];
      const name = explicit ?? con.indexname ?? chooseName(table.name, primary ? undefined : columnsAddition(indexColumns), primary ? 'pkey' : 'key', relationTaken);
      // The key's index takes the constraint's name, and index names are relation names.
      if (explicit && !con.indexname && names.hasRelation(schema, explicit) && !table.constraints.some((x) => x.name === explicit)) {
        ctx.problem(`relation "${explicit}" already exists`, loc);
        return;
      }
      c = { name, kind: primary ? 'primary key' : 'unique', columns, implicitName: !explicit && !con.indexname, notValid: false, loc };
      names.addRelation(schema, name);
      break;
    }
    case 'CONSTR_FOREIGN': {
      const columns = strings(con.fk_attrs);
      if (missingColumn(ctx, table, columns, (n) => `column "${n}" referenced in foreign key constraint does not exist`, loc)) return;
      const targetName = con.pktable?.relname ?? '';
      const targetSchema = ctx.resolveSchema(con.pktable?.schemaname, targetName);
      if (!ctx.catalog.tables.has(`${targetSchema}.${targetName}`)) ctx.platformRelation(con.pktable?.schemaname, targetName);
      const name = explicit ?? chooseName(table.name, columnsAddition(columns), 'fkey', constraintTaken);
      c = {
        name,
        kind: 'foreign key',
        columns,
        implicitName: !explicit,
        references: {
          schema: targetSchema,
          table: targetName,
          columns: strings(con.pk_attrs),
          onDelete: ACTIONS[con.fk_del_action ?? ''] ?? 'no action',
          onUpdate: ACTIONS[con.fk_upd_action ?? ''] ?? 'no action',
        },
        notValid: Boolean(con.skip_validation),
        loc,
      };
      break;
    }
    case 'CONSTR_CHECK': {
      // Like pg_constraint.conkey: the columns the expression uses, wherever the CHECK is written. PostgreSQL
      // names it `<table>_<column>_check` only when that is exactly one column, else `<table>_check`.
      const unknown = unknownColumns(con.raw_expr, table);
      if (unknown.length > 0) {
        ctx.problem(`column "${unknown[0]!.name}" does not exist: the CHECK constraint can only use columns of "${table.name}"`, ctx.nameAt(unknown[0]!.location));
        return;
      }
      const cols = [...new Set(referencedColumns(con.raw_expr, table))];
      const name = explicit ?? chooseName(table.name, cols.length === 1 ? cols[0] : undefined, 'check', constraintTaken);
      c = { name, kind: 'check', columns: cols, implicitName: !explicit, check: makeExpr(con.raw_expr, loc), notValid: Boolean(con.skip_validation), loc };
      break;
    }
    case 'CONSTR_EXCLUSION': {
      const cols = (con.exclusions ?? []).flatMap((e) => nodeAs(nodeAs(e, 'List')?.items?.[0], 'IndexElem')?.name ?? []).filter(Boolean);
      const name = explicit ?? chooseName(table.name, columnsAddition(cols), 'excl', relationTaken);
      c = { name, kind: 'exclude', columns: cols, implicitName: !explicit, notValid: false, loc };
      names.addRelation(schema, name);
      break;
    }
    default:
      return;
  }
  if (explicit && table.constraints.some((x) => x.name === explicit)) {
    ctx.problem(`constraint "${explicit}" for relation "${table.name}" already exists`, loc);
    return;
  }
  ctx.noteDeclaredName(c, c.name, explicit ? con.location : undefined);
  names.addConstraint(schema, c.name);
  table.constraints.push(c);
}
