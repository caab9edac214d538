import type { Finding } from '../engine/finding.js';
import { fixText } from '../engine/fix.js';
import { codeFrame } from './code-frame.js';
import { padEndTo, padStartTo, textWidth, visibleText } from './display.js';
import { groupByFile, plural, unsuppressed } from './group.js';
import { palette } from './palette.js';
import type { Formatter } from './types.js';

/**
 * ESLint-style report: per file, aligned `line:col  severity  message  rule-id` rows, each followed
 * by a code frame; then a summary line. Nothing at all when there is nothing to report.
 */
export const stylish: Formatter = (input) => {
  const c = palette(input.color);
  const findings = unsuppressed(input.findings);
  if (findings.length === 0) return '';

  const lines: string[] = [];
  for (const [file, group] of groupByFile(findings)) {
    lines.push('', c.underline(visibleText(file)));
    const rows = group.map(row);
    const width = {
      line: Math.max(...rows.map((r) => r.line.length)),
      column: Math.max(...rows.map((r) => r.column.length)),
      severity: Math.max(...rows.map((r) => r.severity.length)),
      message: Math.max(...rows.map((r) => textWidth(r.message))),
    };
    group.forEach((finding, i) => {
      const r = rows[i]!;
      const paint = finding.severity === 'error' ? c.red : c.yellow;
      const position = `${padStartTo(r.line, width.line)}:${padEndTo(r.column, width.column)}`;
      if (i > 0) lines.push('');
      lines.push(`  ${c.dim(position)}  ${paint(padEndTo(r.severity, width.severity))}  ${padEndTo(r.message, width.message)}  ${c.dim(r.ruleId)}`);
      if (finding.fix) lines.push(`  ${' '.repeat(textWidth(position) + 2 + width.severity + 2)}${c.dim('fix:')} ${visibleText(fixText(finding.fix))}`);
      lines.push(...codeFrame(finding.loc, input.sources.get(finding.loc.file), { gutter: c.blue, marker: paint }, width.line));
    });
  }

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary = `✖ ${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  lines.push('', c.bold((errors > 0 ? c.red : c.yellow)(summary)));
  return `${lines.join('\n')}\n`;
};

function row(f: Finding): { line: string; column: string; severity: string; message: string; ruleId: string } {
  return {
    line: String(f.loc.line),
    column: String(f.loc.column),
    severity: f.severity === 'error' ? 'error' : 'warning',
    message: visibleText(f.message),
    ruleId: visibleText(f.ruleId),
  };
}
