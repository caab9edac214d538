import { pathText } from '../../engine/ajv-messages.js';
import type { Column, Constraint, EnumType, Expr, ForeignKeyTarget, Index, IndexKey, Policy, Table } from '../../model/catalog.js';
import { tableKey } from '../../model/catalog.js';
import type { Location } from '../../model/location.js';
import { byteLength, chooseName, columnsAddition, MAX_IDENTIFIER_BYTES, quoteLiteral, truncateIdentifier } from '../../model/names.js';
import { makeExpr } from '../sql/expr.js';
import { referencedColumns, unknownColumns } from '../sql/replay/columns.js';
import type { ReplayState } from '../sql/replay/context.js';
import { expressionColumnName, uniqueColumnNames } from '../sql/replay/indexes.js';
import type { ColumnDefinition, EnumDefinition, IndexDefinition, JsonPath, ModuleDefinition, PolicyDefinition, TableDefinition } from './definition.js';
import type { JsonDocument } from './json-document.js';
import { columnReferences, fallbackType, parseSqlExpression, parseTypeName, typeNameNode } from './sql-text.js';
import { typeKnown, unknownTypeMessage } from '../sql/replay/user-types.js';

/** A problem that makes the definition something PostgreSQL would not accept. */
export interface DefinitionProblem {
  message: string;
  loc: Location;
}

export interface BuiltTable {
  table: Table;
  definition: TableDefinition;
  /** JSON path of the table's entry, e.g. ['tables', 2]. */
  path: JsonPath;
}

/** A table or column name as PostgreSQL stores it, with the written name kept where it was truncated. */
function identifier(written: string): { name: string; declaredName?: string } {
  return byteLength(written) > MAX_IDENTIFIER_BYTES ? { name: truncateIdentifier(written), declaredName: written } : { name: written };
}

function withDeclared<T extends { declaredName?: string }>(obj: T, declaredName: string | undefined): T {
  if (declaredName !== undefined) obj.declaredName = declaredName;
  return obj;
}

/** `schema.table` or `table` (in public). */
export function splitTableName(written: string): { schema: string; name: string; declaredName?: string } | undefined {
  const parts = written.split('.');
  if (parts.length > 2 || parts.some((p) => p === '')) return undefined;
  const { name, declaredName } = identifier(parts[parts.length - 1]!);
  return { schema: parts.length === 2 ? truncateIdentifier(parts[0]!) : 'public', name, declaredName };
}

interface PendingConstraint {
  kind: 'primary key' | 'unique' | 'check' | 'foreign key';
  explicitName?: string;
  columns: string[];
  references?: ForeignKeyTarget;
  check?: Expr;
  loc: Location;
  /** Where a problem with this constraint is reported. */
  path: JsonPath;
}

/**
 * As in one CREATE TABLE (transformIndexConstraints): a key identical to an earlier one makes no second
 * index; the primary key comes first, and a kept key without a name takes the name of a duplicate.
 */
function mergeDuplicateKeys(keys: PendingConstraint[]): PendingConstraint[] {
  const pk = keys.find((k) => k.kind === 'primary key');
  const kept: PendingConstraint[] = pk ? [{ ...pk }] : [];
  for (const k of keys) {
    if (k === pk) continue;
    const prior = k.kind === 'primary key' ? undefined : kept.find((x) => JSON.stringify(x.columns) === JSON.stringify(k.columns));
    if (!prior) kept.push({ ...k });
    else if (prior.explicitName === undefined && k.explicitName !== undefined) prior.explicitName = k.explicitName;
  }
  return kept;
}

/**
 * Turns a module definition into catalog tables exactly as replaying the equivalent DDL would: the
 * same type normalisation, the same implicit names (PostgreSQL's order: checks, then the primary key
 * and unique constraints, then foreign keys, then CREATE INDEX in order) and the same NOT NULL of key columns.
 * The equivalent DDL is CREATE TABLE with the columns (inline PRIMARY KEY, UNIQUE, REFERENCES) and
 * then the table's primaryKey, unique, checks and foreignKeys, followed by CREATE INDEX, ENABLE/FORCE
 * ROW LEVEL SECURITY and CREATE POLICY statements.
 */
