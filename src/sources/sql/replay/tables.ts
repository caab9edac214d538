import type { ColumnDef, CommentStmt, Constraint as ConstraintNode, CreateStmt, DropBehavior, Node } from '@pgsql/types';
import type { Column, Constraint, Expr, Table } from '../../../model/catalog.js';
import { quoteLiteral, sqlIdent } from '../../../model/names.js';
import { makeTypeRef } from '../../../model/types.js';
import { parseExpression } from '../parser.js';
import { lastName, nodeAs } from '../../../model/ast.js';
import { tableKey } from '../../../model/catalog.js';
import { makeExpr, renameColumnRefs } from '../expr.js';
import { cloneConstraints, cloneIndexes } from './clone.js';
import { addConstraint, columnFromDef } from './columns.js';
import type { StatementContext } from './context.js';
import { isSequence, strings } from './context.js';
import { addOwnedSequence, dependentViews, dropOwnedSequences, newTable, refuseForDependants, removeView, renameOwnedBy } from './relations.js';
import { checkType, SERIAL_TYPES } from './user-types.js';

/** The integer type behind each serial type. */
export const SERIAL_INTEGER: Partial<Record<string, string>> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };

// TableLikeOption bits (parsenodes.h).
const LIKE_COMMENTS = 1 << 0;
const LIKE_CONSTRAINTS = 1 << 2;
const LIKE_DEFAULTS = 1 << 3;
const LIKE_GENERATED = 1 << 4;
const LIKE_IDENTITY = 1 << 5;
const LIKE_INDEXES = 1 << 6;
const CHECKS: ReadonlySet<Constraint['kind']> = new Set(['check']);
const PARTITION_INHERITED: ReadonlySet<Constraint['kind']> = new Set(['check', 'foreign key']);

export function identityOptions(def: ColumnDef | undefined): Node[] | undefined {
  for (const c of def?.constraints ?? []) {
    const con = nodeAs(c, 'Constraint');
    if (con?.contype === 'CONSTR_IDENTITY') return con.options;
  }
  return undefined;
}

/** A serial column or an identity column has a sequence of its own. */
export function ownsSequence(column: { type: { name: string; arrayDims: number }; identity?: string }): boolean {
  return (SERIAL_TYPES.has(column.type.name) && column.type.arrayDims === 0) || column.identity !== undefined;
}

const MAX_COLUMNS = 1600;

