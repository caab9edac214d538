/**
 * The compliance report as data: what `ismslint report` computes once and every format renders.
 * Its JSON form follows schemas/compliance-report.json; bump REPORT_FORMAT_VERSION on any change of shape.
 */
export const REPORT_FORMAT_VERSION = '1.0.0';

export type Decision = 'APPROVE' | 'APPROVE WITH WAIVERS' | 'REJECT';
export type ControlStatus = 'PASS' | 'FAIL' | 'WAIVED' | 'NOT EVALUATED';
export type CriterionStatus = 'met' | 'not met' | 'not evaluated';
export type WaiverStatus = 'active' | 'expiring' | 'expired';
export type ChangeType = 'new' | 'major' | 'minor' | 'patch' | 'none' | 'unknown';

export interface SeverityCounts {
  error: number;
  warn: number;
  waived: number;
}

export interface Criterion {
  id: string;
  title: string;
  /** What it is measured over, e.g. "tenant tables", "foreign keys". */
  appliesTo: string;
  target: number;
  /** Percentage with one decimal, or null when there was nothing to measure. */
  value: number | null;
  passed: number;
  total: number;
  status: CriterionStatus;
}

export interface ModuleScore {
  name: string;
  version: string | null;
  changeType: ChangeType;
  previousVersion: string | null;
  tables: number;
  findings: SeverityCounts;
  /** Rule family → % of the module's tables with no open finding of that family (null: none judged). */
  families: Record<string, number | null>;
  waivers: number;
}

export interface ControlRuleRef {
  id: string;
  state: 'pass' | 'fail' | 'waived' | 'off';
  findings: number;
}

export interface ControlQaRef {
  name: string;
  state: 'pass' | 'fail' | 'skip';
}

export interface ControlResult {
  framework: string;
  id: string;
  title: string;
  /** Ids of the same control in the superseded edition (ISO/IEC 27001:2013, NIST CSF 1.1). */
  previous: string[];
  status: ControlStatus;
  rules: ControlRuleRef[];
  qa: ControlQaRef[];
}

export interface ReportFinding {
  /** Stable across line moves: rule, object and file. */
  key: string;
  ruleId: string;
  severity: 'error' | 'warn';
  status: 'open' | 'waived';
  module: string | null;
  object: string | null;
  file: string;
  line: number;
  column: number;
  message: string;
  fix: string | null;
  /** Why it is waived, when it is. */
  justification: string | null;
  controls: string[];
  /** Against --previous: new or unchanged; null without a previous report. */
  change: 'new' | 'unchanged' | null;
  docs: string;
}

export interface Waiver {
  kind: 'waiver' | 'comment';
  module: string | null;
  rule: string;
  object: string | null;
  file: string;
  line: number;
  reason: string;
  approvedBy: string | null;
  expires: string | null;
  status: WaiverStatus;
  /** Days until expiry (negative once expired); null for comments, which do not expire. */
  daysLeft: number | null;
  silenced: number;
}

export interface Trend {
  previousGeneratedAt: string | null;
  previousDecision: Decision;
  newFindings: number;
  fixedFindings: number;
  unchangedFindings: number;
  fixed: Array<Pick<ReportFinding, 'key' | 'ruleId' | 'object' | 'file' | 'message'>>;
  criteria: Array<{ id: string; previous: number | null; current: number | null; delta: number | null }>;
  /** Controls whose status changed, regressions ("previously passing, now failing") first. */
  controls: Array<{ key: string; previous: ControlStatus; current: ControlStatus; regression: boolean }>;
}

export interface QaSummary {
  sources: string[];
  passed: number;
  failed: number;
  skipped: number;
  passRate: number | null;
  mutationScore: number | null;
  engine: string | null;
  results: Array<{ name: string; category: string | null; state: 'pass' | 'fail' | 'skip' }>;
}

export interface Evidence {
  tool: { name: string; version: string };
  ruleSetHash: string;
  configHash: string;
  configFile: string | null;
  git: { commit: string; dirty: boolean } | null;
  inputs: Array<{ path: string; sha256: string }>;
  qaEngine: string | null;
}

export interface ComplianceReport {
  $schema: string;
  formatVersion: string;
  generatedAt: string | null;
  verdict: { decision: Decision; reason: string };
  summary: {
    modules: number;
    tables: number;
    findings: SeverityCounts;
    waivers: { active: number; expiring: number; expired: number };
  };
  criteria: Criterion[];
  modules: ModuleScore[];
  controls: ControlResult[];
  findings: ReportFinding[];
  waivers: Waiver[];
  trend: Trend | null;
  qa: QaSummary | null;
  evidence: Evidence;
}