export class DefinitionBuilder {
  readonly problems: DefinitionProblem[] = [];

  constructor(
    private readonly doc: JsonDocument,
    private readonly state: ReplayState,
    private readonly module: string,
  ) {}

  /** CREATE TYPE … AS ENUM for each declared enum, as the DDL replay registers it (createEnum). */
  buildEnums(definition: ModuleDefinition): EnumType[] {
    const out: EnumType[] = [];
    (definition.enums ?? []).forEach((e, i) => {
      const built = this.buildEnum(e, ['enums', i]);
      if (built) out.push(built);
    });
    return out;
  }

  private buildEnum(def: EnumDefinition, path: JsonPath): EnumType | undefined {
    const split = splitTableName(def.name);
    if (!split) {
      this.problem([...path, 'name'], `enum name ${JSON.stringify(def.name)} must be "type" or "schema.type"`);
      return undefined;
    }
    const { schema, name } = split;
    const existing = this.state.catalog.enums.get(`${schema}.${name}`);
    if (existing) {
      const by = existing.module === this.module ? '' : ` by module "${existing.module}"`;
      this.problem([...path, 'name'], `type "${schema}.${name}" is already defined${by} (${existing.loc.file}:${existing.loc.line}): type names must be unique within a schema`);
      return undefined;
    }
    const long = def.values.findIndex((v) => byteLength(v) > MAX_IDENTIFIER_BYTES);
    if (long !== -1) {
      this.problem([...path, 'values', long], `enum label ${JSON.stringify(def.values[long])} is longer than ${MAX_IDENTIFIER_BYTES} bytes, which PostgreSQL rejects`);
      return undefined;
    }
    const e: EnumType = { schema, name, values: [...def.values], module: this.module, loc: this.doc.loc([...path, 'name']) };
    this.state.catalog.enums.set(`${schema}.${name}`, e);
    return e;
  }

  buildAll(definition: ModuleDefinition): BuiltTable[] {
    const out: BuiltTable[] = [];
    definition.tables.forEach((t, i) => {
      const table = this.buildTable(t, ['tables', i]);
      if (table) out.push({ table, definition: t, path: ['tables', i] });
    });
    return out;
  }

  private problem(path: JsonPath, message: string, loc: Location = this.doc.loc(path)): void {
    this.problems.push({ message: `${pathText(path)}: ${message}`, loc });
  }

  /** Where a list entry is shown: its name when it has one, else its opening brace. */
  private entryLoc(path: JsonPath, named: { name?: string }): Location {
    return named.name !== undefined ? this.doc.loc([...path, 'name']) : this.doc.loc(path);
  }

  private expression(path: JsonPath, text: string, what: string, table?: Table): Expr | undefined {
    const parsed = parseSqlExpression(text);
    if (!parsed.ok) {
      const loc = parsed.error.index === undefined ? this.doc.loc(path) : this.doc.charLoc(path, parsed.error.index);
      this.problem(path.slice(0, -1), `${what} is not a valid SQL expression: ${parsed.error.message}`, loc);
      return undefined;
    }
    // A CHECK, index expression or predicate may use only the table's own columns.
    const unknown = table ? unknownColumns(parsed.value.ast, table)[0] : undefined;
    if (unknown) {
      const loc = this.doc.charLoc(path, parsed.value.offset(unknown.location));
      this.problem(path.slice(0, -1), `${what} names column "${unknown.name}", which "${table!.name}" does not have`, loc);
      return undefined;
    }
    return makeExpr(parsed.value.ast, this.doc.loc(path));
  }

