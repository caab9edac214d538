import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../engine/config/types.js';
import type { RuleMeta } from '../engine/rule.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted, so equal values hash equally whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return Object.fromEntries([...v].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export function ruleSetHash(toolVersion: string, rules: RuleMeta[]): string {
  const set = rules.map((r) => ({ id: r.id, severity: r.severity, category: r.category, compliance: r.compliance, defaultOptions: r.defaultOptions }));
  return sha256(canonicalJson({ toolVersion, rules: set }));
}

export function configHash(config: ResolvedConfig): string {
  return sha256(
    canonicalJson({
      roots: config.roots,
      ignorePatterns: config.ignorePatterns,
      standard: config.standard,
      rules: config.rules,
      overrides: config.overrides.map((o) => ({ modules: o.modules, files: o.files, rules: o.rules })),
    }),
  );
}

function git(dir: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The commit that last changed the reviewed inputs, and whether they differ from it now. The commit of
 * the inputs, not HEAD: committing the report itself must not make it stale.
 */
export function gitEvidence(dir: string, inputs: string[]): { commit: string; dirty: boolean } | null {
  if (git(dir, ['rev-parse', '--is-inside-work-tree']) !== 'true' || inputs.length === 0) return null;
  // Inputs never committed: the commit they sit on, and dirty.
  const commit = git(dir, ['log', '-1', '--format=%H', '--', ...inputs]) || git(dir, ['rev-parse', 'HEAD']);
  if (!commit) return null;
  const status = git(dir, ['status', '--porcelain', '--untracked-files=all', '--', ...inputs]);
  return { commit, dirty: status === undefined || status !== '' };
}
