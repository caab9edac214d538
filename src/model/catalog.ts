import type { Location } from './location.js';

/** An SQL expression kept both as source text (for people) and as a parse tree (for rules). */
export interface Expr {
  text: string;
  /** libpg-query node with `location` fields removed, so equal expressions compare equal. */
  ast: unknown;
  loc: Location;
}

export interface TypeRef {
  /** Normalised PostgreSQL type name, e.g. `integer`, `timestamp with time zone`, `public.risk_level`. */
  name: string;
  /** Type modifiers, e.g. [255] for varchar(255), [10, 2] for numeric(10,2). */
  mods: number[];
  arrayDims: number;
  /** Canonical text: name, modifiers and array brackets. */
  text: string;
}

export interface Column {
  /** The name as written, where PostgreSQL truncated it to 63 bytes. */
  declaredName?: string;
  name: string;
  type: TypeRef;
  notNull: boolean;
  default?: Expr;
  identity?: 'always' | 'by default';
  generated?: Expr;
  comment?: string;
  /** Defined in schema.json: the JSON path of its entry, e.g. ['tables', 2, 'columns', 4]. */
  jsonPath?: (string | number)[];
  /** Declared in schema.json: the column holds the key of a row of another module, by value (no foreign key). */
  crossModuleReference?: CrossModuleReference;
  loc: Location;
  /** The later statement that last changed the column's type, nullability or default (ALTER COLUMN …). */
  changedAt?: Location;
}

export interface CrossModuleReference {
  module: string;
  schema: string;
  table: string;
  column: string;
  /** Where schema.json declares it. */
  loc: Location;
}

