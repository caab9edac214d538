import type { Catalog, Table } from '../model/catalog.js';
import { foreignKeys, qualifiedName } from '../model/catalog.js';
import type { Finding } from '../engine/finding.js';
import type { RuleCategory, RuleMeta } from '../engine/rule.js';
import type { Criterion, QaSummary } from './types.js';

/** How the report sees one table: its key, module and what the standard makes of it. */
export interface JudgedTable {
  table: Table;
  key: string;
  kind: 'tenant' | 'global' | 'integration' | 'log' | 'tenant-root';
}

/** A rule family the seed's success criteria measure, and the tables it is measured over. */
export interface Family {
  id: string;
  title: string;
  appliesTo: string;
  categories: RuleCategory[];
  ruleIds?: string[];
  applies(t: JudgedTable): boolean;
}

const tenantScoped = (t: JudgedTable) => t.kind === 'tenant' || t.kind === 'integration' || t.kind === 'log';

export const FAMILIES: Family[] = [
  { id: 'naming', title: 'Naming conventions', appliesTo: 'tables', categories: ['naming'], applies: () => true },
  { id: 'audit-fields', title: 'Mandatory audit fields', appliesTo: 'tables', categories: ['audit'], applies: () => true },
  { id: 'tenant-key', title: 'Tenant key', appliesTo: 'tenant, integration and log tables', categories: ['tenancy'], applies: tenantScoped },
  { id: 'rls', title: 'Row-level security', appliesTo: 'tenant and integration tables', categories: ['rls'], applies: (t) => t.kind === 'tenant' || t.kind === 'integration' },
  { id: 'integrity', title: 'Keys and relationships', appliesTo: 'tables', categories: ['integrity'], applies: () => true },
];

/** The open (not suppressed) findings per table key, for the rules of one family. */
export function openFindingsByTable(findings: Finding[], ruleIds: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) {
    if (f.suppression || !ruleIds.has(f.ruleId) || !f.logical) continue;
    const key = tableKeyOf(f.logical);
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** `public.vendor.vendor_id` → `public.vendor`. */
export function tableKeyOf(logical: string): string {
  const parts = logical.split('.');
  return parts.length >= 2 ? `${parts[0]}.${parts[1]}` : logical;
}

export function familyRules(family: Family, rules: RuleMeta[], enabled: (id: string) => boolean): Set<string> {
  return new Set(rules.filter((r) => (family.categories.includes(r.category) || family.ruleIds?.includes(r.id)) && enabled(r.id)).map((r) => r.id));
}

export function percent(passed: number, total: number): number | null {
  return total === 0 ? null : Math.round((passed / total) * 1000) / 10;
}

/** % of the family's tables (among `tables`) without an open finding of its rules; null when none is judged. */
export function familyScore(family: Family, tables: JudgedTable[], findings: Finding[], ruleIds: Set<string>): { passed: number; total: number } {
  if (ruleIds.size === 0) return { passed: 0, total: 0 };
  const open = openFindingsByTable(findings, ruleIds);
  const judged = tables.filter(family.applies);
  return { passed: judged.filter((t) => !open.has(t.key)).length, total: judged.length };
}

function criterion(id: string, title: string, appliesTo: string, passed: number, total: number, target = 100): Criterion {
  const value = percent(passed, total);
  return { id, title, appliesTo, target, value, passed, total, status: value === null ? 'not evaluated' : value >= target ? 'met' : 'not met' };
}

export interface CriteriaInput {
  tables: JudgedTable[];
  catalog: Catalog;
  findings: Finding[];
  rules: RuleMeta[];
  enabled(id: string): boolean;
  documents: { present: number; expected: number };
  qa: QaSummary | null;
  mutationThreshold: number;
}

/** The seed's success criteria, each with the value measured now. */
export function successCriteria(input: CriteriaInput): Criterion[] {
  const { tables, findings, rules, enabled } = input;
  const out: Criterion[] = [];
  for (const family of FAMILIES.filter((f) => f.id !== 'integrity')) {
    const score = familyScore(family, tables, findings, familyRules(family, rules, enabled));
    out.push(criterion(family.id, `${family.title} compliance`, family.appliesTo, score.passed, score.total));
  }
  const fkIndex = enabled('foreign-key-index');
  const flagged = new Set(findings.filter((f) => f.ruleId === 'foreign-key-index' && !f.suppression && f.logical).map((f) => f.logical!));
  let keys = 0;
  let covered = 0;
  for (const t of tables) {
    for (const fk of foreignKeys(t.table)) {
      keys++;
      if (!flagged.has(qualifiedName(t.table, fk))) covered++;
    }
  }
  out.splice(3, 0, criterion('fk-index', 'Foreign keys covered by an index', 'foreign keys', fkIndex ? covered : 0, fkIndex ? keys : 0));
  out.push(criterion('documentation', 'Module documents complete', 'six documents per module', input.documents.present, input.documents.expected));
  const qa = input.qa;
  out.push(criterion('qa-pass-rate', 'QA tests pass', 'QA requirements', qa?.passed ?? 0, qa ? qa.passed + qa.failed : 0));
  const mutation = qa?.mutationScore ?? null;
  out.push({
    id: 'mutation-score',
    title: 'Mutation score of the QA suites',
    appliesTo: 'mutants',
    target: input.mutationThreshold,
    value: mutation,
    passed: 0,
    total: 0,
    status: mutation === null ? 'not evaluated' : mutation >= input.mutationThreshold ? 'met' : 'not met',
  });
  return out;
}
