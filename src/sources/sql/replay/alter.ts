import type { AlterTableCmd, AlterTableStmt, Node, RangeVar, RenameStmt } from '@pgsql/types';
import { nodeAs } from '../../../model/ast.js';
import type { Constraint, Table } from '../../../model/catalog.js';
import { tableKey } from '../../../model/catalog.js';
import { field } from '../ast-helpers.js';
import { makeTypeRef } from '../../../model/types.js';
import { makeExpr } from '../expr.js';
import { addConstraint, columnFromDef, IDENTITY_TYPES, storesNoDefault, typeRefOf, checkNumericDefault, checkNextvalTargets } from './columns.js';
import type { StatementContext } from './context.js';
import { isSequence, isView, relationKindName } from './context.js';
import { attachPartition, detachPartition } from './partitions.js';
import { addOwnedSequence, dependentViews, dropOwnedSequences, renameRelation } from './relations.js';
import { SERIAL_INTEGER, inheritedSerial, dropColumn, foreignKeysBlock, identityOptions, referencingForeignKeys, ownsSequence, renameColumn, renameTable } from './tables.js';
import { partitionsOf, renameIndex } from './indexes.js';
import { cloneConstraints, cloneIndexes } from './clone.js';

const PROPAGATED: ReadonlySet<Constraint['kind']> = new Set(['check', 'foreign key']);
const INHERITED_CHECKS: ReadonlySet<Constraint['kind']> = new Set(['check']);

/** The tables that INHERIT from `table` and still exist. */
function inheritors(ctx: StatementContext, table: Table): Table[] {
  const list = ctx.state.inheritors.get(table);
  return list ? list.filter((t) => ctx.catalog.tables.get(tableKey(t.schema, t.name)) === t) : [];
}

