import type { Location } from '../model/location.js';
import { compareLocations } from '../model/location.js';

export type Severity = 'error' | 'warn';
export type SeveritySetting = Severity | 'off';

export interface Suppression {
  kind: 'inSource' | 'external';
  justification: string;
}

/** A statement to add in a new migration (never an edit of an existing one). */
export interface SqlFix {
  kind: 'sql';
  /** One statement, without the closing semicolon. */
  sql: string;
  /** The new migration file it belongs in (set by the lint command: --fix-migration, or the module's next one). */
  file?: string;
  /** Where it goes among the fixes of one migration; see FixProposal. */
  phase?: SqlPhase;
}

/** `column`: adds or retypes a column, before what uses it; `rename`/`rename-table`: after what uses the old name. */
export type SqlPhase = 'column' | 'rename' | 'rename-table';

/** `set`: put `value` at `path`; `append`: add `value` to the array at `path`. */
export interface JsonEdit {
  op: 'set' | 'append';
  path: (string | number)[];
  value: unknown;
}

/** An edit of a module's schema.json, e.g. set tables[2].rls.enabled to true. */
export interface JsonFix extends JsonEdit {
  kind: 'json';
  file: string;
}

export type Fix = SqlFix | JsonFix;

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The key of the rule's `meta.messages` the message was rendered from, with its placeholder values. */
  messageId: string;
  data?: Record<string, string | number>;
  fix?: Fix;
  loc: Location;
  /** Fully qualified object name, e.g. `public.vendor_contact.vendor_id`. */
  logical?: string;
  /** Module the finding belongs to, for overrides and reports. */
  module?: string;
  /** Set when a comment or waiver silenced the finding; formatters other than SARIF drop these. */
  suppression?: Suppression;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareLocations(a.loc, b.loc) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0) ||
    ((a.logical ?? '') < (b.logical ?? '') ? -1 : (a.logical ?? '') > (b.logical ?? '') ? 1 : 0)
  );
}

/** Sorted and de-duplicated: the same input always gives the same list. */
export function sortFindings(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort(compareFindings);
  return sorted.filter((f, i) => i === 0 || compareFindings(f, sorted[i - 1]!) !== 0 || f.severity !== sorted[i - 1]!.severity);
}
