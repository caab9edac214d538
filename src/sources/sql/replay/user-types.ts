import type { CompositeTypeStmt, CreateDomainStmt, CreateExtensionStmt, CreateRangeStmt, DefineStmt, DropStmt, RenameStmt, TypeName } from '@pgsql/types';
import type { UserTypeKind } from '../../../model/catalog.js';
import { tableKey } from '../../../model/catalog.js';
import { makeTypeRef } from '../../../model/types.js';
import { INFORMATION_SCHEMA_TYPES, PG_CATALOG_TYPES } from '../../../model/builtin-types.js';
import { EXTENSION_TYPES } from '../../../model/extension-types.js';
import { closestMatch } from '../../../engine/suggest.js';
import { field } from '../ast-helpers.js';
import type { ReplayState, StatementContext } from './context.js';
import { intern, str, strings } from './context.js';
import { newColumn, typeRefOf } from './columns.js';
import { dropColumn, dropTables } from './tables.js';

const BUILTIN = new Set(PG_CATALOG_TYPES);
/** Names the model gives built-in types (format_type's: `boolean`, `timestamp with time zone` …). */
export const BUILTIN_TYPE_NAMES = new Set([
  'boolean',
  'date',
  'uuid',
  'json',
  'jsonb',
  'bytea',
  'inet',
  'cidr',
  'interval',
  'timestamp with time zone',
  'timestamp without time zone',
  'time with time zone',
  'time without time zone',
  'bit varying',
  'xml',
  'tsvector',
  'point',
]);
const INFORMATION_SCHEMA = new Set(INFORMATION_SCHEMA_TYPES);
/** Pseudo-types CREATE TABLE and ADD COLUMN turn into an integer column with a sequence. */
export const SERIAL_TYPES = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

/** Types the configured and created extensions provide; undefined when one of them is not known to us (so anything goes). */
function extensionTypes(state: ReplayState): Set<string> | undefined {
  const out = new Set<string>();
  for (const ext of state.extensions) {
    const types = EXTENSION_TYPES[ext];
    if (!types) return undefined;
    for (const t of types) out.add(t);
  }
  return out;
}

/**
 * Whether PostgreSQL would find the type a column names: a built-in type, a type or relation (row type)
 * made by the migrations on the search path (or in the named schema), or an extension's type.
 */
export function typeExists(ctx: StatementContext, typeName: TypeName, allowSerial: boolean): boolean {
  return typeKnown(ctx.state, ctx.searchPath, typeName, allowSerial);
}

/** typeExists for a caller without a statement (schema.json): the replay state and a search_path. */
export function typeKnown(state: ReplayState, searchPath: readonly string[], typeName: TypeName, allowSerial: boolean): boolean {
  if (typeName.pct_type) return true;
  // Read in place: this runs for every column.
  const list = typeName.names ?? [];
  if (list.length === 0 || list.length > 3) return true;
  const name = str(list[list.length - 1]);
  const schema = list.length >= 2 ? str(list[list.length - 2]) : undefined;
  if (schema === 'pg_catalog') return BUILTIN.has(name);
  if (schema === 'information_schema') return INFORMATION_SCHEMA.has(name);
  // pg_catalog is searched first whenever search_path does not name it.
  if (!schema && (BUILTIN.has(name) || (allowSerial && SERIAL_TYPES.has(name)))) return true;
  const ext = extensionTypes(state);
  if (!ext || ext.has(name) || ext.has(name.replace(/^_/, ''))) return true;
  const catalog = state.catalog;
  const schemas = schema ? [schema] : searchPath;
  for (const s of schemas) {
    for (const n of name.startsWith('_') ? [name, name.slice(1)] : [name]) {
      const key = tableKey(s, n);
      if (catalog.types.has(key) || catalog.enums.has(key) || catalog.tables.has(key) || catalog.views.has(key) || catalog.sequences.has(key)) return true;
    }
  }
  return false;
}

/** Report a column type PostgreSQL would not find; true when it is unknown. */
export function checkType(ctx: StatementContext, typeName: TypeName | undefined, allowSerial: boolean): boolean {
  if (!typeName || typeExists(ctx, typeName, allowSerial)) return false;
  ctx.problem(unknownTypeMessage(typeName), ctx.nameAt(typeName.location));
  return true;
}

export function unknownTypeMessage(typeName: TypeName): string {
  const names = strings(typeName.names);
  return `type "${names.join('.')}" does not exist${suggestion(names[names.length - 1]!)}: not a built-in type, a type the migrations create, or one of a configured extension (config "extensions")`;
}

