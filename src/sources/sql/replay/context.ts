import type { Node, RangeVar } from '@pgsql/types';
import type { Catalog, Column, Index, Sequence, Table, View } from '../../../model/catalog.js';
import { tableKey } from '../../../model/catalog.js';
import type { Location } from '../../../model/location.js';
import { byteLength, MAX_IDENTIFIER_BYTES } from '../../../model/names.js';
import type { SourceFile } from '../../source-file.js';
import type { ParsedStatement } from '../parser.js';

export interface ReplayProblem {
  message: string;
  loc: Location;
}

/** Names PostgreSQL keeps unique per schema: relations (tables, indexes) and constraints. */
export class Namespaces {
  private readonly relations = new Map<string, Set<string>>();
  private readonly constraints = new Map<string, Set<string>>();

  private set(map: Map<string, Set<string>>, schema: string): Set<string> {
    let s = map.get(schema);
    if (!s) map.set(schema, (s = new Set()));
    return s;
  }
  hasRelation(schema: string, name: string): boolean {
    return this.relations.get(schema)?.has(name) ?? false;
  }
  addRelation(schema: string, name: string): void {
    this.set(this.relations, schema).add(name);
  }
  removeRelation(schema: string, name: string): void {
    this.relations.get(schema)?.delete(name);
  }
  hasConstraint(schema: string, name: string): boolean {
    return this.constraints.get(schema)?.has(name) ?? false;
  }
  addConstraint(schema: string, name: string): void {
    this.set(this.constraints, schema).add(name);
  }
  removeConstraint(schema: string, name: string): void {
    this.constraints.get(schema)?.delete(name);
  }
}

/**
 * The table of each index, by schema and index name, for DROP INDEX and ALTER INDEX, which name no table.
 * Two levels rather than `schema.index` keys: a key made for every CREATE INDEX cost a tenth of the replay.
 */
export class IndexOwners {
  private readonly bySchema = new Map<string, Map<string, Table>>();

  get(schema: string, index: string): Table | undefined {
    return this.bySchema.get(schema)?.get(index);
  }
  set(schema: string, index: string, table: Table): void {
    let owners = this.bySchema.get(schema);
    if (!owners) this.bySchema.set(schema, (owners = new Map()));
    owners.set(index, table);
  }
  delete(schema: string, index: string): void {
    this.bySchema.get(schema)?.delete(index);
  }
}

/** State shared by every statement of a replay: the catalog being built and its name indexes. */
export class ReplayState {
  readonly names = new Namespaces();
  readonly indexOwner = new IndexOwners();
  readonly problems: ReplayProblem[] = [];
  /** Indexes of partitions that belong to an index of their parent table. */
  readonly attachedIndexes = new WeakSet<Index>();
  /** Tables that INHERIT from a table (not partitions, which `partitionOf` records), by parent. */
  readonly inheritors = new Map<Table, Table[]>();
  /** Columns a table has only by inheritance (not also declared in it): they go when the parent's go. */
  readonly inheritedColumns = new WeakSet<Column>();
  /** The attributes of each composite type (`schema.name`), for typed tables (`CREATE TABLE … OF type`). */
  readonly compositeColumns = new Map<string, Column[]>();
  /** Tables made `OF type`, with their type's attributes (the array in compositeColumns). */
  readonly typedTables = new WeakMap<Table, Column[]>();
  /** Schemas known to exist: `public`, and those the migrations create (and have not dropped). */
  readonly schemas = new Set<string>(['public']);
  /** Schemas the migrations dropped: unlike a platform's schemas, known not to exist. */
  readonly droppedSchemas = new Set<string>();
  /** Relations that exist but are not modelled (foreign tables), by schema and name. */
  private readonly opaque = new Set<string>();
  addOpaqueRelation(schema: string, name: string): void {
    this.opaque.add(`${schema}.${name}`);
  }
  /** True for a relation known to exist but not modelled, in `schema` (or any schema of a search path). */
  isOpaqueRelation(schema: string | readonly string[], name: string): boolean {
    if (this.opaque.size === 0) return false;
    return (typeof schema === 'string' ? [schema] : schema).some((s) => this.opaque.has(`${s}.${name}`));
  }
  /** `schema.name(argument types)` of each function created, for CREATE FUNCTION's "already exists". */
  readonly functionSignatures = new Set<string>();
  /** Extensions whose types a column may use: configured ones, and those the migrations create. */
  readonly extensions: Set<string>;

