import { createHash } from 'node:crypto';
import type { ControlCatalog } from '../engine/controls.js';
import { controlKey, controlsOfRule } from '../engine/controls.js';
import type { Finding } from '../engine/finding.js';
import type { RuleMeta } from '../engine/rule.js';
import type { Catalog } from '../model/catalog.js';
import type { Family, JudgedTable } from './criteria.js';
import { FAMILIES, familyRules, familyScore, percent, successCriteria } from './criteria.js';
import type { ChangeType, ComplianceReport, ControlResult, ControlStatus, Criterion, Decision, Evidence, ModuleScore, QaSummary, ReportFinding, SeverityCounts, Trend, Waiver } from './types.js';
import { REPORT_FORMAT_VERSION } from './types.js';

export interface ReportInput {
  catalog: Catalog;
  /** Every finding of the lint, suppressed ones included. */
  findings: Finding[];
  rules: RuleMeta[];
  /** Whether the configuration enables a rule at all. */
  enabled(ruleId: string): boolean;
  tables: JudgedTable[];
  controls: ControlCatalog;
  waivers: Waiver[];
  modules: Array<{ name: string; version: string | null; documents: { present: number; expected: number } }>;
  /** Path of a finding's file as the report shows it (relative to the base directory). */
  displayPath(file: string): string;
  docsUrl(ruleId: string): string;
  fixOf(finding: Finding): string | null;
  previous: ComplianceReport | null;
  qa: QaSummary | null;
  evidence: Evidence;
  generatedAt: string | null;
  mutationThreshold: number;
}

const count = (items: Array<{ severity: string; status: string }>): SeverityCounts => ({
  error: items.filter((f) => f.status === 'open' && f.severity === 'error').length,
  warn: items.filter((f) => f.status === 'open' && f.severity === 'warn').length,
  waived: items.filter((f) => f.status === 'waived').length,
});

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Findings with their stable keys: rule, object and file, numbered where those repeat. */
function reportFindings(input: ReportInput, controlsOf: Map<string, string[]>): ReportFinding[] {
  const seen = new Map<string, number>();
  return input.findings.map((f) => {
    const file = input.displayPath(f.loc.file);
    const base = sha(`${f.ruleId}\u0000${f.logical ?? ''}\u0000${file}`).slice(0, 16);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return {
      key: n === 1 ? base : `${base}-${n}`,
      ruleId: f.ruleId,
      severity: f.severity,
      status: f.suppression ? 'waived' : 'open',
      module: f.module ?? null,
      object: f.logical ?? null,
      file,
      line: f.loc.line,
      column: f.loc.column,
      message: f.message,
      fix: input.fixOf(f),
      justification: f.suppression?.justification ?? null,
      controls: controlsOf.get(f.ruleId) ?? [],
      change: input.previous ? 'unchanged' : null,
      docs: input.docsUrl(f.ruleId),
    };
  });
}

function controlResults(input: ReportInput, findings: ReportFinding[]): ControlResult[] {
  const byRule = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  return input.controls.controls.map((control) => {
    const key = controlKey(control);
    const rules = input.rules
      .filter((r) => controlsOfRule(input.controls, r.id, r.compliance).some((c) => controlKey(c) === key))
      .map((r) => {
        const own = byRule.get(r.id) ?? [];
        const open = own.filter((f) => f.status === 'open');
        const state = !input.enabled(r.id) ? 'off' : open.some((f) => f.severity === 'error') ? 'fail' : own.some((f) => f.status === 'waived') ? 'waived' : 'pass';
        return { id: r.id, state, findings: open.length } as const;
      });
    const categories = Object.entries(input.controls.qaControls)
      .filter(([, keys]) => keys.includes(key))
      .map(([c]) => c);
    const qa = (input.qa?.results ?? []).filter((r) => r.category !== null && categories.includes(r.category)).map((r) => ({ name: r.name, state: r.state }));
    const live = rules.filter((r) => r.state !== 'off');
    let status: ControlStatus = 'PASS';
    if (live.length === 0 && qa.length === 0) status = 'NOT EVALUATED';
    else if (live.some((r) => r.state === 'fail') || qa.some((q) => q.state === 'fail')) status = 'FAIL';
    else if (live.some((r) => r.state === 'waived')) status = 'WAIVED';
    return { framework: control.framework, id: control.id, title: control.title, previous: control.previous, status, rules, qa };
  });
}

