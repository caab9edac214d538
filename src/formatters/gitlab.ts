import { fixText } from '../engine/fix.js';
import type { Finding } from '../engine/finding.js';
import type { RuleCategory } from '../engine/rule.js';
import { fingerprintsOf } from './fingerprint.js';
import { unsuppressed } from './group.js';
import { rebased } from './paths.js';
import { joined, type ChunkedFormatter } from './types.js';

/**
 * GitLab's Code Quality report (the subset of Code Climate's format that merge requests read): one issue
 * per unsuppressed finding, paths relative to the repository root. Errors are `major` and warnings
 * `minor`, as ESLint's GitLab formatters rank them. The fingerprint is SARIF's, so an issue keeps its
 * identity between the target branch and the merge request when lines move.
 */
export const gitlabChunks: ChunkedFormatter = function* (input) {
  const categoryOf = new Map(input.rules.map((r) => [r.id, CATEGORIES[r.category]]));
  const findings = unsuppressed(rebased(input).findings);
  const fingerprints = fingerprintsOf(findings);
  if (findings.length === 0) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (const [i, f] of findings.entries()) yield `${i > 0 ? ',\n' : ''}  ${JSON.stringify(issue(f, fingerprints[i]!, categoryOf.get(f.ruleId) ?? 'Bug Risk'))}`;
  yield '\n]\n';
};

export const gitlab = joined(gitlabChunks);

/** Code Climate's category for each of ours: what the standard guards (tenancy, RLS, audit) is security. */
const CATEGORIES: Record<RuleCategory, string> = {
  naming: 'Style',
  audit: 'Security',
  tenancy: 'Security',
  integrity: 'Bug Risk',
  rls: 'Security',
  types: 'Bug Risk',
  meta: 'Clarity',
};

function issue(f: Finding, fingerprint: string, category: string) {
  const { file, line, endLine } = f.loc;
  return {
    type: 'issue',
    check_name: f.ruleId,
    description: f.fix ? `${f.message} (fix: ${fixText(f.fix)})` : f.message,
    categories: [category],
    severity: f.severity === 'error' ? 'major' : 'minor',
    fingerprint,
    location: { path: file, lines: { begin: line, end: endLine } },
  };
}
