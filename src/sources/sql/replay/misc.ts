import type { AlterEnumStmt, CreateEnumStmt, CreateFunctionStmt, CreateTrigStmt, FuncCall, GrantStmt, Node, SelectStmt, VariableSetStmt } from '@pgsql/types';
import type { PrivilegeChange, Table, TriggerEvent } from '../../../model/catalog.js';
import { lastName, nodeAs } from '../../../model/ast.js';
import { makeExpr } from '../expr.js';
import { typeRefOf } from './columns.js';
import type { StatementContext } from './context.js';
import { isSequence, isView, str, strings } from './context.js';
import { roleName } from './policies.js';

// Bits of CreateTrigStmt.timing and .events, from PostgreSQL's trigger.h.
const TRIGGER_BEFORE = 2;
const TRIGGER_INSTEAD = 64;
const EVENTS: [number, TriggerEvent][] = [
  [4, 'insert'],
  [8, 'delete'],
  [16, 'update'],
  [32, 'truncate'],
];

export function createTrigger(ctx: StatementContext, stmt: CreateTrigStmt): void {
  const rv = stmt.relation;
  const trigname = stmt.trigname ?? '';
  const table = rv && ctx.tableOrView(rv);
  if (!table) return;
  const timing = stmt.timing ?? 0;
  // INSTEAD OF row triggers are for views only; a view takes no BEFORE/AFTER row triggers, a materialized view no triggers.
  const view = isView(table) ? table.relkind : undefined;
  const instead = Boolean(timing & TRIGGER_INSTEAD);
  if ((view === 'view' && !instead && stmt.row) || view === 'materialized view' || (!view && instead)) {
    ctx.problem(`"${table.name}" is a ${view ?? 'table'}: ${instead ? 'INSTEAD OF triggers are for views only' : 'it cannot have this trigger'}`, ctx.nameAt(rv.location));
    return;
  }
  const events = EVENTS.filter(([bit]) => (stmt.events ?? 0) & bit).map(([, e]) => e);
  if (stmt.replace) table.triggers = table.triggers.filter((t) => t.name !== trigname);
  else if (table.triggers.some((t) => t.name === trigname)) {
    ctx.problem(`trigger "${trigname}" for relation "${table.name}" already exists: use CREATE OR REPLACE TRIGGER, or drop it first`);
    return;
  }
  table.triggers.push({
    name: trigname,
    timing: timing & TRIGGER_INSTEAD ? 'instead of' : timing & TRIGGER_BEFORE ? 'before' : 'after',
    events,
    forEachRow: Boolean(stmt.row),
    function: strings(stmt.funcname).join('.'),
    ...(stmt.columns?.length ? { columns: strings(stmt.columns) } : {}),
    ...(stmt.whenClause ? { when: makeExpr(stmt.whenClause, ctx.statementLoc()) } : {}),
    loc: ctx.statementLoc(),
  });
}

export function dropTrigger(ctx: StatementContext, stmt: { missing_ok?: boolean }, parts: string[]): void {
  const name = parts[parts.length - 1]!;
  const rel = parts.length > 2 ? { schemaname: parts[0], relname: parts[1]! } : { relname: parts[0]! };
  const table = ctx.table(rel, stmt.missing_ok);
  if (!table) return;
  if (!table.triggers.some((t) => t.name === name) && !stmt.missing_ok) ctx.problem(`trigger "${name}" for table "${table.name}" does not exist`);
  table.triggers = table.triggers.filter((t) => t.name !== name);
}

