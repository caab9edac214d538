import type { Finding } from '../engine/finding.js';

/** Findings nobody silenced: what every formatter but SARIF shows. */
export function unsuppressed(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.suppression);
}

/** Findings per file, files in code-unit order, findings in their given (sorted) order. */
export function groupByFile(findings: readonly Finding[]): [file: string, findings: Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.loc.file);
    if (list) list.push(f);
    else groups.set(f.loc.file, [f]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
