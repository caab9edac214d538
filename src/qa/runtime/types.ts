/**
 * A QA suite as data: what the generated vitest file embeds, what `ismslint test` runs, and what the
 * pgTAP renderer writes out. Every SQL text here was built with quoted identifiers and literals.
 */

/** One assertion; `label` is the pgTAP description. */
export type Assertion =
  | { kind: 'has_table'; schema: string; table: string }
  | { kind: 'has_column'; schema: string; table: string; column: string }
  | { kind: 'col_type_is'; schema: string; table: string; column: string; type: string }
  | { kind: 'col_not_null' | 'col_is_null'; schema: string; table: string; column: string }
  | { kind: 'col_default_is'; schema: string; table: string; column: string; default: string }
  | { kind: 'col_has_default'; schema: string; table: string; column: string }
  | { kind: 'col_is_pk'; schema: string; table: string; columns: string[] }
  | { kind: 'fk_ok'; schema: string; table: string; columns: string[]; refSchema: string; refTable: string; refColumns: string[] }
  | { kind: 'policies_are'; schema: string; table: string; policies: string[] }
  | { kind: 'policy_cmd_is'; schema: string; table: string; policy: string; command: string }
  | { kind: 'policy_roles_are'; schema: string; table: string; policy: string; roles: string[] }
  /** A query that returns one boolean. */
  | { kind: 'ok'; sql: string }
  | { kind: 'is_empty'; sql: string }
  /**
   * `sqlstate` absent: any error. `olderServers`: what servers before a version (server_version_num)
   * report instead, where PostgreSQL changed the code (RESTRICT: 23503 before 18, then 23001).
   */
  | { kind: 'throws'; sql: string; sqlstate?: string; olderServers?: { before: number; sqlstate: string } }
  | { kind: 'lives'; sql: string }
  /** A DML statement and the number of rows it must affect. */
  | { kind: 'affects'; sql: string; rows: number }
  /** A query that must return no row, or be refused because the tenant setting is unset or empty. */
  | { kind: 'nothing_visible'; sql: string };

export type Step = { run: string } | ({ label: string } & Assertion);

export type RequirementGroup = 'schema' | 'relationships' | 'completeness' | 'required' | 'rls' | 'append-only' | 'naming';

export interface Requirement {
  /** Reads like a requirement: "vendor_contact.vendor_id is covered by an index". */
  title: string;
  group: RequirementGroup;
  table: string;
  steps: Step[];
}

/** A migration file (path relative to the suite's base) or SQL generated from schema.json. */
/** A migration file (relative to the suite), or SQL the generator wrote; `note` is said in the output when it is applied. */
export type BuildSource = { file: string } | { sql: string; name: string; note?: string };

export interface Suite {
  module: string;
  /** Applied in order on a fresh database. */
  build: BuildSource[];
  /** The role the RLS and append-only requirements run as; created NOLOGIN when absent. */
  appRole: string;
  /** The setting the tenant policies read. */
  tenantSetting: string;
  /** Statements run by the session user after the build: grants to the app role and the test rows. */
  setup: string[];
  requirements: Requirement[];
}