  private buildTable(def: TableDefinition, path: JsonPath): Table | undefined {
    const split = splitTableName(def.name);
    if (!split) {
      this.problem([...path, 'name'], `table name ${JSON.stringify(def.name)} must be "table" or "schema.table"`);
      return undefined;
    }
    const { schema, name } = split;
    const key = tableKey(schema, name);
    const { catalog, names } = this.state;
    const existing = catalog.tables.get(key);
    if (existing || names.hasRelation(schema, name)) {
      const where = existing ? ` by module "${existing.module}" (${existing.loc.file}:${existing.loc.line})` : '';
      this.problem([...path, 'name'], `table "${schema}.${name}" is already defined${where}: table names must be unique within a schema`);
      return undefined;
    }
    const table: Table = withDeclared(
      {
        schema,
        name,
        module: this.module,
        columns: [],
        constraints: [],
        indexes: [],
        policies: [],
        triggers: [],
        privileges: [],
        rls: { enabled: false, forced: false },
        partitioned: false,
        loc: this.doc.loc([...path, 'name']),
      } as Table,
      split.declaredName,
    );
    table.jsonPath = path;
    if (def.kind) table.kind = def.kind;
    if (def.description !== undefined) table.description = def.description;

    const pending: PendingConstraint[] = [];
    def.columns.forEach((c, i) => this.addColumn(table, c, [...path, 'columns', i], pending));
    catalog.tables.set(key, table);
    names.addRelation(schema, name);

    this.tableConstraints(table, def, path, pending);
    const checks = pending.filter((p) => p.kind === 'check');
    const keys = mergeDuplicateKeys(pending.filter((p) => p.kind === 'primary key' || p.kind === 'unique'));
    const foreignKeys = pending.filter((p) => p.kind === 'foreign key');
    for (const p of [...checks, ...keys, ...foreignKeys]) this.addConstraint(table, p);
    (def.indexes ?? []).forEach((d, i) => this.addIndex(table, d, [...path, 'indexes', i]));
    this.addRls(table, def, path);
    if (def.hypertable) {
      const col = truncateIdentifier(def.hypertable.timeColumn);
      const at = [...path, 'hypertable', 'timeColumn'];
      if (!table.columns.some((c) => c.name === col)) this.problem(at, `hypertable time column "${col}" is not a column of "${name}"`);
      else table.hypertable = { timeColumn: col, loc: this.doc.loc(at) };
    }
    return table;
  }

  private addColumn(table: Table, def: ColumnDefinition, path: JsonPath, pending: PendingConstraint[]): void {
    const { name, declaredName } = identifier(def.name);
    if (table.columns.some((c) => c.name === name)) {
      this.problem([...path, 'name'], `column "${name}" of "${table.name}" is defined more than once`);
      return;
    }
    const parsed = parseTypeName(def.type);
    if (!parsed.ok) {
      const loc = parsed.error.index === undefined ? this.doc.loc([...path, 'type']) : this.doc.charLoc([...path, 'type'], parsed.error.index);
      this.problem(path, `"type" ${JSON.stringify(def.type)} is ${parsed.error.message}`, loc);
    } else {
      // As in DDL, a type must exist: built in, made by an enum of this or an earlier module or by migrations, or an extension's.
      const node = typeNameNode(def.type);
      if (node && !typeKnown(this.state, ['public'], node, true)) this.problem(path, `"type" ${JSON.stringify(def.type)}: ${unknownTypeMessage(node)}`, this.doc.loc([...path, 'type']));
    }
    const column: Column = withDeclared(
      { name, type: parsed.ok ? parsed.value : fallbackType(def.type), notNull: def.nullable === false, loc: this.doc.loc([...path, 'name']) } as Column,
      declaredName,
    );
    column.jsonPath = path;
    if (def.description !== undefined) column.comment = def.description;
    if (def.identity) this.identity(column, def, path);
    if (typeof def.default === 'string') {
      const expr = this.expression([...path, 'default'], def.default, '"default"');
      const refs = expr ? columnReferences(expr.ast) : [];
      if (refs.length > 0) {
        const literal = /^[A-Za-z_][A-Za-z0-9_]*$/.test(def.default.trim()) ? `; for the text ${quoteLiteral(def.default.trim())} write "${quoteLiteral(def.default.trim())}"` : '';
        this.problem(path, `"default" cannot refer to column "${refs[0]}": a DEFAULT is evaluated without a row${literal}`, this.doc.loc([...path, 'default']));
      } else if (expr) {
        column.default = expr;
      }
    }
    if (def.primaryKey) {
      if (def.nullable === true) this.problem(path, `"nullable": true contradicts "primaryKey": true: primary-key columns are NOT NULL`, this.doc.keyLoc([...path, 'nullable']));
      pending.push({ kind: 'primary key', columns: [name], loc: this.doc.keyLoc([...path, 'primaryKey']), path: [...path, 'primaryKey'] });
    }
    if (def.unique) pending.push({ kind: 'unique', columns: [name], loc: this.doc.keyLoc([...path, 'unique']), path: [...path, 'unique'] });
    if (def.references) {
      const target = this.target(def.references.table, [def.references.column], [...path, 'references', 'table']);
      if (target) {
        target.onDelete = def.references.onDelete ?? 'no action';
        target.onUpdate = def.references.onUpdate ?? 'no action';
        pending.push({ kind: 'foreign key', columns: [name], references: target, loc: this.doc.loc([...path, 'references']), path: [...path, 'references'] });
      }
    }
    if (def.crossModuleReference) {
      const ref = def.crossModuleReference;
      const split = splitTableName(ref.table);
      if (!split) this.problem([...path, 'crossModuleReference', 'table'], `referenced table ${JSON.stringify(ref.table)} must be "table" or "schema.table"`);
      else
        column.crossModuleReference = {
          module: ref.module,
          schema: split.schema,
          table: split.name,
          column: truncateIdentifier(ref.column ?? 'id'),
          loc: this.doc.loc([...path, 'crossModuleReference']),
        };
    }
    table.columns.push(column);
  }

