/**
 * The compliance frameworks a report shows, and how references written in rule metadata
 * (`ISO 27001 A.8.15`, `NIST CSF PR.PT-1`, `GDPR Art. 30`, `POPIA s17`) resolve to them.
 * The data lives in rules/controls.ts; this is its shape and the resolution logic.
 */
export type Framework = 'ISO/IEC 27001:2022' | 'GDPR' | 'POPIA' | 'NIST CSF 2.0';

export interface ControlDefinition {
  framework: Framework;
  /** The current id: `A.8.15`, `Art. 32`, `s19`, `PR.PS-04`. */
  id: string;
  title: string;
  /**
   * The same control in the superseded edition, side by side: ISO/IEC 27001:2013 Annex A ids for
   * ISO controls, NIST CSF 1.1 subcategories for CSF 2.0 ones. Empty for a control new in the edition.
   */
  previous: string[];
}

export interface ControlCatalog {
  controls: ControlDefinition[];
  /** Links the mapping file adds to those in rule metadata: rule id → control keys (`framework id`). */
  ruleControls: Record<string, string[]>;
  /** QA requirement groups (as `ismslint test` reports them: schema, relationships, rls, …) → control keys. */
  qaControls: Record<string, string[]>;
}

export function controlKey(c: Pick<ControlDefinition, 'framework' | 'id'>): string {
  return `${c.framework} ${c.id}`;
}

/**
 * The controls a rule-metadata reference names. A CSF 1.1 subcategory resolves to its CSF 2.0
 * successors, a GDPR paragraph to its article; an unknown reference resolves to nothing.
 */
export function resolveReference(catalog: ControlCatalog, ref: string): ControlDefinition[] {
  const m = /^(ISO(?:\/IEC)? 27001(?::(?:2013|2022))?|NIST CSF(?: (?:1\.1|2\.0))?|GDPR|POPIA)\s+(.+)$/.exec(ref.trim());
  if (!m) return [];
  const family = m[1]!;
  const id = m[2]!;
  const of = (framework: Framework) => catalog.controls.filter((c) => c.framework === framework);
  if (family.startsWith('ISO')) {
    // A 2013 id resolves to its 2022 successor; an id without an edition is read as 2022 first.
    if (family.endsWith(':2013')) return of('ISO/IEC 27001:2022').filter((c) => c.previous.includes(id));
    const current = of('ISO/IEC 27001:2022').filter((c) => c.id === id);
    return current.length > 0 || family.endsWith(':2022') ? current : of('ISO/IEC 27001:2022').filter((c) => c.previous.includes(id));
  }
  if (family === 'GDPR') {
    const article = /^Art\.\s*(\d+)/.exec(id)?.[1];
    return of('GDPR').filter((c) => c.id === `Art. ${article}`);
  }
  if (family === 'POPIA') {
    const section = /^s(\d+)/.exec(id)?.[1];
    return of('POPIA').filter((c) => c.id === `s${section}`);
  }
  if (family.endsWith('1.1')) return of('NIST CSF 2.0').filter((c) => c.previous.includes(id));
  const current = of('NIST CSF 2.0').filter((c) => c.id === id);
  return current.length > 0 || family.endsWith('2.0') ? current : of('NIST CSF 2.0').filter((c) => c.previous.includes(id));
}

/** Every control a rule serves: its metadata's references and the mapping file's additions, in catalog order. */
export function controlsOfRule(catalog: ControlCatalog, ruleId: string, compliance: readonly string[]): ControlDefinition[] {
  const keys = new Set<string>();
  for (const ref of compliance) for (const c of resolveReference(catalog, ref)) keys.add(controlKey(c));
  for (const key of catalog.ruleControls[ruleId] ?? []) keys.add(key);
  return catalog.controls.filter((c) => keys.has(controlKey(c)));
}
