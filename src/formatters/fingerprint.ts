import { hash } from 'node:crypto';
import type { Finding } from '../engine/finding.js';

/**
 * Independent of line numbers, so a result keeps its identity when lines move: the rule plus the
 * object's name (or the file when there is none) plus the message. Repeats get `:2`, `:3`… in order.
 * Code scanning (SARIF) and GitLab's Code Quality both match findings across runs by it.
 */
export function fingerprintsOf(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const digest = hash('sha256', [f.ruleId, f.logical ?? f.loc.file, f.message].join('\0'), 'hex').slice(0, 32);
    const n = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, n);
    return `${digest}:${n}`;
  });
}