function changeType(current: string | null, previous: string | null | undefined): ChangeType {
  if (previous === undefined) return 'new';
  if (current === null || previous === null) return current === previous ? 'none' : 'unknown';
  const a = /^(\d+)\.(\d+)\.(\d+)/.exec(current);
  const b = /^(\d+)\.(\d+)\.(\d+)/.exec(previous);
  if (!a || !b) return current === previous ? 'none' : 'unknown';
  if (a[1] !== b[1]) return 'major';
  if (a[2] !== b[2]) return 'minor';
  if (a[3] !== b[3]) return 'patch';
  return 'none';
}

function moduleScores(input: ReportInput, findings: ReportFinding[]): ModuleScore[] {
  return input.modules.map((m) => {
    const tables = input.tables.filter((t) => t.table.module === m.name);
    const own = input.findings.filter((f) => f.module === m.name);
    const families: Record<string, number | null> = {};
    for (const family of FAMILIES) {
      const s = familyScore(family as Family, tables, own, familyRules(family, input.rules, input.enabled));
      families[family.id] = percent(s.passed, s.total);
    }
    const previous = input.previous?.modules.find((p) => p.name === m.name);
    return {
      name: m.name,
      version: m.version,
      changeType: input.previous ? changeType(m.version, previous ? previous.version : undefined) : 'unknown',
      previousVersion: previous?.version ?? null,
      tables: tables.length,
      findings: count(findings.filter((f) => f.module === m.name)),
      families,
      waivers: input.waivers.filter((w) => w.module === m.name).length,
    };
  });
}

function trendOf(previous: ComplianceReport, report: Omit<ComplianceReport, 'trend'>): Trend {
  const before = new Map(previous.findings.map((f) => [f.key, f]));
  const now = new Set(report.findings.map((f) => f.key));
  for (const f of report.findings) f.change = before.has(f.key) ? 'unchanged' : 'new';
  const fixed = previous.findings.filter((f) => !now.has(f.key)).map(({ key, ruleId, object, file, message }) => ({ key, ruleId, object, file, message }));
  const prevControls = new Map(previous.controls.map((c) => [`${c.framework} ${c.id}`, c.status]));
  const controls = report.controls
    .flatMap((c) => {
      const key = `${c.framework} ${c.id}`;
      const was = prevControls.get(key);
      return was === undefined || was === c.status ? [] : [{ key, previous: was, current: c.status, regression: was === 'PASS' && c.status === 'FAIL' }];
    })
    .sort((a, b) => Number(b.regression) - Number(a.regression));
  const prevCriteria = new Map(previous.criteria.map((c) => [c.id, c.value]));
  return {
    previousGeneratedAt: previous.generatedAt,
    previousDecision: previous.verdict.decision,
    newFindings: report.findings.filter((f) => f.change === 'new').length,
    fixedFindings: fixed.length,
    unchangedFindings: report.findings.filter((f) => f.change === 'unchanged').length,
    fixed,
    criteria: report.criteria.map((c) => {
      const was = prevCriteria.get(c.id) ?? null;
      return { id: c.id, previous: was, current: c.value, delta: was === null || c.value === null ? null : Math.round((c.value - was) * 10) / 10 };
    }),
    controls,
  };
}