  /** GENERATED … AS IDENTITY, with the conflicts PostgreSQL rejects. */
  private identity(column: Column, def: ColumnDefinition, path: JsonPath): void {
    if (def.nullable === true) {
      this.problem(path, `"nullable": true contradicts "identity": identity columns are NOT NULL`, this.doc.keyLoc([...path, 'nullable']));
    }
    if (typeof def.default === 'string') {
      this.problem(path, `"default" and "identity" exclude each other: an identity column takes its values from its sequence; remove "default"`, this.doc.keyLoc([...path, 'default']));
    }
    column.identity = def.identity;
    column.notNull = true;
  }

  private target(written: string, columns: string[], path: JsonPath): ForeignKeyTarget | undefined {
    const split = splitTableName(written);
    if (!split) {
      this.problem(path, `referenced table ${JSON.stringify(written)} must be "table" or "schema.table"`);
      return undefined;
    }
    return { schema: split.schema, table: split.name, columns: columns.map(truncateIdentifier), onDelete: 'no action', onUpdate: 'no action' };
  }

  private tableConstraints(table: Table, def: TableDefinition, path: JsonPath, pending: PendingConstraint[]): void {
    if (def.primaryKey) {
      const at = [...path, 'primaryKey'];
      const pk = Array.isArray(def.primaryKey) ? { columns: def.primaryKey } : def.primaryKey;
      for (const col of pk.columns) {
        const column = def.columns.find((c) => truncateIdentifier(c.name) === truncateIdentifier(col));
        if (column?.nullable === true) this.problem(at, `column "${col}" is in the primary key but says "nullable": true: primary-key columns are NOT NULL`);
      }
      const loc = 'name' in pk && pk.name !== undefined ? this.doc.loc([...at, 'name']) : this.doc.loc(at);
      pending.push({ kind: 'primary key', explicitName: 'name' in pk ? pk.name : undefined, columns: pk.columns.map(truncateIdentifier), loc, path: at });
    }
    (def.unique ?? []).forEach((u, i) => {
      const at = [...path, 'unique', i];
      pending.push({ kind: 'unique', explicitName: u.name, columns: u.columns.map(truncateIdentifier), loc: this.entryLoc(at, u), path: at });
    });
    (def.checks ?? []).forEach((c, i) => {
      const at = [...path, 'checks', i];
      const check = this.expression([...at, 'expression'], c.expression, '"expression"', table);
      if (check) pending.push({ kind: 'check', explicitName: c.name, columns: [], check, loc: this.entryLoc(at, c), path: at });
    });
    (def.foreignKeys ?? []).forEach((f, i) => {
      const at = [...path, 'foreignKeys', i];
      if (f.columns.length !== f.references.columns.length) {
        this.problem(at, `${f.columns.length} referencing and ${f.references.columns.length} referenced columns: a foreign key needs as many of each`, this.entryLoc(at, f));
        return;
      }
      const target = this.target(f.references.table, f.references.columns, [...at, 'references', 'table']);
      if (!target) return;
      target.onDelete = f.onDelete ?? 'no action';
      target.onUpdate = f.onUpdate ?? 'no action';
      pending.push({ kind: 'foreign key', explicitName: f.name, columns: f.columns.map(truncateIdentifier), references: target, loc: this.entryLoc(at, f), path: at });
    });
  }