/** Partitions and inheriting tables, at every level: where ALTER TABLE without ONLY recurses. */
function descendants(ctx: StatementContext, table: Table): Table[] {
  const out: Table[] = [];
  const queue = [table];
  for (let t = queue.pop(); t; t = queue.pop()) {
    for (const child of [...(t.partitioned ? partitionsOf(ctx, t) : []), ...inheritors(ctx, t)]) {
      if (out.includes(child)) continue;
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}
import { checkType, renameType } from './user-types.js';
import { renamePolicy } from './policies.js';

/** ALTER TABLE works on any relation; ALTER VIEW / MATERIALIZED VIEW / SEQUENCE only on their own kind. */
const ALTER_KIND: Partial<Record<string, string>> = { OBJECT_VIEW: 'view', OBJECT_MATVIEW: 'materialized view', OBJECT_SEQUENCE: 'sequence' };

/** What ALTER TABLE may do to a relation that is not a table (ATSimplePermissions' allowed targets). */
const ALLOWED_ON: Record<string, ReadonlySet<string>> = {
  view: new Set([
    'AT_ChangeOwner',
    'AT_ColumnDefault',
    'AT_SetRelOptions',
    'AT_ResetRelOptions',
    'AT_ReplaceRelOptions',
    'AT_AddColumnToView',
    'AT_EnableRule',
    'AT_DisableRule',
    'AT_EnableAlwaysRule',
    'AT_EnableReplicaRule',
    'AT_SetOptions',
    'AT_ResetOptions',
  ]),
  'materialized view': new Set([
    'AT_ChangeOwner',
    'AT_SetStatistics',
    'AT_SetOptions',
    'AT_ResetOptions',
    'AT_SetStorage',
    'AT_SetCompression',
    'AT_ClusterOn',
    'AT_DropCluster',
    'AT_SetAccessMethod',
    'AT_SetTableSpace',
    'AT_SetRelOptions',
    'AT_ResetRelOptions',
    'AT_ReplaceRelOptions',
  ]),
  sequence: new Set(['AT_ChangeOwner', 'AT_SetLogged', 'AT_SetUnLogged', 'AT_SetRelOptions', 'AT_ResetRelOptions', 'AT_ReplaceRelOptions']),
};

/**
 * The pass of PostgreSQL's ALTER TABLE (AlterTablePass in tablecmds.c) each subcommand runs in: one
 * statement's subcommands run pass by pass, in written order within a pass, so `DROP COLUMN x, ADD COLUMN x`
 * and `ADD CHECK (x > 0), ADD COLUMN x int` both work.
 */
export function alterPass(cmd: AlterTableCmd): number {
  switch (cmd.subtype) {
    case 'AT_DropColumn':
    case 'AT_DropConstraint':
    case 'AT_DropNotNull':
    case 'AT_DropIdentity':
    case 'AT_DropExpression':
      return 0;
    case 'AT_ColumnDefault':
      return cmd.def ? 10 : 0;
    case 'AT_AlterColumnType':
      return 1;
    case 'AT_AddColumn':
      return 2;
    case 'AT_SetExpression':
      return 3;
    case 'AT_SetNotNull':
    case 'AT_SetIdentity':
      return 7;
    case 'AT_AddConstraint': {
      const t = field(cmd.def, 'Constraint')?.contype;
      return t === 'CONSTR_PRIMARY' || t === 'CONSTR_UNIQUE' || t === 'CONSTR_EXCLUSION' ? 8 : 10;
    }
    case 'AT_AddIndex':
    case 'AT_AddIndexConstraint':
      return 9;
    case 'AT_AddIdentity':
      return 10;
    default:
      return 11;
  }
}

export function alterTable(ctx: StatementContext, stmt: AlterTableStmt): void {
  // ALTER INDEX … (SET TABLESPACE, ATTACH PARTITION …) and ALTER FOREIGN TABLE change nothing the model holds.
  if (stmt.objtype === 'OBJECT_INDEX' || stmt.objtype === 'OBJECT_FOREIGN_TABLE' || !stmt.relation?.relname) return;
  const rv = stmt.relation;
  const wanted = ALTER_KIND[stmt.objtype ?? ''];
  // Nearly every ALTER TABLE names a table: found first, without the checks other kinds need.
  const table = wanted ? undefined : ctx.findTable(rv);
  if (table) {
    alterTableCmds(ctx, table, stmt.cmds ?? [], rv.inh === true);
    return;
  }
  const relation = ctx.relation(rv, stmt.missing_ok);
  if (!relation) return;
  const kind = relationKindName(relation);
  if (wanted && wanted !== kind) {
    ctx.problem(`"${relation.name}" is not a ${wanted}`, ctx.nameAt(rv.location));
    return;
  }
  if (kind === 'table') {
    alterTableCmds(ctx, relation as Table, stmt.cmds ?? [], rv.inh === true);
    return;
  }
  const allowed = ALLOWED_ON[kind]!;
  for (const node of stmt.cmds ?? []) {
    const c = field(node, 'AlterTableCmd');
    if (c && !allowed.has(c.subtype ?? '')) {
      ctx.problem(`ALTER action ${actionName(c)} cannot be performed on relation "${relation.name}": it is a ${kind}`, ctx.nameAt(rv.location));
      return;
    }
  }
  if (isSequence(relation)) return;
  for (const node of stmt.cmds ?? []) {
    const c = field(node, 'AlterTableCmd');
    if (c?.subtype === 'AT_ColumnDefault') alterTableCmd(ctx, relation, c);
  }
}

/** Run a statement's subcommands pass by pass (a single one, the usual case, directly). */
function alterTableCmds(ctx: StatementContext, table: Table, nodes: Node[], recurse: boolean): void {
  if (nodes.length === 1) {
    const c = field(nodes[0], 'AlterTableCmd');
    if (c) alterTableCmd(ctx, table, c, recurse);
    return;
  }
  const ordered: { c: AlterTableCmd; i: number; p: number }[] = [];
  nodes.forEach((node, i) => {
    const c = field(node, 'AlterTableCmd');
    if (c) ordered.push({ c, i, p: alterPass(c) });
  });
  ordered.sort((a, b) => a.p - b.p || a.i - b.i);
  for (const { c } of ordered) alterTableCmd(ctx, table, c, recurse);
}

function actionName(cmd: AlterTableCmd): string {
  return (cmd.subtype ?? '')
    .replace(/^AT_/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
}

function column(ctx: StatementContext, table: Table, name: string) {
  const col = table.columns.find((c) => c.name === name);
  if (!col) ctx.problem(`column "${name}" of relation "${table.name}" does not exist`);
  return col;
}

function alterTableCmd(ctx: StatementContext, table: Table, cmd: AlterTableCmd, recurse = false): void {
  if (isView(table) && cmd.subtype !== 'AT_ColumnDefault') return;
  const name = cmd.name ?? '';
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (!def) return;
      if (ctx.state.typedTables.has(table)) {
        ctx.problem(`cannot add column to typed table "${table.name}": its columns are its type's`);
        return;
      }
      if (!recurse && !table.columns.some((c) => c.name === def.colname) && descendants(ctx, table).length > 0) {
        ctx.problem('column must be added to child tables too: a table with partitions or inheriting tables cannot take a column with ONLY');
        return;
      }
      const { column: col, constraints } = columnFromDef(ctx, def, table.name);
      if (col.type.name === table.name || col.type.name === `${table.schema}.${table.name}`) {
        ctx.problem(`composite type ${table.name} cannot be made a member of itself`, col.loc);
        return;
      }
      if (table.columns.some((c) => c.name === col.name)) {
        if (!cmd.missing_ok) ctx.problem(`column "${col.name}" of relation "${table.name}" already exists`, col.loc);
        return;
      }
      table.columns.push(col);
      if (ownsSequence(col)) addOwnedSequence(ctx, table, col.name, identityOptions(def));
      for (const con of constraints) addConstraint(ctx, table, con);
      // Without ONLY, partitions and inheriting tables get the column too (merged where they have it).
      if (!recurse) return;
      const inherited = inheritedSerial(ctx, table, col);
      for (const child of descendants(ctx, table)) {
        const own = child.columns.find((c) => c.name === col.name);
        if (own && own.type.text !== inherited.type.text) ctx.problem(`child table "${child.name}" has different type for column "${col.name}"`, col.loc);
        if (own) continue;
        const copy = { ...inherited, identity: undefined, loc: child.loc };
        ctx.state.inheritedColumns.add(copy);
        child.columns.push(copy);
      }
      return;
    }
    case 'AT_AttachPartition':
      attachPartition(ctx, table, field(cmd.def, 'PartitionCmd'));
      return;
    case 'AT_AddInherit':
      addInherit(ctx, table, nodeAs(cmd.def, 'RangeVar'));
      return;
    case 'AT_DropInherit': {
      const rv = nodeAs(cmd.def, 'RangeVar');
      const parent = rv && ctx.table(rv);
      if (!parent) return;
      const siblings = ctx.state.inheritors.get(parent) ?? [];
      if (!siblings.includes(table)) {
        ctx.problem(`relation "${parent.name}" is not a parent of relation "${table.name}"`, ctx.nameAt(rv.location));
        return;
      }
      ctx.state.inheritors.set(
        parent,
        siblings.filter((t) => t !== table),
      );
      return;
    }
    case 'AT_DetachPartition':
      detachPartition(ctx, table, field(cmd.def, 'PartitionCmd'));
      return;
    case 'AT_DropColumn': {
      if (ctx.state.typedTables.has(table)) {
        ctx.problem(`cannot drop column from typed table "${table.name}": its columns are its type's (ALTER TYPE … DROP ATTRIBUTE … CASCADE)`);
        return;
      }
      // Found before the parent's column goes: partitions' columns, and columns only inherited, go with it.
      const inheriting = recurse ? descendants(ctx, table).filter((t) => t.columns.some((c) => c.name === name && (t.partitionOf || ctx.state.inheritedColumns.has(c)))) : [];
      const had = table.columns.length;
      dropColumn(ctx, table, name, Boolean(cmd.missing_ok), cmd.behavior === 'DROP_CASCADE');
      if (table.columns.length < had) for (const child of inheriting) dropColumn(ctx, child, name, true, cmd.behavior === 'DROP_CASCADE');
      return;
    }
    case 'AT_AlterColumnType': {
      if (ctx.state.typedTables.has(table)) {
        ctx.problem(`cannot alter column type of typed table "${table.name}": its columns are its type's (ALTER TYPE … ALTER ATTRIBUTE … CASCADE)`);
        return;
      }
      const col = column(ctx, table, name);
      if (!col) return;
      const typeName = nodeAs(cmd.def, 'ColumnDef')?.typeName;
      if (checkType(ctx, typeName, false)) return;
      const views = dependentViews(ctx, table, [col.name]);
      if (views.length > 0) {
        ctx.problem(`cannot alter type of a column used by a view or rule (${views.map((v) => `${v.relkind} ${v.name}`).join(', ')}): drop the view, alter the column, then create the view again`);
        return;
      }
      col.type = typeRefOf(typeName, ctx.searchPath).ref;
      col.changedAt = ctx.statementLoc();
      for (const child of recurse ? descendants(ctx, table) : []) for (const c of child.columns) if (c.name === col.name) c.type = col.type;
      return;
    }
    case 'AT_SetNotNull':
    case 'AT_DropNotNull': {
      const col = column(ctx, table, name);
      if (!col) return;
      if (cmd.subtype === 'AT_DropNotNull' && table.constraints.some((c) => c.kind === 'primary key' && c.columns.includes(col.name))) {
        ctx.problem(`column "${col.name}" is in a primary key: it stays NOT NULL while the key exists`);
        return;
      }
      if (cmd.subtype === 'AT_DropNotNull' && col.identity) {
        ctx.problem(`column "${col.name}" of relation "${table.name}" is an identity column: it is always NOT NULL`);
        return;
      }
      col.notNull = cmd.subtype === 'AT_SetNotNull';
      col.changedAt = ctx.statementLoc();
      // SET NOT NULL holds for partitions and inheriting tables too; DROP NOT NULL for partitions.
      const affected = recurse ? descendants(ctx, table).filter((t) => col.notNull || t.partitionOf) : [];
      for (const child of affected) for (const c of child.columns) if (c.name === col.name) c.notNull = col.notNull;
      return;
    }
    case 'AT_ColumnDefault': {
      const col = column(ctx, table, name);
      if (col) {
        // PostgreSQL stores no default for DEFAULT NULL: it is DROP DEFAULT.
        if (cmd.def) {
          checkNumericDefault(ctx, col, cmd.def);
          checkNextvalTargets(ctx, cmd.def);
        }
        const def = cmd.def && !storesNoDefault(ctx, col, cmd.def) ? makeExpr(cmd.def, ctx.statementLoc()) : undefined;
        // Without ONLY, inheriting tables and partitions take the default too.
        for (const t of [table, ...(recurse && !isView(table) ? descendants(ctx, table) : [])]) {
          const c = t === table ? col : t.columns.find((x) => x.name === col.name);
          if (!c) continue;
          c.default = def;
          c.changedAt = ctx.statementLoc();
          // A serial column without its nextval() default is the plain integer it is in the catalog.
          const plain = !def && c.type.arrayDims === 0 ? SERIAL_INTEGER[c.type.name] : undefined;
          if (plain) c.type = makeTypeRef(plain);
        }
      }
      return;
    }
    case 'AT_AddIdentity': {
      const col = column(ctx, table, name);
      if (!col) return;
      if (col.identity) {
        ctx.problem(`column "${col.name}" of relation "${table.name}" is already an identity column`);
        return;
      }
      if (col.type.arrayDims > 0 || !IDENTITY_TYPES.has(col.type.name)) {
        ctx.problem(SERIAL_INTEGER[col.type.name] ? `column "${col.name}" of relation "${table.name}" already has a default value` : 'identity column type must be smallint, integer, or bigint');
        return;
      }
      if (col.default) {
        ctx.problem(`column "${col.name}" of relation "${table.name}" already has a default value`);
        return;
      }
      const identity = nodeAs(cmd.def, 'Constraint');
      col.identity = identity?.generated_when === 'a' ? 'always' : 'by default';
      col.notNull = true;
      addOwnedSequence(ctx, table, col.name, identity?.options);
      return;
    }
    case 'AT_DropIdentity': {
      const col = column(ctx, table, name);
      if (col && !col.identity && !cmd.missing_ok) ctx.problem(`column "${col.name}" of relation "${table.name}" is not an identity column`);
      if (col?.identity) {
        col.identity = undefined;
        dropOwnedSequences(ctx, table, col.name);
      }
      return;
    }
    case 'AT_AddConstraint': {
      const con = nodeAs(cmd.def, 'Constraint');
      if (!con) return;
      if (!recurse && con.contype === 'CONSTR_CHECK' && !con.is_no_inherit && descendants(ctx, table).length > 0) {
        ctx.problem('constraint must be added to child tables too: a CHECK on a table with partitions or inheriting tables cannot be added with ONLY (unless NO INHERIT)');
        return;
      }
      const before = table.constraints.length;
      addConstraint(ctx, table, con);
      const added = table.constraints.slice(before);
      // A constraint added to a partitioned table (without ONLY) is added to each partition too.
      if (added.length && table.partitioned && recurse) {
        const source = { ...table, constraints: added, indexes: [] };
        for (const part of partitionsOf(ctx, table)) {
          cloneIndexes(ctx, source, part, true);
          cloneConstraints(ctx, source, part, PROPAGATED);
        }
      }
      // A primary key's NOT NULL holds for inheriting tables too (PostgreSQL 18 keeps it as their constraint).
      const pk = recurse ? added.find((c) => c.kind === 'primary key') : undefined;
      if (pk) for (const child of descendants(ctx, table)) for (const c of child.columns) if (pk.columns.includes(c.name)) c.notNull = true;
      // Tables that inherit get its CHECK constraints (not keys or foreign keys).
      if (added.length && recurse) for (const child of descendants(ctx, table).filter((t) => !t.partitionOf)) cloneConstraints(ctx, { ...table, constraints: added }, child, INHERITED_CHECKS);
      return;
    }
    case 'AT_DropConstraint': {
      const con = table.constraints.find((c) => c.name === name);
      if (!con) {
        if (!cmd.missing_ok) ctx.problem(`constraint "${name}" of relation "${table.name}" does not exist`);
        return;
      }
      const keyed = con.kind === 'primary key' || con.kind === 'unique';
      if (keyed && foreignKeysBlock(ctx, `constraint ${con.name} on table ${table.name}`, keyReferences(ctx, table, con), cmd.behavior === 'DROP_CASCADE')) return;
      table.constraints = table.constraints.filter((c) => c !== con);
      ctx.state.names.removeConstraint(table.schema, con.name);
      if (con.kind === 'primary key' || con.kind === 'unique' || con.kind === 'exclude') ctx.state.names.removeRelation(table.schema, con.name);
      return;
    }
    case 'AT_ValidateConstraint': {
      const con = table.constraints.find((c) => c.name === name);
      if (con) con.notValid = false;
      return;
    }
    case 'AT_EnableRowSecurity':
      table.rls.enabled = true;
      table.rls.loc = ctx.statementLoc();
      return;
    case 'AT_DisableRowSecurity':
      table.rls.enabled = false;
      table.rls.loc = ctx.statementLoc();
      return;
    case 'AT_ForceRowSecurity':
      table.rls.forced = true;
      return;
    case 'AT_NoForceRowSecurity':
      table.rls.forced = false;
      return;
    case 'AT_EnableTrig':
    case 'AT_EnableAlwaysTrig':
    case 'AT_EnableReplicaTrig':
    case 'AT_DisableTrig':
    case 'AT_EnableTrigAll':
    case 'AT_DisableTrigAll':
    case 'AT_EnableTrigUser':
    case 'AT_DisableTrigUser':
      setTriggerState(ctx, table, cmd);
      return;
    default:
      return;
  }
}

export function rename(ctx: StatementContext, stmt: RenameStmt): void {
  const rv = stmt.relation;
  const newname = stmt.newname ?? '';
  switch (stmt.renameType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_SEQUENCE': {
      const r = rv && ctx.relation(rv, stmt.missing_ok);
      if (!r) return;
      const wanted = ALTER_KIND[stmt.renameType];
      if (wanted && wanted !== relationKindName(r)) {
        ctx.problem(`"${r.name}" is not a ${wanted}`, ctx.nameAt(rv.location));
        return;
      }
      if (isSequence(r)) renameRelation(ctx, r, newname);
      else renameTable(ctx, r, newname);
      return;
    }
    case 'OBJECT_COLUMN': {
      const t = rv && ctx.tableOrView(rv, stmt.missing_ok);
      if (!t) return;
      const from = stmt.subname ?? '';
      if (ctx.state.typedTables.has(t)) {
        ctx.problem(`cannot rename column of typed table "${t.name}": its columns are its type's (ALTER TYPE … RENAME ATTRIBUTE … CASCADE)`);
        return;
      }
      // The column is renamed in partitions and inheriting tables too.
      const inheriting = isView(t) ? [] : descendants(ctx, t).filter((c) => c.columns.some((x) => x.name === from));
      const had = t.columns.some((c) => c.name === newname);
      renameColumn(ctx, t, from, newname);
      if (!had && t.columns.some((c) => c.name === newname)) for (const child of inheriting) renameColumn(ctx, child, from, newname);
      return;
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN':
      renameType(ctx, stmt);
      return;
    case 'OBJECT_INDEX':
      if (rv) renameIndex(ctx, rv, newname, Boolean(stmt.missing_ok));
      return;
    case 'OBJECT_TABCONSTRAINT': {
      const t = rv && ctx.table(rv, stmt.missing_ok);
      const con = t ? t.constraints.find((c) => c.name === stmt.subname) : undefined;
      if (t && !con) ctx.problem(`constraint "${stmt.subname}" for table "${t.name}" does not exist`);
      if (t && con) {
        const indexBacked = con.kind === 'primary key' || con.kind === 'unique' || con.kind === 'exclude';
        if (t.constraints.some((c) => c.name === newname) || (indexBacked && ctx.state.names.hasRelation(t.schema, newname))) {
          ctx.problem(`constraint or relation "${newname}" already exists`);
          return;
        }
        ctx.state.names.removeConstraint(t.schema, con.name);
        // The index behind a key is renamed with it.
        if (indexBacked) ctx.state.names.removeRelation(t.schema, con.name);
        con.name = newname;
        con.implicitName = false;
        ctx.state.names.addConstraint(t.schema, con.name);
        if (indexBacked) ctx.state.names.addRelation(t.schema, con.name);
      }
      return;
    }
    case 'OBJECT_POLICY':
      renamePolicy(ctx, stmt);
      return;
    default:
      return;
  }
}

const TRIGGER_STATES: Record<string, 'origin' | 'always' | 'replica' | 'disabled'> = {
  AT_EnableTrig: 'origin',
  AT_EnableAlwaysTrig: 'always',
  AT_EnableReplicaTrig: 'replica',
  AT_DisableTrig: 'disabled',
  AT_EnableTrigAll: 'origin',
  AT_DisableTrigAll: 'disabled',
  AT_EnableTrigUser: 'origin',
  AT_DisableTrigUser: 'disabled',
};

/** ENABLE/DISABLE TRIGGER name | ALL | USER (the model holds user triggers only, so ALL and USER are the same here). */
function setTriggerState(ctx: StatementContext, table: Table, cmd: AlterTableCmd): void {
  const state = TRIGGER_STATES[cmd.subtype ?? '']!;
  const targets = cmd.name ? table.triggers.filter((t) => t.name === cmd.name) : table.triggers;
  if (cmd.name && targets.length === 0) ctx.problem(`trigger "${cmd.name}" for table "${table.name}" does not exist`);
  for (const t of targets) {
    if (state === 'origin') delete t.enabled;
    else t.enabled = state;
  }
}

/** Foreign keys that reference exactly this key's columns: they use its index. */
function keyReferences(ctx: StatementContext, table: Table, key: Constraint) {
  const same = (cols: string[]) => cols.length === key.columns.length && cols.every((c) => key.columns.includes(c));
  const pk = table.constraints.find((c) => c.kind === 'primary key')?.columns ?? [];
  return referencingForeignKeys(ctx, table, key.columns).filter(({ c }) => same(c.references!.columns.length ? c.references!.columns : pk));
}

/** INHERIT parent: the table must have the parent's columns (of the same types) and CHECK constraints already. */
function addInherit(ctx: StatementContext, table: Table, rv: RangeVar | undefined): void {
  const parent = rv && ctx.table(rv);
  if (!parent) return;
  const missing = parent.columns.find((c) => !table.columns.some((x) => x.name === c.name));
  if (missing) {
    ctx.problem(`child table is missing column "${missing.name}"`, ctx.nameAt(rv.location));
    return;
  }
  const retyped = parent.columns.find((c) => table.columns.some((x) => x.name === c.name && x.type.text !== c.type.text));
  if (retyped) {
    ctx.problem(`child table "${table.name}" has different type for column "${retyped.name}"`, ctx.nameAt(rv.location));
    return;
  }
  const check = parent.constraints.find((c) => c.kind === 'check' && !table.constraints.some((x) => x.kind === 'check' && x.name === c.name));
  if (check) {
    ctx.problem(`child table is missing constraint "${check.name}"`, ctx.nameAt(rv.location));
    return;
  }
  const children = ctx.state.inheritors.get(parent);
  if (children?.includes(table)) ctx.problem(`relation "${parent.name}" would be inherited from more than once`, ctx.nameAt(rv.location));
  else if (children) children.push(table);
  else ctx.state.inheritors.set(parent, [table]);
}
