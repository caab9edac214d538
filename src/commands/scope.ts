import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Finding } from '../engine/finding.js';
import type { ResolvedConfig } from '../engine/config/types.js';
import { UsageError } from '../engine/config/types.js';
import { fsProblem } from '../engine/fs-error.js';
import { isModuleDir, moduleDirOf } from '../sources/workspace.js';

/** What to load (whole workspaces, so references resolve) and what to report on (what was named). */
export interface LintScope {
  load: string[];
  /** Absolute files and directories findings are kept for; all findings when absent. */
  report?: string[];
}

const within = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** A directory holding the global module next to other modules is where those modules deploy together. */
function holdsGlobal(dir: string, globalModule: string): boolean {
  const g = join(dir, globalModule);
  try {
    return statSync(g, { throwIfNoEntry: false })?.isDirectory() === true && isModuleDir(g);
  } catch {
    return false;
  }
}

/**
 * Widen named files and module directories to the workspace they lie in: the config's roots when
 * one contains them, else the parent directory when it also holds the global module. A named
 * workspace (a directory of modules) is loaded and reported whole, with the other roots when it is
 * one of several (the global module may lie in another).
 */
export function scopeFor(paths: string[], config: ResolvedConfig, cwd: string): LintScope {
  const roots = config.roots.map((r) => resolve(config.baseDir, r));
  const load = new Set<string>();
  const report: string[] = [];
  let narrowed = false;
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs, { throwIfNoEntry: false });
    } catch (e) {
      throw fsProblem('read', p, e);
    }
    const moduleDir = st?.isFile() ? moduleDirOf(abs) : st?.isDirectory() && isModuleDir(abs) ? abs : undefined;
    const inRoots = roots.filter((r) => within(moduleDir ?? abs, r) && existsSync(r));
    if (!moduleDir) {
      if (st?.isDirectory() && inRoots.length > 0 && roots.length > 1) {
        narrowed = true;
        for (const r of roots) if (existsSync(r)) load.add(r);
      } else load.add(p);
      report.push(abs);
      continue;
    }
    narrowed = true;
    report.push(abs);
    if (inRoots.length > 0) {
      for (const r of roots) if (existsSync(r)) load.add(r);
    } else if (holdsGlobal(dirname(moduleDir), config.standard.globalModule)) load.add(dirname(moduleDir));
    else load.add(p);
  }
  const loadList = [...load];
  // A named file inside what is loaded is read with it; one outside it (e.g. ignored) is read as named.
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!loadList.some((l) => within(abs, resolve(cwd, l)))) loadList.push(p);
  }
  return narrowed ? { load: loadList, report } : { load: loadList };
}

export function inScope(scope: LintScope, cwd: string): (f: Finding) => boolean {
  const file = fileInScope(scope, cwd);
  return (f) => file(f.loc.file);
}

/** Whether a file (relative to `cwd`) is one the run reports on, not one read only for context. */
export function fileInScope(scope: LintScope, cwd: string): (file: string) => boolean {
  if (!scope.report) return () => true;
  const report = scope.report;
  return (file) => {
    const abs = resolve(cwd, file);
    return report.some((r) => within(abs, r));
  };
}

/**
 * Module directories with a `.sql` or `schema.json` file changed since `ref` (`git diff --name-only`),
 * or new and not yet added (untracked, not ignored): a migration being written counts before `git add`.
 */
export function changedModules(ref: string, cwd: string): string[] {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    } catch (e) {
      const err = e as (NodeJS.ErrnoException & { stderr?: string }) | undefined;
      if (err?.code === 'ENOENT') throw new UsageError('--changed-since needs git, which was not found on PATH');
      const why = String(err?.stderr ?? err?.message ?? e)
        .trim()
        .split('\n')[0];
      throw new UsageError(`--changed-since ${ref}: ${why}`);
    }
  };
  const top = git(['rev-parse', '--show-toplevel']).trim();
  const names = [...git(['diff', '--name-only', '-z', ref, '--']).split('\0'), ...git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z', '--', top]).split('\0')].filter(Boolean);
  const dirs = new Set<string>();
  for (const name of names) {
    if (!/\.sql$/i.test(name) && !name.endsWith('schema.json')) continue;
    const dir = moduleDirOf(join(top, name));
    if (existsSync(dir) && isModuleDir(dir)) dirs.add(relative(cwd, dir) || '.');
  }
  return [...dirs].sort();
}
