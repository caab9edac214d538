import type { Finding } from '../engine/finding.js';
import type { SuppressionDirective } from '../engine/suppressions.js';
import type { Waiver, WaiverStatus } from './types.js';

/** A waiver as a module's schema.json declares it. */
export interface DeclaredWaiver {
  module: string;
  schema: string;
  table: string;
  column?: string;
  rule: string;
  reason: string;
  approvedBy: string;
  expires: string;
  file: string;
  line: number;
}

const DAY = 86_400_000;
export const EXPIRING_WITHIN_DAYS = 30;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export function waiverStatus(expires: string, today: string): { status: WaiverStatus; daysLeft: number } {
  const daysLeft = daysBetween(today, expires);
  return { status: daysLeft < 0 ? 'expired' : daysLeft <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'active', daysLeft };
}

/**
 * Every waiver and suppression comment, with what it silenced. Expired waivers stay listed: they fail
 * closed (waiver-expired) and the report shows them, as it shows every finding they no longer silence.
 */
export function collectWaivers(declared: DeclaredWaiver[], directives: SuppressionDirective[], findings: Finding[], today: string, displayPath: (file: string) => string): Waiver[] {
  const out: Waiver[] = [];
  for (const w of declared) {
    const object = w.column ? `${w.schema}.${w.table}.${w.column}` : `${w.schema}.${w.table}`;
    const silenced = findings.filter(
      (f) => f.suppression?.kind === 'external' && f.ruleId === w.rule && f.logical !== undefined && (f.logical === object || (!w.column && f.logical.startsWith(object + '.'))),
    ).length;
    const { status, daysLeft } = waiverStatus(w.expires, today);
    out.push({
      kind: 'waiver',
      module: w.module,
      rule: w.rule,
      object,
      file: displayPath(w.file),
      line: w.line,
      reason: w.reason,
      approvedBy: w.approvedBy,
      expires: w.expires,
      status,
      daysLeft,
      silenced: status === 'expired' ? 0 : silenced,
    });
  }
  for (const d of directives) {
    if (d.kind !== 'inSource') continue;
    for (const rule of d.rules) {
      const silenced = findings.filter((f) => f.suppression?.kind === 'inSource' && f.ruleId === rule && d.appliesTo(f)).length;
      out.push({
        kind: 'comment',
        module: d.module ?? null,
        rule,
        object: null,
        file: displayPath(d.loc.file),
        line: d.loc.line,
        reason: d.reason ?? '',
        approvedBy: null,
        expires: null,
        status: 'active',
        daysLeft: null,
        silenced,
      });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
}
