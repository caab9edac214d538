import type { ComplianceReport, ReportFinding } from '../types.js';
import { FAMILY_TITLES, controlLabel, criterionValue, findingCounts, formatPercent, previousLabel } from './text.js';

/** GitHub's limit for a pull-request comment is 65,536 characters; stay clear of it. */
export const MARKDOWN_LIMIT = 65_000;

/** Text from the input as Markdown table-cell text: no markup, no HTML, one line. */
export function md(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const ICON: Record<string, string> = { APPROVE: '✅', 'APPROVE WITH WAIVERS': '⚠️', REJECT: '❌' };

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}

function findingRow(f: ReportFinding): string[] {
  return [f.status === 'waived' ? 'waived' : f.severity, `\`${f.ruleId}\``, md(f.object), `${md(f.file)}:${f.line}:${f.column}`, md(f.message)];
}

export function renderMarkdown(r: ComplianceReport): string {
  const head: string[] = [];
  head.push(`# ${ICON[r.verdict.decision]} ${r.verdict.decision}\n`);
  head.push(`${md(r.verdict.reason)}\n`);
  head.push(
    `${plural(r.summary.modules, 'module')}, ${plural(r.summary.tables, 'table')}: ${findingCounts(r)}. Waivers: ${r.summary.waivers.active} active, ${r.summary.waivers.expiring} expiring within 30 days, ${r.summary.waivers.expired} expired.\n`,
  );
  const tail: string[] = [];
  tail.push('## Success criteria\n');
  tail.push(
    table(
      ['criterion', 'measured over', 'value', 'target', 'status'],
      r.criteria.map((c) => [c.title, c.appliesTo, criterionValue(c), `${c.target}%`, c.status]),
    ),
  );
  tail.push('## Modules\n');
  tail.push(
    table(
      ['module', 'version', 'change', 'tables', 'errors', 'warnings', 'waived', ...Object.values(FAMILY_TITLES)],
      r.modules.map((m) => [
        md(m.name),
        md(m.version ?? '—'),
        m.changeType === 'unknown' ? '—' : m.changeType,
        String(m.tables),
        String(m.findings.error),
        String(m.findings.warn),
        String(m.findings.waived),
        ...Object.keys(FAMILY_TITLES).map((k) => formatPercent(m.families[k] ?? null)),
      ]),
    ),
  );
  tail.push('## Controls\n');
  tail.push(
    table(
      ['control', 'superseded edition', 'title', 'status', 'rules'],
      r.controls.map((c) => [controlLabel(c), previousLabel(c), c.title, `**${c.status}**`, c.rules.map((x) => `${x.id} (${x.state})`).join(', ') || '—']),
    ),
  );
  if (r.waivers.length > 0) {
    tail.push('## Waivers\n');
    tail.push(
      table(
        ['status', 'rule', 'object', 'reason', 'approved by', 'expires', 'where'],
        r.waivers.map((w) => [
          w.status === 'expired' ? '**EXPIRED**' : w.status,
          `\`${w.rule}\``,
          md(w.object ?? '—'),
          md(w.reason),
          md(w.approvedBy ?? '— (comment)'),
          w.expires ?? '—',
          `${md(w.file)}:${w.line}`,
        ]),
      ),
    );
  }
  if (r.trend) {
    tail.push('## Since the previous report\n');
    tail.push(`Previous verdict: ${r.trend.previousDecision}. New findings: ${r.trend.newFindings}; fixed: ${r.trend.fixedFindings}; unchanged: ${r.trend.unchangedFindings}.\n`);
    if (r.trend.controls.length > 0) {
      tail.push(
        table(
          ['control', 'was', 'now'],
          r.trend.controls.map((c) => [md(c.key), c.previous, c.regression ? `**${c.current}** (previously passing, now failing)` : c.current]),
        ),
      );
    }
  }
  tail.push('## Evidence\n');
  const git = r.evidence.git ? `${r.evidence.git.commit}${r.evidence.git.dirty ? ' (with uncommitted changes)' : ''}` : 'not in a git repository';
  tail.push(
    `ismslint ${r.evidence.tool.version}; rule set ${r.evidence.ruleSetHash.slice(0, 12)}; configuration ${r.evidence.configHash.slice(0, 12)}; inputs at ${git}; ${r.evidence.inputs.length} input files (SHA-256 in compliance-report.json).${r.generatedAt ? ` Generated at ${r.generatedAt}.` : ''}\n`,
  );

  const headText = head.join('\n') + '\n';
  const tailText = tail.join('\n');
  const shown = r.trend ? r.findings.filter((f) => f.change === 'new' && f.status === 'open') : r.findings.filter((f) => f.status === 'open');
  const title = r.trend ? `## New findings (${shown.length})\n` : `## Open findings (${shown.length})\n`;
  const budget = MARKDOWN_LIMIT - headText.length - tailText.length - 400;
  const header = ['severity', 'rule', 'object', 'where', 'message'];
  let body = table(header, []);
  let included = 0;
  for (const f of shown) {
    const row = table(header, [findingRow(f)]).split('\n')[2]! + '\n';
    if (body.length + row.length > budget) break;
    body += row;
    included++;
  }
  let findings = shown.length === 0 ? `${title}\nNone.\n` : `${title}\n${body}`;
  if (included < shown.length) findings += `\n…and ${shown.length - included} more, left out to fit a pull-request comment: see compliance-report.html or .json for all of them.\n`;
  return `${headText}${findings}\n${tailText}`;
}