function topRules(findings: ReportFinding[]): string {
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const sorted = [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = sorted.slice(0, 3).map(([id, n]) => `${id} ×${n}`);
  return shown.join(', ') + (sorted.length > 3 ? ', …' : '');
}

function verdictOf(findings: ReportFinding[], waivers: Waiver[], qa: QaSummary | null, criteria: Criterion[]): { decision: Decision; reason: string } {
  const verdict = gateVerdict(findings, waivers, qa);
  const unmet = criteria.filter((c) => c.status === 'not met' && !c.id.startsWith('qa') && c.id !== 'mutation-score');
  if (verdict.decision === 'REJECT' || unmet.length === 0) return verdict;
  const list = unmet.map((c) => `${c.title.toLowerCase()} ${c.value}% (${c.passed}/${c.total})`).join(', ');
  return { ...verdict, reason: `${verdict.reason} Not yet met: ${list}.` };
}

function gateVerdict(findings: ReportFinding[], waivers: Waiver[], qa: QaSummary | null): { decision: Decision; reason: string } {
  const errors = findings.filter((f) => f.status === 'open' && f.severity === 'error');
  const warnings = findings.filter((f) => f.status === 'open' && f.severity === 'warn').length;
  const expired = waivers.filter((w) => w.status === 'expired').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (errors.length > 0 || (qa && qa.failed > 0) || expired > 0) {
    const parts: string[] = [];
    if (errors.length > 0) parts.push(`${plural(errors.length, 'open error')} (${topRules(errors)})`);
    if (expired > 0) parts.push(plural(expired, 'expired waiver'));
    if (qa && qa.failed > 0) parts.push(`${plural(qa.failed, 'failing QA test')}`);
    return { decision: 'REJECT', reason: `Does not meet the standard: ${parts.join('; ')}.` };
  }
  const waived = findings.filter((f) => f.status === 'waived').length;
  const tail = warnings > 0 ? ` ${plural(warnings, 'warning')} to review.` : '';
  if (waived > 0) {
    const soonest = waivers
      .filter((w) => w.expires !== null)
      .map((w) => w.expires!)
      .sort()[0];
    const expiry = soonest ? `; the first waiver expires on ${soonest}` : '';
    return { decision: 'APPROVE WITH WAIVERS', reason: `Meets the standard with ${plural(waived, 'waived finding')}${expiry}.${tail}` };
  }
  return { decision: 'APPROVE', reason: `Meets the standard: no open errors.${tail}` };
}

/** Everything the report says, computed once; renderers only format it. */
export function buildReport(input: ReportInput): ComplianceReport {
  const controlsOf = new Map(input.rules.map((r) => [r.id, controlsOfRule(input.controls, r.id, r.compliance).map(controlKey)]));
  const findings = reportFindings(input, controlsOf);
  const documents = input.modules.reduce((a, m) => ({ present: a.present + m.documents.present, expected: a.expected + m.documents.expected }), { present: 0, expected: 0 });
  const criteria = successCriteria({
    tables: input.tables,
    catalog: input.catalog,
    findings: input.findings,
    rules: input.rules,
    enabled: input.enabled,
    documents,
    qa: input.qa,
    mutationThreshold: input.mutationThreshold,
  });
  const waivers = input.waivers;
  const base: Omit<ComplianceReport, 'trend'> = {
    $schema: 'https://raw.githubusercontent.com/maturion/ismslint/main/schemas/compliance-report.json',
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: input.generatedAt,
    verdict: verdictOf(findings, waivers, input.qa, criteria),
    summary: {
      modules: input.modules.length,
      tables: input.tables.length,
      findings: count(findings),
      waivers: {
        active: waivers.filter((w) => w.status === 'active').length,
        expiring: waivers.filter((w) => w.status === 'expiring').length,
        expired: waivers.filter((w) => w.status === 'expired').length,
      },
    },
    criteria,
    modules: moduleScores(input, findings),
    controls: controlResults(input, findings),
    findings,
    waivers,
    qa: input.qa,
    evidence: input.evidence,
  };
  const trend = input.previous ? trendOf(input.previous, base) : null;
  return { ...base, trend };
}
