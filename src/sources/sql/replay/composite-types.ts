import type { AlterTableCmd, AlterTableStmt, RangeVar, RenameStmt } from '@pgsql/types';
import { nodeAs } from '../../../model/ast.js';
import type { Column, Table } from '../../../model/catalog.js';
import { tableKey } from '../../../model/catalog.js';
import { field } from '../ast-helpers.js';
import { alterPass } from './alter.js';
import { newColumn, typeRefOf } from './columns.js';
import type { StatementContext } from './context.js';
import { intern } from './context.js';
import { dependentViews } from './relations.js';
import { dropColumn, renameColumn } from './tables.js';
import { checkType } from './user-types.js';

/** A composite type found by the name ALTER TYPE gives it: its key and its attributes. */
interface Composite {
  key: string;
  name: string;
  attributes: Column[];
}

/**
 * The composite type ALTER TYPE names. PostgreSQL looks it up as a relation (its row type's): a table of
 * that name is "not a composite type", and a name nothing has is "relation … does not exist".
 */
function compositeType(ctx: StatementContext, rv: RangeVar): Composite | undefined {
  const name = rv.relname ?? '';
  const { catalog, state } = ctx;
  for (const s of rv.schemaname ? [rv.schemaname] : ctx.searchPath) {
    const key = tableKey(s, name);
    const attributes = state.compositeColumns.get(key);
    if (attributes) return { key, name, attributes };
    const type = catalog.types.get(key);
    // A type only known by name (made in a DO block's dynamic SQL, say) may be composite: nothing is claimed about it.
    if (type?.kind === 'base') return undefined;
    if (type || catalog.enums.has(key) || catalog.tables.has(key) || catalog.views.has(key) || catalog.sequences.has(key)) {
      ctx.problem(`"${name}" is not a composite type`, ctx.nameAt(rv.location));
      return undefined;
    }
  }
  ctx.relation(rv);
  return undefined;
}

/** The typed tables (`CREATE TABLE … OF type`) of a composite type. */
function typedTables(ctx: StatementContext, type: Composite): Table[] {
  return [...ctx.catalog.tables.values()].filter((t) => ctx.state.typedTables.get(t) === type.attributes);
}

/**
 * Without CASCADE, PostgreSQL refuses to change a composite type that typed tables use. The replay reports
 * it and goes on as if CASCADE had been written, as it goes on after every error.
 */
function refuseWithoutCascade(ctx: StatementContext, type: Composite, tables: Table[], behavior: string | undefined, rv: RangeVar): void {
  if (tables.length > 0 && behavior !== 'DROP_CASCADE') {
    ctx.problem(
      `cannot alter type "${type.name}" because it is the type of a typed table (${tables.map((t) => t.name).join(', ')}): use ALTER TYPE … CASCADE to alter the typed tables too`,
      ctx.nameAt(rv.location),
    );
  }
}

/** ALTER TYPE composite ADD / DROP / ALTER ATTRIBUTE …, reaching its typed tables with CASCADE. */
export function alterCompositeType(ctx: StatementContext, stmt: AlterTableStmt): void {
  const rv = stmt.relation;
  if (!rv?.relname) return;
  const cmds = (stmt.cmds ?? []).flatMap((n) => {
    const c = field(n, 'AlterTableCmd');
    return c ? [c] : [];
  });
  // Only attribute actions (and OWNER TO …, which changes nothing modelled) are ALTER TYPE's on a composite type.
  if (!cmds.some((c) => c.subtype === 'AT_AddColumn' || c.subtype === 'AT_DropColumn' || c.subtype === 'AT_AlterColumnType')) return;
  const type = compositeType(ctx, rv);
  if (!type) return;
  const tables = typedTables(ctx, type);
  // PostgreSQL checks every action first, then runs them in its order: drops, type changes, additions.
  const valid = cmds.filter((c) => prepare(ctx, type, tables, c, rv));
  valid.sort((a, b) => alterPass(a) - alterPass(b));
  for (const c of valid) execute(ctx, type, tables, c);
}