export function createTable(ctx: StatementContext, stmt: CreateStmt): void {
  const rel = stmt.relation;
  if (!rel?.relname) return;
  const schema = ctx.creationSchema(rel.schemaname);
  const key = tableKey(schema, rel.relname);
  if (ctx.catalog.tables.has(key) || ctx.state.names.hasRelation(schema, rel.relname)) {
    if (!stmt.if_not_exists) ctx.problem(`relation "${schema}.${rel.relname}" already exists`, ctx.nameAt(rel.location));
    return;
  }
  // PostgreSQL's MaxHeapAttributeNumber; refusing wider tables up front also keeps replay linear.
  if ((stmt.tableElts ?? []).filter((e) => 'ColumnDef' in e).length > MAX_COLUMNS) {
    ctx.problem(`tables can have at most ${MAX_COLUMNS} columns`, ctx.nameAt(rel.location));
    return;
  }
  const table: Table = newTable(ctx, schema, rel, Boolean(stmt.partspec));
  ctx.noteDeclaredName(table, rel.relname, rel.location);
  ctx.catalog.tables.set(key, table);
  ctx.state.names.addRelation(schema, table.name);

  const parent = nodeAs(stmt.inhRelations?.[0], 'RangeVar');
  let partitionParent: Table | undefined;
  const inheritedChecks: Table[] = [];
  if (parent && stmt.partbound) {
    const from = ctx.table(parent);
    if (from) {
      // A partition's columns are the parent's, without identity (PostgreSQL 17+ shares the parent's) or comments.
      table.columns = from.columns.map((c) => ({ ...inheritedSerial(ctx, from, c), comment: undefined }));
      table.partitionOf = { schema: from.schema, table: from.name };
      partitionParent = from;
    }
  } else if (stmt.ofTypename) {
    // A typed table's columns are the composite type's attributes; `col WITH OPTIONS …` adds to one.
    const names = strings(stmt.ofTypename.names);
    const typeName = names[names.length - 1]!;
    const schemas = names.length > 1 ? [names[0]!] : ctx.searchPath;
    const attributes = schemas.map((s) => ctx.state.compositeColumns.get(tableKey(s, typeName))).find(Boolean);
    if (attributes) table.columns = attributes.map((c) => ({ ...c, loc: table.loc }));
    if (attributes) ctx.state.typedTables.set(table, attributes);
    else if (!checkType(ctx, stmt.ofTypename, false)) ctx.problem(`type "${names[names.length - 1]}" is not a composite type`, ctx.nameAt(stmt.ofTypename.location));
  } else {
    // INHERITS (a, b): the parents' columns come first, so keys and checks may name them; the parents'
    // CHECK constraints (but no keys or indexes) are inherited too.
    for (const inh of stmt.inhRelations ?? []) {
      const rv = nodeAs(inh, 'RangeVar');
      const from = rv && ctx.table(rv);
      if (!from) continue;
      for (const c of from.columns) {
        if (table.columns.some((x) => x.name === c.name)) continue;
        const copy = { ...inheritedSerial(ctx, from, c), identity: undefined, comment: undefined };
        ctx.state.inheritedColumns.add(copy);
        table.columns.push(copy);
      }
      inheritedChecks.push(from);
      const children = ctx.state.inheritors.get(from);
      if (children) children.push(table);
      else ctx.state.inheritors.set(from, [table]);
    }
  }
  const inherited = new Set(table.columns.map((c) => c.name));
  const pending: ConstraintNode[] = [];
  const likes: { from: Table; options: number }[] = [];
  for (const elt of stmt.tableElts ?? []) {
    if ('ColumnDef' in elt) {
      const { column, constraints, mysqlIndex } = columnFromDef(ctx, elt.ColumnDef, table.name);
      if (inherited.delete(column.name)) {
        // A column declared again merges with the inherited one (PostgreSQL: NOTICE, not an error);
        // a partition's `col WITH OPTIONS …` has no type of its own.
        const typed = Boolean(elt.ColumnDef.typeName);
        if (typed && table.columns.some((c) => c.name === column.name && c.type.text !== column.type.text)) {
          ctx.problem(`column "${column.name}" has a type conflict: the inherited column is of another type`, column.loc);
          continue;
        }
        table.columns = table.columns.map((c) => (c.name === column.name ? { ...c, ...column, type: typed ? column.type : c.type, notNull: column.notNull || c.notNull } : c));
        pending.push(...constraints);
        continue;
      }
      if (table.columns.some((c) => c.name === column.name)) {
        // A second MySQL inline INDEX is already reported as such; "index" twice would be noise.
        if (!mysqlIndex) ctx.problem(`column "${column.name}" specified more than once`, column.loc);
        continue;
      }
      table.columns.push(column);
      if (ownsSequence(column)) addOwnedSequence(ctx, table, column.name, identityOptions(elt.ColumnDef));
      for (const con of constraints) pending.push(con);
    } else if ('Constraint' in elt) {
      pending.push(elt.Constraint);
    } else if ('TableLikeClause' in elt) {
      const like = elt.TableLikeClause;
      if (!like.relation) continue;
      // The table being made does not exist yet for its own LIKE.
      const self = like.relation.relname === table.name && ctx.creationSchema(like.relation.schemaname) === schema;
      if (self) ctx.problem(`relation "${table.name}" does not exist: a table cannot be LIKE itself`, ctx.nameAt(like.relation.location));
      const from = self ? undefined : ctx.tableOrView(like.relation);
      if (from) likes.push({ from, options: like.options ?? 0 });
      const options: number = like.options ?? 0;
      for (const c of from?.columns ?? []) {
        if (table.columns.some((x) => x.name === c.name)) {
          ctx.problem(`column "${c.name}" specified more than once`, ctx.nameAt(like.relation?.location));
          continue;
        }
        // Name, type and NOT NULL always; the rest by INCLUDING option (transformTableLikeClause).
        const copy = {
          ...c,
          default: options & LIKE_DEFAULTS && !c.generated ? c.default : undefined,
          generated: options & LIKE_GENERATED ? c.generated : undefined,
          identity: options & LIKE_IDENTITY ? c.identity : undefined,
          comment: options & LIKE_COMMENTS ? c.comment : undefined,
          declaredName: undefined,
        };
        table.columns.push(copy);
        if (copy.identity) addOwnedSequence(ctx, table, copy.name);
      }
    }
  }
  // PostgreSQL creates (and so names) the checks with the table, then the indexes of index-backed
  // constraints, primary key first, then the foreign keys.
  const checks: ConstraintNode[] = [];
  const indexBacked: ConstraintNode[] = [];
  const rest: ConstraintNode[] = [];
  for (const c of pending) {
    const t = c.contype;
    if (t === 'CONSTR_CHECK') checks.push(c);
    else if (t === 'CONSTR_PRIMARY' || t === 'CONSTR_UNIQUE' || t === 'CONSTR_EXCLUSION') indexBacked.push(c);
    else rest.push(c);
  }
  if (partitionParent) cloneConstraints(ctx, partitionParent, table, CHECKS);
  for (const parent of inheritedChecks) cloneConstraints(ctx, parent, table, CHECKS);
  for (const con of checks) addConstraint(ctx, table, con);
  for (const con of mergeDuplicateKeys(indexBacked)) addConstraint(ctx, table, con);
  for (const con of rest) addConstraint(ctx, table, con);
  // LIKE's checks and indexes, then a partition's copies of its parent's, come after the table's own (expandTableLikeClause).
  for (const { from, options } of likes) {
    if (options & LIKE_CONSTRAINTS) cloneConstraints(ctx, from, table, CHECKS);
    if (options & LIKE_INDEXES) cloneIndexes(ctx, from, table);
  }
  if (partitionParent) {
    cloneIndexes(ctx, partitionParent, table, true);
    cloneConstraints(ctx, partitionParent, table, PARTITION_INHERITED);
  }
}

