import type { ComplianceReport, Criterion } from '../types.js';

export function formatPercent(value: number | null): string {
  return value === null ? 'not evaluated' : `${value.toFixed(1)}%`;
}

export function criterionValue(c: Criterion): string {
  if (c.value === null) return 'not evaluated';
  return c.total > 0 ? `${formatPercent(c.value)} (${c.passed}/${c.total})` : formatPercent(c.value);
}

export function controlLabel(c: { framework: string; id: string }): string {
  return `${c.framework} ${c.id}`;
}

/** The superseded edition's ids, labelled: `2013: A.12.4.1, A.12.4.2` or `CSF 1.1: PR.PT-1`. */
export function previousLabel(c: { framework: string; previous: string[] }): string {
  if (c.previous.length === 0) return c.framework.startsWith('ISO') ? 'new in 2022' : c.framework.startsWith('NIST') ? 'new in 2.0' : '';
  const edition = c.framework.startsWith('ISO') ? '2013' : 'CSF 1.1';
  return `${edition}: ${c.previous.join(', ')}`;
}

export const FAMILY_TITLES: Record<string, string> = {
  naming: 'naming',
  'audit-fields': 'audit',
  'tenant-key': 'tenant key',
  rls: 'RLS',
  integrity: 'integrity',
};

export function findingCounts(r: ComplianceReport): string {
  const f = r.summary.findings;
  return `${f.error} errors, ${f.warn} warnings, ${f.waived} waived`;
}
