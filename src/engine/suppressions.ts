import type { Location } from '../model/location.js';
import type { Finding } from './finding.js';
import { closestMatch } from './suggest.js';

/** A comment (`-- ismslint-disable-…`) or a schema.json waiver that silences findings. */
export interface SuppressionDirective {
  kind: 'inSource' | 'external';
  /** How it is written, for messages: `ismslint-disable-next-line`, `waiver`. */
  label: string;
  rules: string[];
  reason?: string;
  loc: Location;
  module?: string;
  appliesTo(finding: Finding): boolean;
}

/** Findings produced by the suppressions themselves, before severities are applied. */
export interface RawFinding {
  ruleId: string;
  message: string;
  loc: Location;
  module?: string;
  logical?: string;
}

const META_RULES = new Set(['unused-suppression', 'suppression-reason-required', 'parse-error']);

/**
 * Mark the findings each directive silences and report directives that silence nothing, name unknown
 * rules or give no reason. A directive without a reason still applies: the missing reason is its own finding.
 */
export function applySuppressions(findings: Finding[], directives: SuppressionDirective[], knownRules: Set<string>): RawFinding[] {
  const problems: RawFinding[] = [];
  const used = new Map<SuppressionDirective, Set<string>>();
  // Each finding is checked against the directives naming its rule only, in their order.
  const byRule = new Map<string, SuppressionDirective[]>();
  for (const d of directives) {
    for (const rule of new Set(d.rules)) {
      const list = byRule.get(rule);
      if (list) list.push(d);
      else byRule.set(rule, [d]);
    }
  }
  for (const f of findings) {
    if (META_RULES.has(f.ruleId)) continue;
    for (const d of byRule.get(f.ruleId) ?? []) {
      if (!d.appliesTo(f)) continue;
      f.suppression = { kind: d.kind, justification: d.reason ?? '' };
      let set = used.get(d);
      if (!set) used.set(d, (set = new Set()));
      set.add(f.ruleId);
      break;
    }
  }
  for (const d of directives) {
    if (!d.reason?.trim()) {
      problems.push({ ruleId: 'suppression-reason-required', message: `${d.label} needs a reason: add \`-- <why this is acceptable>\` after the rule ids`, loc: d.loc, module: d.module });
    }
    if (d.rules.length === 0) {
      problems.push({ ruleId: 'unused-suppression', message: `${d.label} names no rule: list the rule ids it disables, e.g. \`${d.label} rls-enabled -- <why>\``, loc: d.loc, module: d.module });
    }
    for (const rule of d.rules) {
      if (META_RULES.has(rule)) {
        problems.push({ ruleId: 'unused-suppression', message: `${d.label} cannot silence ${rule}: fix the problem it reports instead`, loc: d.loc, module: d.module });
      } else if (!knownRules.has(rule)) {
        const guess = closestMatch(rule, knownRules, 3);
        const hint = guess ? `did you mean "${guess}"?` : 'fix the rule id or remove it';
        problems.push({ ruleId: 'unused-suppression', message: `${d.label} names unknown rule "${rule}": ${hint}`, loc: d.loc, module: d.module });
      } else if (!used.get(d)?.has(rule)) {
        const scope = d.label.endsWith('next-line') ? ' on the next line' : d.label.endsWith('file') ? ' in this file' : '';
        problems.push({ ruleId: 'unused-suppression', message: `unused ${d.label} for ${rule}: no ${rule} finding${scope} to suppress; remove it`, loc: d.loc, module: d.module });
      }
    }
  }
  return problems;
}
