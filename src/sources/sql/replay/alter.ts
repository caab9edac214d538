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
  for (const c of stmt.cmds ?? []) alterTableCmd(ctx, table, c.AlterTableCmd);
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
      if (col) col.type = typeRefOf(cmd.def.ColumnDef.typeName).ref;
      return;
    }
    case 'AT_SetNotNull':
    case 'AT_DropNotNull': {
      const col = column(ctx, table, cmd.name);
      if (col) col.notNull = cmd.subtype === 'AT_SetNotNull';
      return;
    }
    case 'AT_ColumnDefault': {
      const col = column(ctx, table, cmd.name);
      if (col) col.default = cmd.def ? makeExpr(cmd.def, ctx.statementLoc()) : undefined;
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
