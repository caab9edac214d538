import { describe, expect, it } from 'vitest';
import { controlCatalog } from '../../rules/controls.js';
import { allRules } from '../../rules/index.js';
import { controlKey, controlsOfRule, resolveReference } from '../engine/controls.js';

// Transcribed from the official correspondence tables, for the controls the mapping file defines:
// ISO/IEC 27002:2022 Annex B (Table B.2, 2013 → 2022) and NIST's CSF 1.1 → 2.0 mapping.
const ISO_2013_TO_2022: Record<string, string> = {
  'A.9.1.1': 'A.5.15',
  'A.9.1.2': 'A.5.15',
  'A.18.1.3': 'A.5.33',
  'A.18.1.4': 'A.5.34',
  'A.18.2.2': 'A.5.36',
  'A.18.2.3': 'A.5.36',
  'A.12.1.1': 'A.5.37',
  'A.9.2.3': 'A.8.2',
  'A.9.4.1': 'A.8.3',
  'A.12.1.3': 'A.8.6',
  'A.12.4.1': 'A.8.15',
  'A.12.4.2': 'A.8.15',
  'A.12.4.3': 'A.8.15',
  'A.12.4.4': 'A.8.17',
  'A.14.2.1': 'A.8.25',
  'A.14.2.5': 'A.8.27',
  'A.14.2.8': 'A.8.29',
  'A.14.2.9': 'A.8.29',
  'A.12.1.2': 'A.8.32',
  'A.14.2.2': 'A.8.32',
  'A.14.2.3': 'A.8.32',
  'A.14.2.4': 'A.8.32',
};
/** New in ISO/IEC 27001:2022: no 2013 predecessor. */
const ISO_NEW_IN_2022 = ['A.8.9', 'A.8.10', 'A.8.11', 'A.8.28'];
const CSF_11_TO_20: Record<string, string[]> = {
  'PR.PT-1': ['PR.PS-04'],
  'PR.AC-4': ['PR.AA-05'],
  'PR.DS-4': ['PR.IR-04'],
  'PR.IP-1': ['PR.PS-01'],
  'PR.IP-2': ['PR.PS-06'],
  'PR.IP-3': ['PR.PS-01'],
  'ID.AM-3': ['ID.AM-03'],
  'ID.RA-6': ['ID.RA-06'],
  'DE.AE-3': ['DE.AE-03'],
};

describe('the control mapping file', () => {
  it('gives each ISO/IEC 27001:2022 control exactly its 2013 predecessors', () => {
    for (const c of controlCatalog.controls.filter((x) => x.framework === 'ISO/IEC 27001:2022')) {
      const official = Object.entries(ISO_2013_TO_2022)
        .filter(([, now]) => now === c.id)
        .map(([old]) => old);
      expect(c.previous.slice().sort(), c.id).toEqual(official.sort());
      if (ISO_NEW_IN_2022.includes(c.id)) expect(c.previous, c.id).toEqual([]);
    }
  });

  it('maps a rule reference to a 2013 control to that control’s 2022 successor', () => {
    for (const [old, now] of Object.entries(ISO_2013_TO_2022)) {
      expect(
        resolveReference(controlCatalog, `ISO 27001:2013 ${old}`).map((c) => c.id),
        old,
      ).toEqual([now]);
    }
  });

  it('maps NIST CSF 1.1 subcategories to their CSF 2.0 successors', () => {
    for (const [old, now] of Object.entries(CSF_11_TO_20)) {
      expect(
        resolveReference(controlCatalog, `NIST CSF ${old}`).map((c) => c.id),
        old,
      ).toEqual(now);
      expect(
        resolveReference(controlCatalog, `NIST CSF 1.1 ${old}`).map((c) => c.id),
        old,
      ).toEqual(now);
    }
  });

  it('resolves every reference in every rule’s metadata: no rule serves a control the report cannot show', () => {
    for (const rule of allRules) {
      for (const ref of rule.meta.compliance) expect(resolveReference(controlCatalog, ref).length, `${rule.meta.id}: ${ref}`).toBeGreaterThan(0);
      expect(controlsOfRule(controlCatalog, rule.meta.id, rule.meta.compliance).length, rule.meta.id).toBeGreaterThan(0);
    }
  });

  it('links only existing rules, QA categories and controls', () => {
    const keys = new Set(controlCatalog.controls.map(controlKey));
    const ids = new Set(allRules.map((r) => r.meta.id));
    for (const [rule, list] of Object.entries(controlCatalog.ruleControls)) {
      expect(ids.has(rule), rule).toBe(true);
      for (const k of list) expect(keys.has(k), `${rule}: ${k}`).toBe(true);
    }
    for (const [category, list] of Object.entries(controlCatalog.qaControls)) for (const k of list) expect(keys.has(k), `${category}: ${k}`).toBe(true);
    expect(new Set(controlCatalog.controls.map(controlKey)).size).toBe(controlCatalog.controls.length);
  });

  it('resolves GDPR paragraphs to their article and POPIA sections to themselves', () => {
    expect(resolveReference(controlCatalog, 'GDPR Art. 5(1)(d)').map(controlKey)).toEqual(['GDPR Art. 5']);
    expect(resolveReference(controlCatalog, 'POPIA s19').map(controlKey)).toEqual(['POPIA s19']);
    expect(resolveReference(controlCatalog, 'SOC 2 CC6.1')).toEqual([]);
  });
});
