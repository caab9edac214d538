import type { Finding } from '../engine/finding.js';
import type { SourceFile } from '../sources/source-file.js';

const NAME = String.raw`((?:"(?:[^"]|"")+"|[\w$]+)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[\w$]+))?)`;

/** Statements whose failure leaves a table without something, and the rules that then report its absence. */
const CAUSES: { statement: RegExp; knockOns: string[] }[] = [
  { statement: new RegExp(String.raw`^\s*(?:create|alter)\s+policy\s+(?:if\s+not\s+exists\s+)?(?:"(?:[^"]|"")+"|[\w$]+)\s+on\s+${NAME}`, 'i'), knockOns: ['rls-enabled-no-policy', 'rls-tenant-policy'] },
  { statement: new RegExp(String.raw`^\s*create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:(?:"(?:[^"]|"")+"|[\w$.]+)\s+)?on\s+(?:only\s+)?${NAME}`, 'i'), knockOns: ['foreign-key-index', 'tenant-key-indexed'] },
  { statement: new RegExp(String.raw`^\s*alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${NAME}\s+(?:enable|force)\s+row\s+level\s+security`, 'i'), knockOns: ['rls-enabled', 'rls-forced', 'policy-requires-rls'] },
];

function tableName(written: string): string {
  const parts = written.match(/"(?:[^"]|"")+"|[\w$]+/g) ?? [written];
  const last = parts[parts.length - 1]!;
  return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last.toLowerCase();
}

/** The statement around an offset: from after the previous `;` to the next one (enough for the statements above). */
function statementAt(text: string, offset: number): string {
  const start = text.lastIndexOf(';', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf(';', offset);
  return text.slice(start, end === -1 ? Math.min(text.length, start + 10_000) : end).replace(/--[^\n]*/g, '');
}

/**
 * One cause, one error: when a statement could not be read (parse-error, replay-error), findings
 * that only report what it would have created (a policy, an index, row-level security) on the
 * same table are knock-ons, and are dropped; the error at the statement is the one to fix.
 */
export function dropKnockOns(findings: Finding[], sources: ReadonlyMap<string, SourceFile>): Finding[] {
  const missing = new Map<string, Set<string>>();
  for (const f of findings) {
    if (f.ruleId !== 'parse-error' && f.ruleId !== 'replay-error') continue;
    const source = sources.get(f.loc.file);
    if (!source || f.loc.line > source.lineStarts.length) continue;
    const text = statementAt(source.text, source.lineStarts[f.loc.line - 1]! + f.loc.column - 1);
    for (const cause of CAUSES) {
      const m = cause.statement.exec(text);
      if (!m) continue;
      const table = tableName(m[1]!);
      for (const rule of cause.knockOns) {
        let tables = missing.get(rule);
        if (!tables) missing.set(rule, (tables = new Set()));
        tables.add(table);
      }
    }
  }
  if (missing.size === 0) return findings;
  return findings.filter((f) => {
    const tables = missing.get(f.ruleId);
    if (!tables || !f.logical) return true;
    const [, table] = f.logical.split('.');
    return !(table !== undefined && tables.has(table));
  });
}