const COMMON = [
  'text',
  'integer',
  'bigint',
  'smallint',
  'boolean',
  'uuid',
  'jsonb',
  'json',
  'numeric',
  'date',
  'timestamp',
  'timestamptz',
  'interval',
  'varchar',
  'bytea',
  'inet',
  'real',
  'serial',
  'bigserial',
];

function suggestion(name: string): string {
  const best = closestMatch(name, COMMON, 2);
  return best ? ` (did you mean ${best}?)` : '';
}

type TypeStatementKind = 'CreateDomainStmt' | 'CompositeTypeStmt' | 'CreateRangeStmt' | 'DefineStmt';

/** CREATE DOMAIN, CREATE TYPE … AS (…), CREATE TYPE … AS RANGE, CREATE TYPE name (base or shell type). */
export function createType(ctx: StatementContext, kind: TypeStatementKind, node: CreateDomainStmt | CompositeTypeStmt | CreateRangeStmt | DefineStmt): void {
  let parts: string[];
  let typeKind: UserTypeKind;
  if (kind === 'CreateDomainStmt') {
    const stmt = node as CreateDomainStmt;
    parts = strings(stmt.domainname);
    typeKind = 'domain';
    if (checkType(ctx, stmt.typeName, false)) return;
  } else if (kind === 'CompositeTypeStmt') {
    const rv = (node as CompositeTypeStmt).typevar;
    parts = rv?.schemaname ? [rv.schemaname, rv.relname ?? ''] : [rv?.relname ?? ''];
    typeKind = 'composite';
    for (const c of (node as CompositeTypeStmt).coldeflist ?? []) if (checkType(ctx, field(c, 'ColumnDef')?.typeName, false)) return;
  } else if (kind === 'CreateRangeStmt') {
    parts = strings((node as CreateRangeStmt).typeName);
    typeKind = 'range';
  } else {
    const stmt = node as DefineStmt;
    if (stmt.kind !== 'OBJECT_TYPE') return;
    parts = strings(stmt.defnames);
    typeKind = 'base';
  }
  const added = addType(ctx, parts, typeKind);
  if (added && typeKind === 'composite') {
    const columns = ((node as CompositeTypeStmt).coldeflist ?? []).flatMap((c) => {
      const def = field(c, 'ColumnDef');
      return def ? [newColumn(intern(def.colname ?? ''), typeRefOf(def.typeName, ctx.searchPath).ref, ctx.nameAt(def.location))] : [];
    });
    ctx.state.compositeColumns.set(tableKey(parts.length > 1 ? parts[0]! : ctx.creationSchema(undefined), parts[parts.length - 1]!), columns);
  }
  if (added && typeKind === 'range') {
    const explicit = ((node as CreateRangeStmt).params ?? []).map((p) => field(p, 'DefElem')).find((d) => d?.defname === 'multirange_type_name');
    const multi = explicit ? strings(field(explicit.arg, 'TypeName')?.names ?? field(explicit.arg, 'List')?.items) : [];
    const base = parts[parts.length - 1]!;
    const name = multi.length ? multi[multi.length - 1]! : base.includes('range') ? base.replace('range', 'multirange') : `${base}_multirange`;
    addType(ctx, [...parts.slice(0, -1), name], 'multirange');
  }
}

/** Register a type; false (and a problem) when its name is taken. */
export function addType(ctx: StatementContext, parts: string[], kind: UserTypeKind, quiet = false): boolean {
  const name = parts[parts.length - 1];
  if (!name) return false;
  const schema = parts.length > 1 ? parts[parts.length - 2]! : ctx.creationSchema(undefined);
  const key = tableKey(schema, name);
  const { catalog } = ctx;
  // A table, view or sequence has a row type of the same name.
  if (catalog.types.has(key) || catalog.enums.has(key) || catalog.tables.has(key) || catalog.views.has(key) || catalog.sequences.has(key)) {
    if (!quiet) ctx.problem(`type "${name}" already exists`);
    return false;
  }
  catalog.types.set(key, { schema, name, kind, module: ctx.module, loc: ctx.statementLoc() });
  return true;
}

/** CREATE EXTENSION: its types become known (an extension this tool does not know turns the type check off). */
export function createExtension(ctx: StatementContext, stmt: CreateExtensionStmt): void {
  if (stmt.extname) ctx.state.extensions.add(stmt.extname);
}