/**
 * transformIndexConstraints: in one CREATE TABLE, a PRIMARY KEY or UNIQUE identical to an earlier one
 * (e.g. `id int PRIMARY KEY UNIQUE`) makes no second index. The primary key is kept first, and a kept
 * constraint without a name takes the name of a duplicate that has one.
 */
function mergeDuplicateKeys(cons: ConstraintNode[]): ConstraintNode[] {
  if (cons.length < 2) return cons;
  const pk = cons.find((c) => c.contype === 'CONSTR_PRIMARY');
  const kept: ConstraintNode[] = pk ? [{ ...pk }] : [];
  const signature = (c: ConstraintNode) =>
    c.contype === 'CONSTR_EXCLUSION' ? undefined : JSON.stringify([strings(c.keys), strings(c.including), !!c.nulls_not_distinct, !!c.deferrable, !!c.initdeferred]);
  for (const c of cons) {
    if (c === pk) continue;
    // A second PRIMARY KEY is an error addConstraint reports, not a duplicate to merge.
    const prior = c.contype === 'CONSTR_PRIMARY' || signature(c) === undefined ? undefined : kept.find((k) => signature(k) === signature(c));
    if (!prior) kept.push({ ...c });
    else if (!prior.conname && c.conname) prior.conname = c.conname;
  }
  return kept;
}

/**
 * DROP TABLE a, b [CASCADE]. Without CASCADE PostgreSQL refuses the whole statement while a foreign key
 * of a table not being dropped references one that is; with CASCADE it drops those foreign keys.
 */
