import type { Location } from '../model/location.js';
import type { Finding } from './finding.js';
import type { MessageData } from './rule.js';
import { sourceFinding } from './source-messages.js';
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
  /** The key of the source rule's `meta.messages` (src/engine/source-messages.ts) and its placeholder values. */
  messageId: string;
  data?: MessageData;
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
    const at = { loc: d.loc, module: d.module };
    const { label } = d;
    if (!d.reason?.trim()) problems.push(sourceFinding('suppression-reason-required', 'reasonRequired', { label }, at));
    if (d.rules.length === 0) problems.push(sourceFinding('unused-suppression', 'noRule', { label }, at));
    for (const rule of d.rules) {
      if (META_RULES.has(rule)) {
        problems.push(sourceFinding('unused-suppression', 'cannotSilence', { label, rule }, at));
      } else if (!knownRules.has(rule)) {
        const suggestion = closestMatch(rule, knownRules, 3);
        problems.push(
          suggestion ? sourceFinding('unused-suppression', 'unknownRuleDidYouMean', { label, rule, suggestion }, at) : sourceFinding('unused-suppression', 'unknownRule', { label, rule }, at),
        );
      } else if (!used.get(d)?.has(rule)) {
        const scope = label.endsWith('next-line') ? ' on the next line' : label.endsWith('file') ? ' in this file' : '';
        problems.push(sourceFinding('unused-suppression', 'unused', { label, rule, scope }, at));
      }
    }
  }
  return problems;
}