/** DROP TYPE / DROP DOMAIN a, b [CASCADE]: CASCADE drops the columns of that type, as PostgreSQL does. */
export function dropTypes(ctx: StatementContext, stmt: DropStmt): void {
  const { catalog } = ctx;
  for (const obj of stmt.objects ?? []) {
    const parts = strings(field(obj, 'TypeName')?.names ?? field(obj, 'List')?.items);
    const name = parts[parts.length - 1];
    if (!name) continue;
    const schemas = parts.length > 1 ? [parts[parts.length - 2]!] : ctx.searchPath;
    const key = schemas.map((s) => tableKey(s, name)).find((k) => catalog.types.has(k) || catalog.enums.has(k));
    if (!key) {
      if (!stmt.missing_ok) ctx.problem(`type "${parts.join('.')}" does not exist`);
      continue;
    }
    const [schema] = key.split('.');
    const visible = ctx.searchPath.includes(schema!) ? name : key;
    const users = [...catalog.tables.values()].flatMap((t) => t.columns.filter((c) => c.type.name === visible || c.type.name === key).map((c) => ({ t, c })));
    // Typed tables (`CREATE TABLE … OF type`) depend on their type as a whole.
    const attributes = ctx.state.compositeColumns.get(key);
    const typed = attributes ? [...catalog.tables.values()].filter((t) => ctx.state.typedTables.get(t) === attributes) : [];
    if ((users.length > 0 || typed.length > 0) && stmt.behavior !== 'DROP_CASCADE') {
      const list = [...typed.map((t) => `table ${t.name}`), ...users.map(({ t, c }) => `column ${c.name} of table ${t.name}`)].join(', ');
      ctx.problem(`cannot drop type ${name} because other objects depend on it (${list}): use DROP … CASCADE`);
      return;
    }
    for (const { t, c } of users) dropColumn(ctx, t, c.name, true, true);
    for (const t of typed) dropTables(ctx, { behavior: 'DROP_CASCADE' }, [[t.schema, t.name]]);
    catalog.types.delete(key);
    catalog.enums.delete(key);
    ctx.state.compositeColumns.delete(key);
  }
}

/** `CREATE TYPE x …` / `CREATE DOMAIN x …` inside a DO block's dynamic or guarded code: known, not checked. */
export function typesCreatedInBody(ctx: StatementContext, body: string): void {
  const re = /\bcreate\s+(?:type|domain)\s+((?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*))?)/gi;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const parts = m[1]!.split(/\s*\.\s*/).map((p) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p.toLowerCase()));
    addType(ctx, parts, 'base', true);
  }
}

/** ALTER TYPE / DOMAIN … RENAME TO. Columns of the type keep it under its new name, as they keep its oid. */
export function renameType(ctx: StatementContext, stmt: RenameStmt): void {
  const obj = stmt.object;
  const parts = strings(field(obj, 'List')?.items ?? field(obj, 'TypeName')?.names);
  const name = parts[parts.length - 1];
  if (!name || !stmt.newname) return;
  const schemas = parts.length > 1 ? [parts[parts.length - 2]!] : ctx.searchPath;
  const { catalog } = ctx;
  const key = schemas.map((s) => tableKey(s, name)).find((k) => catalog.types.has(k) || catalog.enums.has(k));
  if (!key) {
    if (!stmt.missing_ok) ctx.problem(`type "${parts.join('.')}" does not exist`);
    return;
  }
  const type = catalog.types.get(key);
  const enumType = catalog.enums.get(key);
  const schema = (type ?? enumType)!.schema;
  const newKey = tableKey(schema, stmt.newname);
  if (catalog.types.has(newKey) || catalog.enums.has(newKey) || catalog.tables.has(newKey)) {
    ctx.problem(`type "${stmt.newname}" already exists`);
    return;
  }
  if (type) {
    catalog.types.delete(key);
    type.name = stmt.newname;
    catalog.types.set(newKey, type);
  }
  const attributes = ctx.state.compositeColumns.get(key);
  if (attributes) {
    ctx.state.compositeColumns.delete(key);
    ctx.state.compositeColumns.set(newKey, attributes);
  }
  if (enumType) {
    catalog.enums.delete(key);
    enumType.name = stmt.newname;
    catalog.enums.set(newKey, enumType);
  }
  const visible = ctx.searchPath.includes(schema);
  const from = visible ? name : key;
  const to = visible ? stmt.newname : newKey;
  for (const t of [...catalog.tables.values(), ...catalog.views.values()]) {
    for (const c of t.columns) if (c.type.name === from) c.type = makeTypeRef(to, [...c.type.mods], c.type.arrayDims);
  }
}
