import type { Catalog, Table, TableKind } from '../model/catalog.js';
import type { Location } from '../model/location.js';
import type { JsonEdit, Severity, SqlPhase } from './finding.js';
import type { Standard } from './standard.js';

export type RuleCategory = 'naming' | 'audit' | 'tenancy' | 'integrity' | 'rls' | 'types' | 'meta';

export interface RuleMeta {
  /** Public, stable id: the folder name under rules/. */
  id: string;
  category: RuleCategory;
  /** One sentence: what the rule requires. */
  description: string;
  /** Severity in the `recommended` preset (`strict` raises every rule to error). */
  severity: Severity;
  /** ISO 27001 Annex A, GDPR/POPIA and NIST CSF controls the rule serves. */
  compliance: string[];
  /** JSON Schema of the options object. */
  schema: Record<string, unknown>;
  defaultOptions: Record<string, unknown>;
  /**
   * Message templates by id (ESLint's messageId): `{{name}}` is replaced by `data.name` of the report.
   * Meta rules, whose findings come from reading input, declare none.
   */
  messages: Record<string, string>;
  /** Meta rules report problems found while reading input; they have no check over the catalog. */
  source?: boolean;
  /** The rule also judges materialized views (e.g. their indexes); other rules see tables only. */
  materializedViews?: boolean;
}

/** What a rule may attach a finding to: a table, or something inside it with a name and a place. */
export interface ReportTarget {
  table: Table;
  /** Column, constraint, index, policy or trigger of the table. */
  node?: { name: string; loc: Location; jsonPath?: (string | number)[] };
  /** Override the place, e.g. the statement that disabled RLS. */
  loc?: Location;
  /** A key of the rule's `meta.messages`. */
  messageId: string;
  /** Values of the message's placeholders. */
  data?: MessageData;
  fix?: FixProposal;
}

export type MessageData = Record<string, string | number>;

/**
 * What a rule proposes. `sql`: one statement for a new migration, valid for the names as stored.
 * `json`: the same change as an edit of the table's schema.json entry, where the module is defined
 * there (path relative to the table's entry, or with `of: 'node'` to the reported column's). A fix without `json` is not offered for schema.json tables.
 */
export interface FixProposal {
  sql: string;
  phase?: SqlPhase;
  json?: { op: JsonEdit['op']; path: (string | number)[]; value: unknown; of?: 'node' };
}

export interface RuleContext<O = Record<string, unknown>> {
  /** Tables this run of the rule judges (those whose effective configuration enables it). */
  tables: Table[];
  /** The whole model, for lookups across tables and modules. */
  catalog: Catalog;
  options: O;
  standard: Standard;
  report(target: ReportTarget): void;
  kindOf(table: Table): TableKind | 'tenant-root';
  lookupTable(schema: string, name: string): Table | undefined;
  /**
   * `compute(table)`, worked out once per lint and shared by every rule that asks: the catalog does
   * not change while rules run. For derived views such as a table's index-like structures.
   */
  derived<T>(table: Table, compute: (table: Table) => T): T;
}

export interface Rule<O = Record<string, unknown>> {
  meta: RuleMeta;
  check(ctx: RuleContext<O>): void;
}

export function defineRule<O extends Record<string, unknown>>(rule: { meta: RuleMeta & { defaultOptions: O }; check(ctx: RuleContext<O>): void }): Rule<O> {
  return rule;
}

/** How the standard classifies a table: declared kind first, then the configured names. */
export function classifyTable(table: Table, standard: Standard): TableKind | 'tenant-root' {
  if (table.name === standard.tenantRoot) return 'tenant-root';
  if (table.kind) return table.kind;
  if (standard.logTables.includes(table.name)) return 'log';
  if (standard.globalTables.includes(table.name)) return 'global';
  return 'tenant';
}
