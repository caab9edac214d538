import type { ComplianceReport } from '../types.js';

/**
 * One RFC 4180 field. A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is
 * prefixed with an apostrophe, so an identifier from the input cannot become one.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(r: ComplianceReport): string {
  const header = ['key', 'status', 'severity', 'rule', 'module', 'object', 'file', 'line', 'column', 'message', 'fix', 'controls', 'change'];
  const rows = r.findings.map((f) => [f.key, f.status, f.severity, f.ruleId, f.module, f.object, f.file, f.line, f.column, f.message, f.fix, f.controls.join('; '), f.change]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
