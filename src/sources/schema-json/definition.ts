/** The shape of a module's schema.json, as schemas/module-schema.json defines it. */

export type ReferentialActionText = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ColumnDefinition {
  name: string;
  type: string;
  nullable?: boolean;
  default?: string | null;
  primaryKey?: boolean;
  unique?: boolean;
  references?: { table: string; column: string; onDelete?: ReferentialActionText; onUpdate?: ReferentialActionText };
  /** A reference by value to another module's row, without a foreign key (integration tables). */
  crossModuleReference?: { module: string; table: string; column?: string };
  /** GENERATED ALWAYS / BY DEFAULT AS IDENTITY; implies NOT NULL. */
  identity?: 'always' | 'by default';
  description?: string;
}

/** The table-level primary key: its columns, or its columns and name. */
export type PrimaryKeyDefinition = string[] | { name?: string; columns: string[] };

export interface EnumDefinition {
  /** `name` (in public) or `schema.name`. */
  name: string;
  values: string[];
  description?: string;
}

export interface ForeignKeyDefinition {
  name?: string;
  columns: string[];
  references: { table: string; columns: string[] };
  onDelete?: ReferentialActionText;
  onUpdate?: ReferentialActionText;
  description?: string;
}

export interface UniqueDefinition {
  name?: string;
  columns: string[];
  description?: string;
}

export interface CheckDefinition {
  name?: string;
  expression: string;
  description?: string;
}

export interface IndexKeyDefinition {
  column?: string;
  expression?: string;
  opclass?: string;
  collation?: string;
  order?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

export interface IndexDefinition {
  name?: string;
  columns: (string | IndexKeyDefinition)[];
  unique?: boolean;
  where?: string | null;
  method?: string;
  include?: string[];
  description?: string;
}

export interface PolicyDefinition {
  name: string;
  command?: 'all' | 'select' | 'insert' | 'update' | 'delete';
  permissive?: boolean;
  roles?: string[];
  using?: string | null;
  withCheck?: string | null;
  description?: string;
}

export interface WaiverDefinition {
  rule: string;
  column?: string;
  reason: string;
  approvedBy: string;
  expires: string;
}

export interface TableDefinition {
  name: string;
  description?: string;
  kind?: 'tenant' | 'global' | 'integration' | 'log';
  columns: ColumnDefinition[];
  primaryKey?: PrimaryKeyDefinition;
  foreignKeys?: ForeignKeyDefinition[];
  unique?: UniqueDefinition[];
  checks?: CheckDefinition[];
  indexes?: IndexDefinition[];
  rls?: { enabled?: boolean; force?: boolean; policies?: PolicyDefinition[] };
  hypertable?: { timeColumn: string };
  waivers?: WaiverDefinition[];
}

export interface ModuleDefinition {
  $schema?: string;
  module: string;
  version?: string;
  description?: string;
  enums?: EnumDefinition[];
  tables: TableDefinition[];
}

/** A path into the JSON document: property names and array indexes. */
export type JsonPath = (string | number)[];