  /** addConstraint of the DDL replay, over a declared constraint. */
  private addConstraint(table: Table, p: PendingConstraint): void {
    const { names } = this.state;
    const schema = table.schema;
    const missing = p.columns.filter((c) => !table.columns.some((x) => x.name === c));
    if (missing.length > 0) {
      this.problem(p.path, `${p.kind} names column "${missing[0]}", which "${table.name}" does not have`, p.loc);
      return;
    }
    const explicit = p.explicitName === undefined ? undefined : identifier(p.explicitName);
    if (explicit && table.constraints.some((x) => x.name === explicit.name)) {
      this.problem(p.path, `constraint "${explicit.name}" of "${table.name}" is defined more than once`, p.loc);
      return;
    }
    const constraintTaken = (n: string) => names.hasConstraint(schema, n);
    const relationTaken = (n: string) => names.hasRelation(schema, n) || names.hasConstraint(schema, n);
    let name: string;
    switch (p.kind) {
      case 'primary key':
        if (table.constraints.some((x) => x.kind === 'primary key')) {
          this.problem(p.path, `"${table.name}" has more than one primary key: declare it once, with "primaryKey" on the table for several columns`, p.loc);
          return;
        }
        for (const col of p.columns) table.columns.find((x) => x.name === col)!.notNull = true;
        name = explicit?.name ?? chooseName(table.name, undefined, 'pkey', relationTaken);
        break;
      case 'unique':
        name = explicit?.name ?? chooseName(table.name, columnsAddition(p.columns), 'key', relationTaken);
        break;
      case 'check': {
        // `<table>_<column>_check` only when the expression uses exactly one column, else `<table>_check`.
        p.columns = [...new Set(referencedColumns(p.check!.ast, table))];
        name = explicit?.name ?? chooseName(table.name, p.columns.length === 1 ? p.columns[0] : undefined, 'check', constraintTaken);
        break;
      }
      case 'foreign key':
        name = explicit?.name ?? chooseName(table.name, columnsAddition(p.columns), 'fkey', constraintTaken);
        break;
    }
    const c: Constraint = withDeclared({ name, kind: p.kind, columns: p.columns, implicitName: !explicit, notValid: false, loc: p.loc } as Constraint, explicit?.declaredName);
    if (p.references) c.references = p.references;
    if (p.check) c.check = p.check;
    if (p.kind === 'primary key' || p.kind === 'unique') names.addRelation(schema, name);
    names.addConstraint(schema, name);
    table.constraints.push(c);
  }