export function grantOrRevoke(ctx: StatementContext, stmt: GrantStmt): void {
  if (stmt.objtype === 'OBJECT_SEQUENCE' && stmt.targtype === 'ACL_TARGET_OBJECT') {
    for (const o of stmt.objects ?? []) if ('RangeVar' in o) ctx.relation(o.RangeVar);
    return;
  }
  if (stmt.objtype !== 'OBJECT_TABLE') return;
  let tables: Table[];
  if (stmt.targtype === 'ACL_TARGET_OBJECT') {
    // GRANT … ON TABLE takes views and sequences too; the model keeps privileges of tables and views.
    tables = [];
    for (const o of stmt.objects ?? []) {
      const r = 'RangeVar' in o ? ctx.relation(o.RangeVar) : undefined;
      if (r && !isSequence(r)) tables.push(r);
    }
  } else if (stmt.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
    // ON ALL TABLES IN SCHEMA s: the tables that exist in s at this point, not later ones.
    const schemas = new Set(strings(stmt.objects));
    tables = [...ctx.catalog.tables.values()].filter((t) => schemas.has(t.schema));
  } else return;
  const privs: { name: string; cols: string[] }[] = stmt.privileges?.length
    ? stmt.privileges.map((p) => {
        const priv = nodeAs(p, 'AccessPriv');
        return { name: String(priv?.priv_name ?? 'all').toLowerCase(), cols: strings(priv?.cols) };
      })
    : [{ name: 'all', cols: [] }];
  const base = {
    action: stmt.is_grant ? ('grant' as const) : ('revoke' as const),
    grantees: (stmt.grantees ?? []).map(roleName),
    ...(stmt.grant_option ? { grantOption: true } : {}),
  };
  // Table-level and column-level privileges of one statement are separate changes.
  const changes: PrivilegeChange[] = [];
  const tableLevel = privs.filter((p) => p.cols.length === 0).map((p) => p.name);
  if (tableLevel.length) changes.push({ ...base, privileges: tableLevel, loc: ctx.statementLoc() });
  for (const p of privs.filter((x) => x.cols.length > 0)) changes.push({ ...base, privileges: [p.name], columns: p.cols, loc: ctx.statementLoc() });
  for (const table of tables) table.privileges.push(...changes.map((c) => ({ ...c })));
}

export function createEnum(ctx: StatementContext, stmt: CreateEnumStmt): void {
  const parts = strings(stmt.typeName);
  const schema = parts.length > 1 ? parts[0]! : ctx.creationSchema(undefined);
  const name = parts[parts.length - 1]!;
  const key = `${schema}.${name}`;
  if (ctx.catalog.enums.has(key) || ctx.catalog.types.has(key) || ctx.catalog.tables.has(key) || ctx.catalog.views.has(key)) {
    ctx.problem(`type "${name}" already exists`);
    return;
  }
  ctx.catalog.enums.set(`${schema}.${name}`, { schema, name, values: strings(stmt.vals), module: ctx.module, loc: ctx.statementLoc() });
}

export function alterEnum(ctx: StatementContext, stmt: AlterEnumStmt): void {
  const parts = strings(stmt.typeName);
  const e = ctx.catalog.enums.get(parts.length > 1 ? parts.join('.') : `${ctx.searchPath[0] ?? 'public'}.${parts[0]}`);
  if (e && stmt.newVal && !e.values.includes(stmt.newVal)) e.values.push(stmt.newVal);
}