export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ForeignKeyTarget {
  schema: string;
  table: string;
  columns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export type ConstraintKind = 'primary key' | 'unique' | 'foreign key' | 'check' | 'exclude';

export interface Constraint {
  /** The name as written, where PostgreSQL truncated it to 63 bytes. */
  declaredName?: string;
  name: string;
  kind: ConstraintKind;
  columns: string[];
  /** True when PostgreSQL chose the name. */
  implicitName: boolean;
  references?: ForeignKeyTarget;
  check?: Expr;
  notValid: boolean;
  loc: Location;
}

/** How an index key sorts and compares; an absent field is PostgreSQL's default. */
export interface IndexKeyOptions {
  /** Operator class as written, e.g. `text_pattern_ops`. */
  opclass?: string;
  collation?: string;
  descending?: boolean;
  /** Set only where it differs from the default for the direction (NULLS LAST ascending, NULLS FIRST descending). */
  nullsFirst?: boolean;
}

export type IndexKey = ({ column: string } | { expr: Expr }) & IndexKeyOptions;

export interface Index {
  /** The name as written, where PostgreSQL truncated it to 63 bytes. */
  declaredName?: string;
  name: string;
  unique: boolean;
  method: string;
  keys: IndexKey[];
  include: string[];
  predicate?: Expr;
  /** Defined in schema.json: the JSON path of its entry, e.g. ['tables', 2, 'indexes', 0]. */
  jsonPath?: (string | number)[];
  loc: Location;
}

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

export interface Policy {
  /** The name as written, where PostgreSQL truncated it to 63 bytes. */
  declaredName?: string;
  name: string;
  command: PolicyCommand;
  permissive: boolean;
  roles: string[];
  using?: Expr;
  withCheck?: Expr;
  loc: Location;
}

export type TriggerEvent = 'insert' | 'update' | 'delete' | 'truncate';

export interface Trigger {
  name: string;
  timing: 'before' | 'after' | 'instead of';
  events: TriggerEvent[];
  forEachRow: boolean;
  function: string;
  /** `UPDATE OF a, b`: the trigger fires only for updates that target these columns. */
  columns?: string[];
  /** `WHEN (…)`: the trigger fires only for rows that satisfy it. */
  when?: Expr;
  /**
   * ALTER TABLE … ENABLE/DISABLE TRIGGER: in ordinary sessions (session_replication_role = origin)
   * only `origin` (the default, when absent) and `always` triggers fire.
   */
  enabled?: 'origin' | 'always' | 'replica' | 'disabled';
  loc: Location;
}

export interface PrivilegeChange {
  action: 'grant' | 'revoke';
  /** Lower-case privilege names; `all` for ALL PRIVILEGES. */
  privileges: string[];
  /** Column-level privileges, e.g. `GRANT UPDATE (note)`; absent for table-level ones. */
  columns?: string[];
  /** GRANT … WITH GRANT OPTION; on a revoke, REVOKE GRANT OPTION FOR …, which leaves the privilege itself in place. */
  grantOption?: boolean;
  grantees: string[];
  loc: Location;
}

export type TableKind = 'tenant' | 'global' | 'integration' | 'log';

export interface Table {
  /** The name as written, where PostgreSQL truncated it to 63 bytes. */
  declaredName?: string;
  schema: string;
  name: string;
  module: string;
  /** Declared in schema.json; DDL tables leave it to the configuration. */
  kind?: TableKind;
  description?: string;
  columns: Column[];
  constraints: Constraint[];
  indexes: Index[];
  policies: Policy[];
  triggers: Trigger[];
  privileges: PrivilegeChange[];
  rls: { enabled: boolean; forced: boolean; loc?: Location };
  /** Indexes dropped by a later statement (`loc`), for findings that point at the drop. */
  droppedIndexes?: { name: string; columns: string[]; definedAt: Location; loc: Location }[];
  hypertable?: { timeColumn: string; loc: Location };
  partitioned: boolean;
  /** Set on a partition (CREATE TABLE … PARTITION OF): its keys, constraints and indexes come from the parent. */
  partitionOf?: { schema: string; table: string };
  /** Defined in schema.json: the JSON path of its entry, e.g. ['tables', 2], where fixes edit it. */
  jsonPath?: (string | number)[];
  /**
   * Set on a table or view made from a query (CREATE TABLE … AS, SELECT … INTO, a view) whose result
   * columns could not all be known statically (a `*` over a function or an unmodelled relation): its
   * column list is a lower bound. Separately, a column of type `unknown` is one whose type could not be
   * worked out.
   */
  columnsIncomplete?: boolean;
  loc: Location;
}

export type ViewKind = 'view' | 'materialized view';

/** A relation a view's query reads, and the columns of it the query uses (PostgreSQL's pg_depend on them). */
export interface ViewDependency {
  schema: string;
  table: string;
  columns: string[];
  /** True when the query reads the whole row (`t.*`, or the relation as a row value): every column then counts. */
  wholeRow: boolean;
}

/**
 * A view or materialized view. It has a table's shape so that columns, comments, triggers (INSTEAD OF on
 * a view) and indexes (on a materialized view) replay alike, but it lives in `Catalog.views`: rules about
 * tables never see it.
 */
export interface View extends Table {
  relkind: ViewKind;
  dependsOn: ViewDependency[];
}

export interface Sequence {
  schema: string;
  name: string;
  module: string;
  /** OWNED BY table.column (also the implicit sequence of a serial or identity column). */
  ownedBy?: { schema: string; table: string; column: string };
  loc: Location;
}

export type UserTypeKind = 'enum' | 'domain' | 'composite' | 'range' | 'multirange' | 'base';

/** A type made by the migrations: CREATE TYPE / CREATE DOMAIN. */
export interface UserType {
  schema: string;
  name: string;
  kind: UserTypeKind;
  module: string;
  loc: Location;
}

export interface EnumType {
  schema: string;
  name: string;
  values: string[];
  module: string;
  loc: Location;
}

export interface ModuleInfo {
  name: string;
  dir: string;
  files: string[];
  /** `version` and `description` of the module's schema.json, when it has one. */
  version?: string;
  description?: string;
}

export interface Catalog {
  modules: ModuleInfo[];
  /** Keyed by `schema.table`. Insertion order is replay order. */
  tables: Map<string, Table>;
  enums: Map<string, EnumType>;
  functions: Set<string>;
  /** Where each CREATE FUNCTION / PROCEDURE was replayed, in replay order (a later replacement adds another). */
  functionDefinitions: { name: string; loc: Location }[];
  /** Views and materialized views, keyed by `schema.name`; never in `tables`. */
  views: Map<string, View>;
  /** Sequences, keyed by `schema.name`, including the implicit ones of serial and identity columns. */
  sequences: Map<string, Sequence>;
  /** Types made by the migrations (enums too), keyed by `schema.name`. */
  types: Map<string, UserType>;
  /**
   * `schema.name` of relations the migrations use in a schema they never create (a platform's, such as
   * Supabase's `auth.users`): taken to exist on the server, though not modelled.
   */
  platformRelations?: Set<string>;
}

export function emptyCatalog(): Catalog {
  return { modules: [], tables: new Map(), enums: new Map(), functions: new Set(), functionDefinitions: [], views: new Map(), sequences: new Map(), types: new Map() };
}

export function tableKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}

// These three run for every table in most rules: plain loops, no callback per call.
export function findColumn(table: Table, name: string): Column | undefined {
  const columns = table.columns;
  for (let i = 0; i < columns.length; i++) if (columns[i]!.name === name) return columns[i];
  return undefined;
}

export function primaryKey(table: Table): Constraint | undefined {
  const constraints = table.constraints;
  for (let i = 0; i < constraints.length; i++) if (constraints[i]!.kind === 'primary key') return constraints[i];
  return undefined;
}

export function foreignKeys(table: Table): Constraint[] {
  const out: Constraint[] = [];
  for (const c of table.constraints) if (c.kind === 'foreign key') out.push(c);
  return out;
}

/** Fully qualified name of a table or of an object inside it, as SARIF logical locations want it. */
export function qualifiedName(table: Pick<Table, 'schema' | 'name'>, child?: { name: string }): string {
  return child ? `${table.schema}.${table.name}.${child.name}` : `${table.schema}.${table.name}`;
}