export function dropTables(ctx: StatementContext, stmt: { behavior?: DropBehavior; missing_ok?: boolean }, objects: string[][]): void {
  const tables: Table[] = [];
  for (const names of objects) {
    const rel = names.length > 1 ? { schemaname: names[0], relname: names[1]! } : { relname: names[0]! };
    const table = ctx.table(rel, stmt.missing_ok);
    if (table && !tables.includes(table)) tables.push(table);
  }
  // Partitions go with their partitioned table, CASCADE or not.
  for (let i = 0; i < tables.length; i++) {
    const parent = tables[i]!;
    if (!parent.partitioned) continue;
    for (const t of ctx.catalog.tables.values()) if (t.partitionOf?.schema === parent.schema && t.partitionOf.table === parent.name && !tables.includes(t)) tables.push(t);
  }
  // Tables that inherit from one being dropped depend on it: they go with CASCADE, and refuse the drop without.
  for (let i = 0; i < tables.length; i++) {
    for (const kid of ctx.state.inheritors.get(tables[i]!) ?? []) {
      if (tables.includes(kid) || ctx.catalog.tables.get(tableKey(kid.schema, kid.name)) !== kid) continue;
      if (stmt.behavior !== 'DROP_CASCADE') {
        ctx.problem(`cannot drop table ${tables[i]!.name} because other objects depend on it (table ${kid.name} inherits from it): drop it first, or use DROP TABLE … CASCADE`);
        return;
      }
      tables.push(kid);
    }
  }
  const dropping = new Set(tables);
  const dependants = (table: Table) =>
    [...ctx.catalog.tables.values()].flatMap((t) =>
      dropping.has(t) ? [] : t.constraints.filter((c) => c.references?.schema === table.schema && c.references.table === table.name).map((c) => ({ t, c })),
    );
  if (stmt.behavior !== 'DROP_CASCADE') {
    for (const table of tables) {
      const views = dependentViews(ctx, table, undefined, dropping);
      if (views.length > 0) {
        refuseForDependants(ctx, `table ${table.name}`, views);
        return;
      }
      const deps = dependants(table);
      if (deps.length === 0) continue;
      const list = deps.map(({ t, c }) => `constraint ${c.name} on table ${t.name}`).join(', ');
      ctx.problem(`cannot drop table ${table.name} because other objects depend on it (${list}): drop those foreign keys first, or use DROP TABLE … CASCADE`);
      return;
    }
  }
  for (const table of tables) {
    for (const v of dependentViews(ctx, table)) removeView(ctx, v);
    for (const { t, c } of dependants(table)) {
      t.constraints = t.constraints.filter((x) => x !== c);
      ctx.state.names.removeConstraint(t.schema, c.name);
    }
    removeTable(ctx, table);
  }
}

export function removeTable(ctx: StatementContext, table: Table): void {
  const names = ctx.state.names;
  dropOwnedSequences(ctx, table);
  ctx.catalog.tables.delete(tableKey(table.schema, table.name));
  names.removeRelation(table.schema, table.name);
  for (const i of table.indexes) {
    names.removeRelation(table.schema, i.name);
    ctx.state.indexOwner.delete(table.schema, i.name);
  }
  for (const c of table.constraints) {
    names.removeConstraint(table.schema, c.name);
    if (c.kind === 'primary key' || c.kind === 'unique' || c.kind === 'exclude') names.removeRelation(table.schema, c.name);
  }
}

export function renameTable(ctx: StatementContext, table: Table, newName: string): void {
  const names = ctx.state.names;
  if (names.hasRelation(table.schema, newName)) {
    ctx.problem(`relation "${newName}" already exists`);
    return;
  }
  const { catalog } = ctx;
  names.removeRelation(table.schema, table.name);
  // References to the table follow it, as they do in pg_constraint.
  for (const t of catalog.tables.values()) {
    for (const c of t.constraints) {
      if (c.references && c.references.schema === table.schema && c.references.table === table.name) c.references.table = newName;
    }
    if (t.partitionOf?.schema === table.schema && t.partitionOf.table === table.name) t.partitionOf.table = newName;
  }
  for (const v of catalog.views.values()) for (const d of v.dependsOn) if (d.schema === table.schema && d.table === table.name) d.table = newName;
  renameOwnedBy(ctx, table.schema, table.name, newName);
  const key = tableKey(table.schema, table.name);
  const map: Map<string, Table> = catalog.views.get(key) === table ? catalog.views : catalog.tables;
  map.delete(key);
  table.name = newName;
  table.declaredName = undefined;
  map.set(tableKey(table.schema, newName), table);
  names.addRelation(table.schema, newName);
}

