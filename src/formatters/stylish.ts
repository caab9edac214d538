import type { Finding } from '../engine/finding.js';
import { fixText } from '../engine/fix.js';
import { codeFrame } from './code-frame.js';
import { padEndTo, padStartTo, textWidth, visibleText } from './display.js';
import { groupByFile, plural, unsuppressed } from './group.js';
import { palette } from './palette.js';
import { joined, type ChunkedFormatter } from './types.js';

/**
 * ESLint-style report: per file, aligned `line:col  severity  message  rule-id` rows, each followed
 * by a code frame; then a summary line. Nothing at all when there is nothing to report.
 */
export const stylishChunks: ChunkedFormatter = function* (input) {
  const c = palette(input.color);
  const findings = unsuppressed(input.findings);
  if (findings.length === 0) return;

  // Every line ends in a newline, the last one too; a file's lines are yielded when its findings are done.
  let lines: string[] = [];
  for (const [file, group] of groupByFile(findings)) {
    lines.push('', c.underline(visibleText(file)));
    const rows = group.map(row);
    const width = {
      line: widest(rows, (r) => r.line.length),
      column: widest(rows, (r) => r.column.length),
      severity: widest(rows, (r) => r.severity.length),
      ruleId: widest(rows, (r) => textWidth(r.ruleId)),
    };
    // Messages wrap to what the terminal leaves beside position, severity and rule id.
    const lead = 2 + width.line + 1 + width.column + 2 + width.severity + 2;
    const room = Math.max(MIN_MESSAGE_WIDTH, (input.columns ?? DEFAULT_COLUMNS) - lead - 2 - width.ruleId);
    const messageWidth = Math.min(
      room,
      widest(rows, (r) => textWidth(r.message)),
    );
    for (let i = 0; i < group.length; i++) {
      const finding = group[i]!;
      const r = rows[i]!;
      const paint = finding.severity === 'error' ? c.red : c.yellow;
      const position = `${padStartTo(r.line, width.line)}:${padEndTo(r.column, width.column)}`;
      if (i > 0) lines.push('');
      const [first = '', ...more] = wrapText(r.message, messageWidth);
      lines.push(`  ${c.dim(position)}  ${paint(padEndTo(r.severity, width.severity))}  ${padEndTo(first, messageWidth)}  ${c.dim(r.ruleId)}`);
      for (const m of more) lines.push(`${' '.repeat(lead)}${m}`);
      if (finding.fix) lines.push(`${' '.repeat(lead)}${c.dim('fix:')} ${visibleText(fixText(finding.fix))}`);
      for (const line of codeFrame(finding.loc, input.sources.get(finding.loc.file), { gutter: c.blue, marker: paint }, width.line)) lines.push(line);
      if (lines.length >= LINES_PER_PIECE) {
        yield `${lines.join('\n')}\n`;
        lines = [];
      }
    }
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
    lines = [];
  }

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary = `✖ ${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  yield `\n${c.bold((errors > 0 ? c.red : c.yellow)(summary))}\n`;
};

export const stylish = joined(stylishChunks);

const LINES_PER_PIECE = 1000;

/** The largest of `f` over many rows (a spread into Math.max overflows the stack past ~100,000). */
function widest<T>(rows: T[], f: (row: T) => number): number {
  let max = 0;
  for (const r of rows) max = Math.max(max, f(r));
  return max;
}

/** Width when the output is not a terminal (a file, a pipe, CI logs). */
const DEFAULT_COLUMNS = 120;
const MIN_MESSAGE_WIDTH = 30;

/** Lines of at most `width` columns, broken at spaces; a longer word is broken where it must be. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(' ')) {
    const w = textWidth(word);
    if (lineWidth > 0 && lineWidth + 1 + w <= width) {
      line += ' ' + word;
      lineWidth += 1 + w;
      continue;
    }
    if (lineWidth > 0) out.push(line);
    line = '';
    lineWidth = 0;
    for (const ch of word) {
      const cw = textWidth(ch);
      if (lineWidth + cw > width && lineWidth > 0) {
        out.push(line);
        line = '';
        lineWidth = 0;
      }
      line += ch;
      lineWidth += cw;
    }
  }
  out.push(line);
  return out;
}

function row(f: Finding): { line: string; column: string; severity: string; message: string; ruleId: string } {
  return {
    line: String(f.loc.line),
    column: String(f.loc.column),
    severity: f.severity === 'error' ? 'error' : 'warning',
    message: visibleText(f.message),
    ruleId: visibleText(f.ruleId),
  };
}