  constructor(
    readonly catalog: Catalog,
    options: ReplayOptions = {},
  ) {
    this.extensions = new Set(options.extensions ?? []);
  }
}

export interface ReplayOptions {
  /** `extensions` of the configuration: installed on the target database, so their types are known. */
  extensions?: readonly string[];
}

/** A relation as a statement names it: a RangeVar, or the parts of a qualified name. */
export type RelationName = Pick<RangeVar, 'schemaname' | 'relname' | 'location'>;

/** Any relation a statement may name: a table, a view or materialized view, or a sequence. */
export type Relation = Table | View | Sequence;

export function isView(r: Relation): r is View {
  return 'relkind' in r;
}

export function isSequence(r: Relation): r is Sequence {
  return !('columns' in r);
}

/** How PostgreSQL names a relation's kind in its messages. */
export function relationKindName(r: Relation): string {
  return isView(r) ? r.relkind : isSequence(r) ? 'sequence' : 'table';
}

const QUALIFIED_NAME = /(?:"(?:[^"]|"")*"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*))*/y;

/** Per-statement view: where in which file, in which module, under which search_path. */
export class StatementContext {
  constructor(
    readonly state: ReplayState,
    readonly file: SourceFile,
    readonly module: string,
    readonly stmt: ParsedStatement,
    readonly searchPath: string[],
  ) {}

  get catalog(): Catalog {
    return this.state.catalog;
  }

  /** Span of the identifier (possibly qualified, possibly quoted) that starts at a parse-tree location. */
  nameAt(byteLocation: number | undefined): Location {
    const start = this.stmt.offset(byteLocation);
    QUALIFIED_NAME.lastIndex = start;
    const m = QUALIFIED_NAME.exec(this.file.text);
    return this.file.span(start, start + (m ? m[0].length : 1));
  }

  /** Span from a parse-tree location to the end of that line (or of the statement). */
  at(byteLocation: number | undefined): Location {
    const start = this.stmt.offset(byteLocation);
    return this.file.span(start, this.lineEnd(start));
  }

  /** The statement's first line. */
  statementLoc(): Location {
    return this.file.span(this.stmt.start, this.lineEnd(this.stmt.start));
  }

  private lineEnd(start: number): number {
    const nl = this.file.text.indexOf('\n', start);
    const lineEnd = nl === -1 ? this.file.text.length : nl;
    return Math.max(start, Math.min(lineEnd, this.stmt.end)) || start;
  }

  problem(message: string, loc: Location = this.statementLoc()): void {
    this.state.problems.push({ message, loc });
  }

  /** Schema a new unqualified object goes into. */
  creationSchema(schemaname: string | undefined): string {
    return schemaname || this.searchPath[0] || 'public';
  }

  /** Resolve a (maybe unqualified) table name through search_path, as PostgreSQL does. */
  resolveSchema(schemaname: string | undefined, name: string): string {
    if (schemaname) return schemaname;
    for (const s of this.searchPath) if (this.catalog.tables.has(tableKey(s, name))) return s;
    return this.searchPath[0] || 'public';
  }

  table(relation: RelationName, missingOk = false): Table | undefined {
    const tables = this.catalog.tables;
    const relname = relation.relname ?? '';
    if (relation.schemaname) return this.found(tables.get(tableKey(relation.schemaname, relname)), relation, relation.schemaname, missingOk);
    // resolveSchema's search, keeping the table it finds.
    for (const s of this.searchPath) {
      const t = tables.get(tableKey(s, relname));
      if (t) return t;
    }
    return this.found(undefined, relation, this.searchPath[0] || 'public', missingOk);
  }