/** PostgreSQL's checks of one action before any runs; false when it cannot run at all. */
function prepare(ctx: StatementContext, type: Composite, tables: Table[], cmd: AlterTableCmd, rv: RangeVar): boolean {
  const name = cmd.name ?? '';
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      refuseWithoutCascade(ctx, type, tables, cmd.behavior, rv);
      return true;
    case 'AT_DropColumn':
      refuseWithoutCascade(ctx, type, tables, cmd.behavior, rv);
      if (!type.attributes.some((a) => a.name === name)) {
        if (!cmd.missing_ok) ctx.problem(`column "${name}" of relation "${type.name}" does not exist`, ctx.nameAt(rv.location));
        return false;
      }
      return true;
    case 'AT_AlterColumnType': {
      if (!type.attributes.some((a) => a.name === name)) {
        ctx.problem(`column "${name}" of relation "${type.name}" does not exist`, ctx.nameAt(rv.location));
        return false;
      }
      if (checkType(ctx, nodeAs(cmd.def, 'ColumnDef')?.typeName, false)) return false;
      const user = columnsOfType(ctx, type)[0];
      if (user) {
        ctx.problem(`cannot alter type "${type.name}" because column "${user.t.name}.${user.c.name}" uses it`, ctx.nameAt(rv.location));
        return false;
      }
      refuseWithoutCascade(ctx, type, tables, cmd.behavior, rv);
      return true;
    }
    default:
      return false;
  }
}

function execute(ctx: StatementContext, type: Composite, tables: Table[], cmd: AlterTableCmd): void {
  const name = cmd.name ?? '';
  const cascade = cmd.behavior === 'DROP_CASCADE';
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (!def?.colname) return;
      const colname = intern(def.colname);
      if (type.attributes.some((a) => a.name === colname)) {
        ctx.problem(`column "${colname}" of relation "${type.name}" already exists`, ctx.nameAt(def.location));
        return;
      }
      if (checkType(ctx, def.typeName, false)) return;
      const attribute = newColumn(colname, typeRefOf(def.typeName, ctx.searchPath).ref, ctx.nameAt(def.location));
      type.attributes.push(attribute);
      for (const t of tables) t.columns.push({ ...attribute, loc: ctx.nameAt(def.location) });
      return;
    }
    case 'AT_DropColumn': {
      const at = type.attributes.findIndex((a) => a.name === name);
      if (at === -1) return;
      type.attributes.splice(at, 1);
      for (const t of tables) dropColumn(ctx, t, name, true, cascade);
      return;
    }
    case 'AT_AlterColumnType': {
      const attribute = type.attributes.find((a) => a.name === name);
      if (!attribute) return;
      attribute.type = typeRefOf(nodeAs(cmd.def, 'ColumnDef')?.typeName, ctx.searchPath).ref;
      for (const t of tables) {
        const col = t.columns.find((c) => c.name === name);
        if (!col) continue;
        const views = dependentViews(ctx, t, [name]);
        if (views.length > 0) {
          ctx.problem(`cannot alter type of a column used by a view or rule (${views.map((v) => `${v.relkind} ${v.name}`).join(', ')}): drop the view, alter the column, then create the view again`);
          continue;
        }
        col.type = attribute.type;
        col.changedAt = ctx.statementLoc();
      }
      return;
    }
    default:
      return;
  }
}

/** Columns of tables and materialized views whose type is the composite type (or an array of it). */
function columnsOfType(ctx: StatementContext, type: Composite): { t: Table; c: Column }[] {
  const [schema] = type.key.split('.');
  const visible = ctx.searchPath.includes(schema!) ? type.name : type.key;
  const out: { t: Table; c: Column }[] = [];
  const matviews = [...ctx.catalog.views.values()].filter((v) => v.relkind === 'materialized view');
  for (const t of [...ctx.catalog.tables.values(), ...matviews]) {
    for (const c of t.columns) if (c.type.name === visible || c.type.name === type.key) out.push({ t, c });
  }
  return out;
}

/** ALTER TYPE composite RENAME ATTRIBUTE a TO b [CASCADE]: renamed in its typed tables too. */
export function renameAttribute(ctx: StatementContext, stmt: RenameStmt): void {
  const rv = stmt.relation;
  if (!rv?.relname || stmt.relationType !== 'OBJECT_TYPE') return;
  const type = compositeType(ctx, rv);
  if (!type) return;
  const from = stmt.subname ?? '';
  const to = stmt.newname ?? '';
  const tables = typedTables(ctx, type);
  refuseWithoutCascade(ctx, type, tables, stmt.behavior, rv);
  const attribute = type.attributes.find((a) => a.name === from);
  if (!attribute) {
    ctx.problem(`column "${from}" does not exist`, ctx.nameAt(rv.location));
    return;
  }
  if (type.attributes.some((a) => a.name === to)) {
    ctx.problem(`column "${to}" of relation "${type.name}" already exists`, ctx.nameAt(rv.location));
    return;
  }
  attribute.name = to;
  for (const t of tables) renameColumn(ctx, t, from, to);
}