export function createFunction(ctx: StatementContext, stmt: CreateFunctionStmt): void {
  const name = strings(stmt.funcname).join('.');
  // Functions overload by their input argument types; OUT and TABLE parameters are not part of the signature.
  const inputs: string[] = [];
  for (const node of stmt.parameters ?? []) {
    const p = nodeAs(node, 'FunctionParameter');
    if (p && p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE') inputs.push(typeRefOf(p.argType).ref.text);
  }
  const schema = strings(stmt.funcname).length > 1 ? '' : `${ctx.creationSchema(undefined)}.`;
  const signature = `${schema}${name}(${inputs.join(',')})`;
  if (ctx.state.functionSignatures.has(signature) && !stmt.replace) {
    ctx.problem(`function "${name}" already exists with same argument types: use CREATE OR REPLACE FUNCTION, or drop it first`);
    return;
  }
  ctx.state.functionSignatures.add(signature);
  ctx.catalog.functions.add(name);
  ctx.catalog.functionDefinitions.push({ name, loc: ctx.statementLoc() });
}

/** `SELECT create_hypertable('t', 'time_col')` (TimescaleDB 1/2) or `create_hypertable('t', by_range('time_col'))`. */
export function selectStatement(ctx: StatementContext, stmt: SelectStmt): void {
  for (const target of stmt.targetList ?? []) {
    const call = nodeAs(nodeAs(target, 'ResTarget')?.val, 'FuncCall');
    if (!call || lastName(call.funcname) !== 'create_hypertable') continue;
    const [relArg, timeArg] = call.args ?? [];
    const relText = constantText(relArg);
    const timeCall = nodeAs(timeArg, 'FuncCall');
    const timeText = timeCall ? constantText(timeCall.args?.[0]) : (constantText(timeArg) ?? constantText(namedArg(call, 'time_column_name')));
    if (!relText || !timeText) continue;
    const rel = regclassName(relText);
    if (!rel) continue;
    const table = ctx.table({ ...rel, location: call.location });
    if (table) table.hypertable = { timeColumn: timeText, loc: ctx.statementLoc() };
  }
}

/**
 * A regclass literal as PostgreSQL reads it: dot-separated identifiers, unquoted ones folded to lower
 * case, quoted ones kept as written (`'"Audit Log"'`, `'audit.Event_Log'` → audit.event_log).
 */
export function regclassName(text: string): { schemaname?: string; relname: string } | undefined {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^."\s]+))\s*(\.|$)/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.toLowerCase());
    at = re.lastIndex;
    if (m[3] === '') break;
  }
  if (parts.length === 1) return { relname: parts[0]! };
  if (parts.length === 2) return { schemaname: parts[0], relname: parts[1]! };
  return undefined;
}

function namedArg(call: FuncCall, name: string): Node | undefined {
  for (const a of call.args ?? []) if ('NamedArgExpr' in a && a.NamedArgExpr.name === name) return a.NamedArgExpr.arg;
  return undefined;
}

function constantText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if ('A_Const' in node) return node.A_Const.sval ? node.A_Const.sval.sval : undefined;
  if ('TypeCast' in node) return constantText(node.TypeCast.arg);
  if ('NamedArgExpr' in node) return constantText(node.NamedArgExpr.arg);
  return undefined;
}

export function setSearchPath(stmt: VariableSetStmt, searchPath: string[]): void {
  if (stmt.name !== 'search_path') return;
  if (stmt.kind === 'VAR_RESET' || stmt.kind === 'VAR_SET_DEFAULT') {
    searchPath.splice(0, searchPath.length, 'public');
    return;
  }
  const schemas = (stmt.args ?? []).map((a) => nodeAs(a, 'A_Const')?.sval?.sval ?? str(a)).filter((s) => s && s !== '$user');
  if (schemas.length) searchPath.splice(0, searchPath.length, ...schemas);
}

/** DROP FUNCTION name(args): the signature may be created again. */
export function dropFunction(ctx: StatementContext, obj: Node): void {
  const owa = nodeAs(obj, 'ObjectWithArgs');
  if (!owa) return;
  const names = strings(owa.objname);
  const schema = names.length > 1 ? '' : `${ctx.creationSchema(undefined)}.`;
  const prefix = `${schema}${names.join('.')}(`;
  if (owa.args_unspecified) {
    for (const s of [...ctx.state.functionSignatures]) if (s.startsWith(prefix)) ctx.state.functionSignatures.delete(s);
    return;
  }
  const inputs = (owa.objargs ?? []).map((t) => typeRefOf(nodeAs(t, 'TypeName')).ref.text);
  ctx.state.functionSignatures.delete(`${prefix}${inputs.join(',')})`);
}
