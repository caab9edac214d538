import type { Rule } from '../rule.js';
import type { RuleSetting } from './types.js';

export const PRESETS = ['ismslint:recommended', 'ismslint:strict'] as const;
export type PresetName = (typeof PRESETS)[number];

/** `recommended`: each rule at its documented severity. `strict`: every rule an error. */
export function presetRules(name: PresetName, rules: Rule[]): Map<string, RuleSetting> {
  const out = new Map<string, RuleSetting>();
  for (const r of rules) {
    out.set(r.meta.id, { severity: name === 'ismslint:strict' ? 'error' : r.meta.severity, options: { ...r.meta.defaultOptions } });
  }
  return out;
}