  /** A table (not a view or sequence) by name through search_path, or undefined; reports nothing. */
  findTable(relation: RelationName): Table | undefined {
    const tables = this.catalog.tables;
    const relname = relation.relname ?? '';
    if (relation.schemaname) return tables.get(tableKey(relation.schemaname, relname));
    for (const s of this.searchPath) {
      const t = tables.get(tableKey(s, relname));
      if (t) return t;
    }
    return undefined;
  }

  /** Any relation by (maybe unqualified) name, through search_path; reports a missing one unless missingOk. */
  relation(relation: RelationName, missingOk = false): Relation | undefined {
    const schemas = relation.schemaname ? [relation.schemaname] : this.searchPath;
    const relname = relation.relname ?? '';
    const { tables, views, sequences } = this.catalog;
    for (const s of schemas) {
      const key = tableKey(s, relname);
      const r = tables.get(key) ?? views.get(key) ?? sequences.get(key);
      if (r) return r;
    }
    if (!missingOk && !this.state.isOpaqueRelation(relation.schemaname ?? this.searchPath, relname) && !this.platformRelation(relation.schemaname, relname)) {
      this.problem(`relation "${relation.schemaname ?? this.searchPath[0] ?? 'public'}.${relname}" does not exist at this point of the migrations`, this.nameAt(relation.location));
    }
    return undefined;
  }

  /** A table or a view (views have columns, comments and triggers too). */
  tableOrView(relation: RelationName, missingOk = false): Table | undefined {
    const r = this.relation(relation, missingOk);
    if (r && isSequence(r)) {
      this.problem(`"${r.name}" is a sequence, not a table or view`, this.nameAt(relation.location));
      return undefined;
    }
    return r;
  }

  /**
   * A schema named explicitly that the migrations never create: the platform's (Supabase's `auth` and
   * `storage`), an extension's or a system catalog. Its relations exist on the server, out of the replay's sight.
   */
  isPlatformSchema(schema: string | undefined): boolean {
    return schema !== undefined && !this.state.schemas.has(schema) && !this.state.droppedSchemas.has(schema);
  }

  /** Note a relation named in a platform schema (see isPlatformSchema); true when it is one. */
  platformRelation(schema: string | undefined, name: string): boolean {
    if (!this.isPlatformSchema(schema)) return false;
    (this.catalog.platformRelations ??= new Set()).add(`${schema}.${name}`);
    return true;
  }

  private found(t: Table | undefined, relation: RelationName, schema: string, missingOk: boolean): Table | undefined {
    if (!t && !missingOk && !this.platformRelation(relation.schemaname, relation.relname ?? ''))
      this.problem(`relation "${schema}.${relation.relname ?? ''}" does not exist at this point of the migrations`, this.nameAt(relation.location));
    return t;
  }

  /** Keep the name as written when PostgreSQL truncated it, for identifier-max-length. */
  noteDeclaredName(obj: { declaredName?: string }, storedName: string, byteLocation?: number): void {
    // Truncation never splits a character, so a cut name can be up to 3 bytes short of the limit.
    if (byteLength(storedName) <= MAX_IDENTIFIER_BYTES - 4) return;
    const text = byteLocation === undefined ? this.file.text.slice(this.stmt.start, this.stmt.end) : this.file.text.slice(this.stmt.offset(byteLocation), this.stmt.end);
    const re = /"((?:[^"]|"")*)"|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const word = m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.toLowerCase();
      if (byteLength(word) > MAX_IDENTIFIER_BYTES && word.startsWith(storedName)) {
        obj.declaredName = word;
        return;
      }
    }
  }
}

/** The text of a `String` node (an identifier in a name list), '' for any other node. */
export function str(node: Node | undefined): string {
  return (node && 'String' in node ? node.String.sval : undefined) ?? '';
}

const interned = new Map<string, string>();

/**
 * One string object per distinct column name: a schema repeats organisation_id, created_by … in
 * every table, and each parse tree brings its own copies.
 */
export function intern(name: string): string {
  let s = interned.get(name);
  if (s === undefined) interned.set(name, (s = name));
  return s;
}

export function strings(list: Node[] | undefined): string[] {
  return (list ?? []).map((n) => intern(str(n)));
}