/**
 * A parent's serial column as a partition or inheriting table has it: the integer, with the default
 * nextval() of the parent's sequence (the sequence is the parent's alone).
 */
export function inheritedSerial(ctx: StatementContext, parent: Table, c: Column): Column {
  const integer = c.type.arrayDims === 0 ? SERIAL_INTEGER[c.type.name] : undefined;
  if (!integer || c.default) return c;
  const seq = [...ctx.catalog.sequences.values()].find((s) => s.ownedBy?.schema === parent.schema && s.ownedBy.table === parent.name && s.ownedBy.column === c.name);
  if (!seq) return c;
  const name = (seq.schema === 'public' ? [seq.name] : [seq.schema, seq.name]).map(sqlIdent).join('.');
  const parsed = parseExpression(`nextval(${quoteLiteral(name)}::regclass)`);
  return 'error' in parsed ? c : { ...c, type: makeTypeRef(integer), default: makeExpr(parsed.ast, c.loc) };
}

export function renameColumn(ctx: StatementContext, table: Table, from: string, to: string): void {
  const column = table.columns.find((c) => c.name === from);
  if (!column) {
    ctx.problem(`column "${from}" of relation "${table.name}" does not exist`);
    return;
  }
  if (table.columns.some((c) => c.name === to)) {
    ctx.problem(`column "${to}" of relation "${table.name}" already exists`);
    return;
  }
  column.name = to;
  column.declaredName = undefined;
  const swap = (cols: string[]) => cols.map((c) => (c === from ? to : c));
  for (const c of table.constraints) c.columns = swap(c.columns);
  const rename = (e: Expr) => renameColumnRefs(e, from, to);
  for (const c of table.constraints) if (c.check) c.check = rename(c.check);
  for (const col of table.columns) if (col.generated) col.generated = rename(col.generated);
  for (const i of table.indexes) {
    i.keys = i.keys.map((k) => ('column' in k ? (k.column === from ? { ...k, column: to } : k) : { ...k, expr: rename(k.expr) }));
    i.include = swap(i.include);
    if (i.predicate) i.predicate = rename(i.predicate);
  }
  for (const p of table.policies) {
    if (p.using) p.using = rename(p.using);
    if (p.withCheck) p.withCheck = rename(p.withCheck);
  }
  if (table.hypertable?.timeColumn === from) table.hypertable.timeColumn = to;
  renameOwnedBy(ctx, table.schema, table.name, table.name, from, to);
  for (const v of ctx.catalog.views.values()) {
    for (const d of v.dependsOn) if (d.schema === table.schema && d.table === table.name) d.columns = swap(d.columns);
  }
  for (const t of ctx.catalog.tables.values()) {
    for (const c of t.constraints) {
      if (c.references && c.references.schema === table.schema && c.references.table === table.name) c.references.columns = swap(c.references.columns);
    }
  }
}

/** DROP COLUMN: PostgreSQL drops the indexes and constraints that use the column with it. */
/**
 * Foreign keys (of any table) whose referenced key uses one of `columns` of `table`: they depend on its
 * unique index. A key referenced without a column list references the primary key.
 */
export function referencingForeignKeys(ctx: StatementContext, table: Table, columns: string[]): { t: Table; c: Constraint }[] {
  const pk = table.constraints.find((c) => c.kind === 'primary key')?.columns ?? [];
  const out: { t: Table; c: Constraint }[] = [];
  for (const t of ctx.catalog.tables.values()) {
    for (const c of t.constraints) {
      const r = c.references;
      if (!r || r.schema !== table.schema || r.table !== table.name) continue;
      // A foreign key on the dropped column itself goes with the column.
      if (t === table && c.columns.some((x) => columns.includes(x))) continue;
      if ((r.columns.length ? r.columns : pk).some((x) => columns.includes(x))) out.push({ t, c });
    }
  }
  return out;
}

