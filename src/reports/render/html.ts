import type { ComplianceReport, Criterion, ReportFinding } from '../types.js';
import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from './html-assets.js';
import { FAMILY_TITLES, controlLabel, criterionValue, formatPercent, previousLabel } from './text.js';

/** Text and attribute values from the input: every character that could open markup is an entity. */
export function esc(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return String(text).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const cls = (status: string) => `s-${status.replace(/\s+/g, '-')}`;

function section(title: string, id: string, content: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>${content}</section>`;
}

function tableHtml(header: string[], rows: string[][], attrs = ''): string {
  return `<table${attrs}><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
}

const td = (text: string | number | null, klass = '') => `<td${klass ? ` class="${klass}"` : ''}>${esc(text)}</td>`;

/** Criteria as horizontal bars: an inline SVG, no script or external asset. */
function criteriaChart(criteria: Criterion[]): string {
  const rowHeight = 24;
  const width = 640;
  const labelWidth = 280;
  const barWidth = width - labelWidth - 70;
  const bars = criteria.map((c, i) => {
    const y = i * rowHeight + 4;
    const fill = c.value === null ? '#d0d5dd' : c.status === 'met' ? '#12b76a' : '#f04438';
    const w = c.value === null ? 0 : Math.round((c.value / 100) * barWidth);
    return (
      `<text x="0" y="${y + 14}">${esc(c.title)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="16" fill="#f2f4f7"/>` +
      `<rect x="${labelWidth}" y="${y}" width="${w}" height="16" fill="${fill}"/>` +
      `<text x="${labelWidth + barWidth + 6}" y="${y + 14}">${esc(c.value === null ? 'n/e' : `${c.value.toFixed(1)}%`)}</text>`
    );
  });
  const height = criteria.length * rowHeight + 8;
  return `<svg role="img" aria-label="Success criteria" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${bars.join('')}</svg>`;
}

function options(values: string[], all: string): string {
  return `<option value="">${esc(all)}</option>` + values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
}

/** Rows past the first page start hidden, so the browser lays out one page before the script runs. */
export const PAGE_SIZE = 100;

function findingRow(f: ReportFinding, index: number): string {
  const severity = f.status === 'waived' ? 'waived' : f.severity;
  const message = esc(f.message) + (f.fix ? `<div class="fix">fix: ${esc(f.fix)}</div>` : '') + (f.justification ? `<div class="muted">waived: ${esc(f.justification)}</div>` : '');
  return (
    `<tr${index >= PAGE_SIZE ? ' class="off-page"' : ''} data-module="${esc(f.module ?? '')}" data-rule="${esc(f.ruleId)}" data-severity="${esc(severity)}" data-change="${esc(f.change ?? '')}">` +
    td(severity, cls(severity)) +
    td(f.module ?? '—') +
    `<td><a href="${esc(f.docs)}" rel="noreferrer"><code>${esc(f.ruleId)}</code></a></td>` +
    td(f.object ?? '—') +
    `<td data-sort="${esc(`${f.file}\u0000${String(f.line).padStart(8, '0')}`)}">${esc(`${f.file}:${f.line}:${f.column}`)}</td>` +
    `<td>${message}</td>` +
    td(f.change ?? '') +
    `<td><code>${esc(f.key)}</code></td>` +
    `</tr>`
  );
}

function findingsSection(r: ComplianceReport): string {
  const uniq = (xs: Array<string | null>) => [...new Set(xs.filter((x): x is string => !!x))].sort();
  const controls = uniq(r.findings.flatMap((f) => f.controls));
  const filters =
    `<div class="filters">` +
    `<label>module <select id="f-module">${options(uniq(r.findings.map((f) => f.module)), 'all')}</select></label>` +
    `<label>rule <select id="f-rule">${options(uniq(r.findings.map((f) => f.ruleId)), 'all')}</select></label>` +
    `<label>severity <select id="f-severity">${options(['error', 'warn', 'waived'], 'all')}</select></label>` +
    `<label>control <select id="f-control">${`<option value="">all</option>` + controls.map((c) => `<option value="${esc(c.replace(/\s+/g, '_'))}">${esc(c)}</option>`).join('')}</select></label>` +
    `<label>change <select id="f-change">${options(['new', 'unchanged'], 'all')}</select></label>` +
    `<label>text <input id="f-text" type="search" placeholder="filter"></label>` +
    `<span id="match-count" class="muted"></span></div>`;
  const pager = `<div class="pager"><button id="prev" type="button">previous</button><span id="page-info"></span><button id="next" type="button">next</button></div>`;
  const head = ['severity', 'module', 'rule', 'object', 'location', 'message and fix', 'change', 'key'];
  const th = head.map((h) => `<th class="sortable">${esc(h)}</th>`).join('');
  // Which controls each rule serves, once for the table rather than on every row.
  const ruleControls: Record<string, string[]> = {};
  for (const f of r.findings) ruleControls[f.ruleId] ??= f.controls.map((c) => c.replace(/\s+/g, '_'));
  const table = `<table id="findings" data-rule-controls="${esc(JSON.stringify(ruleControls))}"><thead><tr>${th}</tr></thead><tbody>${r.findings.map((f, i) => findingRow(f, i)).join('')}</tbody></table>`;
  return filters + pager + table;
}

export function renderHtml(r: ComplianceReport): string {
  const decisionClass = r.verdict.decision === 'APPROVE' ? 'v-APPROVE' : r.verdict.decision === 'REJECT' ? 'v-REJECT' : 'v-WAIVERS';
  const s = r.summary;
  const cards = [
    ['errors', s.findings.error],
    ['warnings', s.findings.warn],
    ['waived', s.findings.waived],
    ['modules', s.modules],
    ['tables', s.tables],
    ['waivers expiring ≤ 30 days', s.waivers.expiring],
    ['waivers expired', s.waivers.expired],
  ]
    .map(([k, v]) => `<div class="card" data-figure="${esc(k)}"><b>${esc(v)}</b>${esc(k)}</div>`)
    .join('');
  const criteria = tableHtml(
    ['criterion', 'measured over', 'value', 'target', 'status'],
    r.criteria.map((c) => [td(c.title), td(c.appliesTo), td(criterionValue(c), 'num'), td(`${c.target}%`, 'num'), td(c.status, cls(c.status))]),
  );
  const modules = tableHtml(
    ['module', 'version', 'change', 'tables', 'errors', 'warnings', 'waived', ...Object.values(FAMILY_TITLES), 'waivers'],
    r.modules.map((m) => [
      td(m.name),
      td(m.version ?? '—'),
      td(m.changeType === 'unknown' ? '—' : m.changeType),
      td(m.tables, 'num'),
      td(m.findings.error, 'num'),
      td(m.findings.warn, 'num'),
      td(m.findings.waived, 'num'),
      ...Object.keys(FAMILY_TITLES).map((k) => td(formatPercent(m.families[k] ?? null), 'num')),
      td(m.waivers, 'num'),
    ]),
  );
  const controls = tableHtml(
    ['control', 'superseded edition', 'title', 'status', 'rules', 'QA'],
    r.controls.map((c) => [
      td(controlLabel(c), 'nowrap'),
      td(previousLabel(c)),
      td(c.title),
      td(c.status, cls(c.status)),
      `<td>${c.rules.map((x) => `<code class="${cls(x.state)}">${esc(x.id)}</code>`).join(' ') || '—'}</td>`,
      td(c.qa.length === 0 ? '—' : `${c.qa.filter((q) => q.state === 'pass').length}/${c.qa.length} pass`),
    ]),
  );
  const waiverRows = r.waivers.map(
    (w) =>
      `<tr class="${w.status === 'active' ? '' : w.status}">` +
      [
        td(w.status, cls(w.status)),
        `<td><code>${esc(w.rule)}</code></td>`,
        td(w.object ?? '—'),
        td(w.reason),
        td(w.approvedBy ?? '— (comment)'),
        td(w.expires ?? '—'),
        td(w.silenced, 'num'),
        td(`${w.file}:${w.line}`),
      ].join('') +
      `</tr>`,
  );
  const waivers =
    r.waivers.length === 0
      ? '<p>No waivers or suppression comments.</p>'
      : `<table><thead><tr>${['status', 'rule', 'object', 'reason', 'approved by', 'expires', 'silenced', 'where'].map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${waiverRows.join('')}</tbody></table>`;
  const trend = r.trend
    ? `<p>Previous verdict: <b>${esc(r.trend.previousDecision)}</b>. New findings: <b>${r.trend.newFindings}</b>; fixed: <b>${r.trend.fixedFindings}</b>; unchanged: ${r.trend.unchangedFindings}.</p>` +
      tableHtml(
        ['criterion', 'previous', 'now', 'change'],
        r.trend.criteria.map((c) => [
          td(c.id),
          td(formatPercent(c.previous), 'num'),
          td(formatPercent(c.current), 'num'),
          td(c.delta === null ? '—' : `${c.delta > 0 ? '+' : ''}${c.delta.toFixed(1)}`, 'num'),
        ]),
      ) +
      (r.trend.controls.length === 0
        ? '<p>No control changed status.</p>'
        : tableHtml(
            ['control', 'was', 'now'],
            r.trend.controls.map((c) => [td(c.key), td(c.previous, cls(c.previous)), td(c.regression ? `${c.current} (previously passing, now failing)` : c.current, cls(c.current))]),
          ))
    : '<p class="muted">No previous report given (<code>--previous</code>).</p>';
  const e = r.evidence;
  const evidence =
    `<p>ismslint ${esc(e.tool.version)} · rule set <code>${esc(e.ruleSetHash)}</code> · configuration <code>${esc(e.configHash)}</code>${e.configFile ? ` (${esc(e.configFile)})` : ' (defaults)'}</p>` +
    `<p>Inputs: ${e.git ? `commit <code>${esc(e.git.commit)}</code>${e.git.dirty ? ' <b class="s-fail">with uncommitted changes</b>' : ', clean'}` : 'not in a git repository'}${e.qaEngine ? ` · QA engine: ${esc(e.qaEngine)}` : ''}${r.generatedAt ? ` · generated at ${esc(r.generatedAt)}` : ''}</p>` +
    `<details><summary>${e.inputs.length} input files with SHA-256</summary>${tableHtml(
      ['file', 'sha256'],
      e.inputs.map((i) => [td(i.path), `<td><code>${esc(i.sha256)}</code></td>`]),
    )}</details>`;
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${esc(CONTENT_SECURITY_POLICY)}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">` +
    `<title>ismslint compliance report: ${esc(r.verdict.decision)}</title><style>${STYLE}</style></head><body>` +
    `<header><h1>Schema compliance report</h1>` +
    `<div class="verdict ${decisionClass}" id="verdict"><strong>${esc(r.verdict.decision)}</strong><span>${esc(r.verdict.reason)}</span></div>` +
    `<div class="cards">${cards}</div></header><main>` +
    section('Success criteria', 'criteria', criteriaChart(r.criteria) + criteria) +
    section('Modules', 'modules', modules) +
    section('Controls', 'controls', `<p class="muted">ISO/IEC 27001:2022 with its 2013 numbering, NIST CSF 2.0 with CSF 1.1, GDPR and POPIA.</p>${controls}`) +
    section('Waivers', 'waivers', waivers) +
    section('Since the previous report', 'trend', trend) +
    section(`Findings (${r.findings.length})`, 'findings-section', findingsSection(r)) +
    section('Evidence', 'evidence', evidence) +
    `</main><script>${SCRIPT}</script></body></html>\n`
  );
}
