import type { Table } from '../../../model/catalog.js';
import { makeExpr } from '../expr.js';
import { addConstraint, columnFromDef, typeRefOf } from './columns.js';
import type { StatementContext } from './context.js';
import { dropColumn, renameColumn, renameTable } from './tables.js';
import { renameIndex } from './indexes.js';
import { renamePolicy } from './policies.js';

export function alterTable(ctx: StatementContext, stmt: any): void {
  if (stmt.objtype !== 'OBJECT_TABLE') return;
  const table = ctx.table(stmt.relation, stmt.missing_ok);
  if (!table) return;
  // PostgreSQL adds a statement's columns before its constraints: `ADD CHECK (x > 0), ADD COLUMN x int` works.
  const cmds: any[] = (stmt.cmds ?? []).map((c: any) => c.AlterTableCmd);
  const addColumns = cmds.filter((c) => c.subtype === 'AT_AddColumn');
  for (const c of [...addColumns, ...cmds.filter((c) => c.subtype !== 'AT_AddColumn')]) alterTableCmd(ctx, table, c);
}

function column(ctx: StatementContext, table: Table, name: string) {
  const col = table.columns.find((c) => c.name === name);
  if (!col) ctx.problem(`column "${name}" of relation "${table.name}" does not exist`);
  return col;
}

function alterTableCmd(ctx: StatementContext, table: Table, cmd: any): void {
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const { column: col, constraints } = columnFromDef(ctx, cmd.def.ColumnDef, table.name);
      if (table.columns.some((c) => c.name === col.name)) {
        if (!cmd.missing_ok) ctx.problem(`column "${col.name}" of relation "${table.name}" already exists`, col.loc);
        return;
      }
      table.columns.push(col);
      for (const con of constraints) addConstraint(ctx, table, con);
      return;
    }
    case 'AT_DropColumn':
      dropColumn(ctx, table, cmd.name, Boolean(cmd.missing_ok));
      return;
    case 'AT_AlterColumnType': {
      const col = column(ctx, table, cmd.name);
      if (col) {
        col.type = typeRefOf(cmd.def.ColumnDef.typeName, ctx.searchPath).ref;
        col.changedAt = ctx.statementLoc();
      }
      return;
    }
    case 'AT_SetNotNull':
    case 'AT_DropNotNull': {
      const col = column(ctx, table, cmd.name);
      if (col) {
        col.notNull = cmd.subtype === 'AT_SetNotNull';
        col.changedAt = ctx.statementLoc();
      }
      return;
    }
    case 'AT_ColumnDefault': {
      const col = column(ctx, table, cmd.name);
      if (col) {
        col.default = cmd.def ? makeExpr(cmd.def, ctx.statementLoc()) : undefined;
        col.changedAt = ctx.statementLoc();
      }
      return;
    }
    case 'AT_AddIdentity': {
      const col = column(ctx, table, cmd.name);
      if (col) col.identity = cmd.def?.Constraint?.generated_when === 'a' ? 'always' : 'by default';
      return;
    }
    case 'AT_DropIdentity': {
      const col = column(ctx, table, cmd.name);
      if (col) col.identity = undefined;
      return;
    }
    case 'AT_AddConstraint':
      addConstraint(ctx, table, cmd.def.Constraint);
      return;
    case 'AT_DropConstraint': {
      const con = table.constraints.find((c) => c.name === cmd.name);
      if (!con) {
        if (!cmd.missing_ok) ctx.problem(`constraint "${cmd.name}" of relation "${table.name}" does not exist`);
        return;
      }
      table.constraints = table.constraints.filter((c) => c !== con);
      ctx.state.names.removeConstraint(table.schema, con.name);
      if (con.kind === 'primary key' || con.kind === 'unique' || con.kind === 'exclude') ctx.state.names.removeRelation(table.schema, con.name);
      return;
    }
    case 'AT_ValidateConstraint': {
      const con = table.constraints.find((c) => c.name === cmd.name);
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

export function rename(ctx: StatementContext, stmt: any): void {
  switch (stmt.renameType) {
    case 'OBJECT_TABLE': {
      const t = ctx.table(stmt.relation, stmt.missing_ok);
      if (t) renameTable(ctx, t, stmt.newname);
      return;
    }
    case 'OBJECT_COLUMN': {
      const t = ctx.table(stmt.relation, stmt.missing_ok);
      if (t) renameColumn(ctx, t, stmt.subname, stmt.newname);
      return;
    }
    case 'OBJECT_INDEX':
      renameIndex(ctx, stmt.relation, stmt.newname, Boolean(stmt.missing_ok));
      return;
    case 'OBJECT_TABCONSTRAINT': {
      const t = ctx.table(stmt.relation, stmt.missing_ok);
      const con = t?.constraints.find((c) => c.name === stmt.subname);
      if (t && !con) ctx.problem(`constraint "${stmt.subname}" for table "${t.name}" does not exist`);
      if (t && con) {
        ctx.state.names.removeConstraint(t.schema, con.name);
        con.name = stmt.newname;
        con.implicitName = false;
        ctx.state.names.addConstraint(t.schema, con.name);
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
function setTriggerState(ctx: StatementContext, table: Table, cmd: any): void {
  const state = TRIGGER_STATES[cmd.subtype]!;
  const targets = cmd.name ? table.triggers.filter((t) => t.name === cmd.name) : table.triggers;
  if (cmd.name && targets.length === 0) ctx.problem(`trigger "${cmd.name}" for table "${table.name}" does not exist`);
  for (const t of targets) {
    if (state === 'origin') delete t.enabled;
    else t.enabled = state;
  }
}