  private addIndex(table: Table, def: IndexDefinition, path: JsonPath): void {
    const keys: IndexKey[] = [];
    const colNames: string[] = [];
    let broken = false;
    def.columns.forEach((k, i) => {
      const at = [...path, 'columns', i];
      const spec = typeof k === 'string' ? { column: k } : k;
      let key: IndexKey;
      if (spec.column !== undefined) {
        const column = truncateIdentifier(spec.column);
        if (!table.columns.some((c) => c.name === column)) {
          const hint = /[^A-Za-z0-9_$]/.test(column) ? `: for an expression write {"expression": ${JSON.stringify(column)}}` : '';
          this.problem(path, `index key "${column}" is not a column of "${table.name}"${hint}`, this.doc.loc(typeof k === 'string' ? at : [...at, 'column']));
          broken = true;
          return;
        }
        key = { column };
        colNames.push(column);
      } else {
        const expr = this.expression([...at, 'expression'], spec.expression!, '"expression"', table);
        if (!expr) {
          broken = true;
          return;
        }
        key = { expr };
        colNames.push(expressionColumnName(expr.ast));
      }
      if (typeof k !== 'string') {
        if (k.opclass !== undefined) key.opclass = k.opclass;
        if (k.collation !== undefined) key.collation = k.collation;
        const descending = k.order === 'desc';
        if (descending) key.descending = true;
        const nullsFirst = k.nulls === undefined ? descending : k.nulls === 'first';
        if (nullsFirst !== descending) key.nullsFirst = nullsFirst;
      }
      keys.push(key);
    });
    const include = (def.include ?? []).map(truncateIdentifier);
    for (const col of include) {
      if (!table.columns.some((c) => c.name === col)) {
        this.problem(path, `INCLUDE column "${col}" is not a column of "${table.name}"`, this.doc.loc([...path, 'include']));
        broken = true;
      }
    }
    const predicate = typeof def.where === 'string' ? this.expression([...path, 'where'], def.where, '"where"', table) : undefined;
    if (broken || (typeof def.where === 'string' && !predicate)) return;
    const { names } = this.state;
    const schema = table.schema;
    const explicit = def.name === undefined ? undefined : identifier(def.name);
    if (explicit && names.hasRelation(schema, explicit.name)) {
      this.problem(path, `index name "${explicit.name}" is already taken by another index, key or table in schema "${schema}"`, this.entryLoc(path, def));
      return;
    }
    // CREATE UNIQUE INDEX is not a constraint: PostgreSQL names it `_idx` too.
    const name = explicit?.name ?? chooseName(table.name, columnsAddition(uniqueColumnNames([...colNames, ...include])), 'idx', (n) => names.hasRelation(schema, n));
    const index: Index = withDeclared({ name, unique: def.unique === true, method: def.method ?? 'btree', keys, include, loc: this.entryLoc(path, def) } as Index, explicit?.declaredName);
    if (predicate) index.predicate = predicate;
    index.jsonPath = path;
    table.indexes.push(index);
    names.addRelation(schema, name);
    this.state.indexOwner.set(schema, name, table);
  }

  private addRls(table: Table, def: TableDefinition, path: JsonPath): void {
    const rls = def.rls;
    if (!rls) return;
    const at = [...path, 'rls'];
    if (rls.enabled) table.rls = { enabled: true, forced: rls.force === true, loc: this.doc.loc([...at, 'enabled']) };
    else table.rls.forced = rls.force === true;
    (rls.policies ?? []).forEach((p, i) => this.addPolicy(table, p, [...at, 'policies', i]));
  }

  private addPolicy(table: Table, def: PolicyDefinition, path: JsonPath): void {
    const { name, declaredName } = identifier(def.name);
    if (table.policies.some((p) => p.name === name)) {
      this.problem(path, `policy "${name}" of "${table.name}" is defined more than once`, this.doc.loc([...path, 'name']));
      return;
    }
    const command = def.command ?? 'all';
    if (command === 'insert' && typeof def.using === 'string') {
      this.problem(path, `an insert policy cannot have "using" (PostgreSQL allows only WITH CHECK for INSERT): move the condition to "withCheck"`, this.doc.keyLoc([...path, 'using']));
      return;
    }
    if ((command === 'select' || command === 'delete') && typeof def.withCheck === 'string') {
      this.problem(path, `a ${command} policy cannot have "withCheck" (PostgreSQL applies WITH CHECK to new rows only): use "using"`, this.doc.keyLoc([...path, 'withCheck']));
      return;
    }
    const using = typeof def.using === 'string' ? this.expression([...path, 'using'], def.using, '"using"') : undefined;
    const withCheck = typeof def.withCheck === 'string' ? this.expression([...path, 'withCheck'], def.withCheck, '"withCheck"') : undefined;
    if ((typeof def.using === 'string' && !using) || (typeof def.withCheck === 'string' && !withCheck)) return;
    const roles = def.roles?.length ? def.roles.map(roleName) : ['public'];
    const policy: Policy = withDeclared({ name, command, permissive: def.permissive !== false, roles, loc: this.doc.loc([...path, 'name']) } as Policy, declaredName);
    if (using) policy.using = using;
    if (withCheck) policy.withCheck = withCheck;
    table.policies.push(policy);
  }
}

/** PUBLIC, CURRENT_USER and the like are key words in DDL, whatever their case; other role names are kept as written. */
function roleName(role: string): string {
  const lower = role.toLowerCase();
  return ['public', 'current_user', 'session_user', 'current_role'].includes(lower) ? lower : role;
}