/** Without CASCADE, refuse while foreign keys depend on the key; with it, drop them. True when refused. */
export function foreignKeysBlock(ctx: StatementContext, what: string, deps: { t: Table; c: Constraint }[], cascade: boolean): boolean {
  if (deps.length === 0) return false;
  if (!cascade) {
    ctx.problem(
      `cannot drop ${what} because other objects depend on it (${deps.map(({ t, c }) => `constraint ${c.name} on table ${t.name}`).join(', ')}): drop those foreign keys first, or use CASCADE`,
    );
    return true;
  }
  for (const { t, c } of deps) {
    t.constraints = t.constraints.filter((x) => x !== c);
    ctx.state.names.removeConstraint(t.schema, c.name);
  }
  return false;
}

export function dropColumn(ctx: StatementContext, table: Table, name: string, missingOk: boolean, cascade = false): void {
  if (!table.columns.some((c) => c.name === name)) {
    if (!missingOk) ctx.problem(`column "${name}" of relation "${table.name}" does not exist`);
    return;
  }
  const views = dependentViews(ctx, table, [name]);
  if (views.length > 0 && !cascade) {
    refuseForDependants(ctx, `column ${name} of table ${table.name}`, views);
    return;
  }
  if (foreignKeysBlock(ctx, `column ${name} of table ${table.name}`, referencingForeignKeys(ctx, table, [name]), cascade)) return;
  for (const v of views) removeView(ctx, v);
  const names = ctx.state.names;
  dropOwnedSequences(ctx, table, name);
  table.columns = table.columns.filter((c) => c.name !== name);
  table.constraints = table.constraints.filter((c) => {
    if (!c.columns.includes(name)) return true;
    names.removeConstraint(table.schema, c.name);
    if (c.kind !== 'foreign key' && c.kind !== 'check') names.removeRelation(table.schema, c.name);
    return false;
  });
  table.indexes = table.indexes.filter((i) => {
    // A column used in an expression, INCLUDE or the WHERE of a partial index takes the index with it.
    const uses =
      i.keys.some((k) => ('column' in k ? k.column === name : mentionsColumn(k.expr.ast, name))) || i.include.includes(name) || (i.predicate !== undefined && mentionsColumn(i.predicate.ast, name));
    if (!uses) return true;
    names.removeRelation(table.schema, i.name);
    ctx.state.indexOwner.delete(table.schema, i.name);
    return false;
  });
}

function mentionsColumn(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => mentionsColumn(n, name));
  if (!node || typeof node !== 'object') return false;
  const ref = nodeAs(node, 'ColumnRef');
  if (ref?.fields) return lastName(ref.fields) === name;
  return Object.values(node).some((v) => mentionsColumn(v, name));
}

export function commentOn(ctx: StatementContext, stmt: CommentStmt): void {
  const parts = strings(nodeAs(stmt.object, 'List')?.items);
  if (stmt.objtype === 'OBJECT_TABLE' || stmt.objtype === 'OBJECT_VIEW' || stmt.objtype === 'OBJECT_MATVIEW' || stmt.objtype === 'OBJECT_SEQUENCE') {
    const rel = parts.length > 1 ? { schemaname: parts[0], relname: parts[1]! } : { relname: parts[0]! };
    const r = ctx.relation(rel);
    if (r && !isSequence(r)) r.description = stmt.comment ?? undefined;
  } else if (stmt.objtype === 'OBJECT_COLUMN') {
    const col = parts[parts.length - 1]!;
    const rel = parts.length > 2 ? { schemaname: parts[0], relname: parts[1]! } : { relname: parts[0]! };
    const t = ctx.tableOrView(rel);
    const c = t?.columns.find((x) => x.name === col);
    if (t && !c) ctx.problem(`column "${col}" of relation "${t.name}" does not exist`);
    if (c) c.comment = stmt.comment ?? undefined;
  }
}
