import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../engine/config/types.js';
import { renderPgtap } from '../qa/render-pgtap.js';
import { GENERATED_MARK, renderVitest } from '../qa/render-vitest.js';
import { shownPath, writeError } from './generate-common.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';
import { moduleSuites, selectModules } from './qa-common.js';

export type QaTarget = 'vitest' | 'pgtap' | 'all';

export interface GenerateTestsOptions {
  args: string[];
  config?: string;
  target: string;
  /** Default: the configuration's qa.outDir (relative to the configuration file), else qa/. */
  outDir?: string;
  /** Write nothing; exit 1 when a committed suite differs from what would be generated. */
  check: boolean;
}

/** `qa/<module>.test.ts` (vitest) and `qa/<module>.pgtap.sql` (pgTAP). */
export function suiteFileNames(module: string, target: QaTarget): string[] {
  if (module === '' || module === '.' || module === '..' || /[/\\\0]/.test(module)) throw new UsageError(`module name "${module}" cannot be used as a file name`);
  return [...(target !== 'pgtap' ? [`${module}.test.ts`] : []), ...(target !== 'vitest' ? [`${module}.pgtap.sql`] : [])];
}

/** `ismslint generate-tests [modules|paths] [--target …] [--out dir] [--check]`. */
export async function runGenerateTests(io: CommandIO, opts: GenerateTestsOptions): Promise<number> {
  if (!['vitest', 'pgtap', 'all'].includes(opts.target)) throw new UsageError(`--target must be vitest, pgtap or all (got "${opts.target}")`);
  const target = opts.target as QaTarget;
  const sel = await selectModules(io, opts.args, opts.config);
  const outDir = opts.outDir !== undefined ? resolve(io.cwd, opts.outDir) : resolve(sel.config.baseDir, sel.config.qaOutDir);
  const files: [string, string][] = [];
  for (const m of moduleSuites(io, sel, outDir)) {
    for (const name of suiteFileNames(m.suite.module, target)) files.push([join(outDir, name), name.endsWith('.sql') ? renderPgtap(m) : renderVitest(m)]);
  }
  // Refuse before writing anything: a hand-written file is never overwritten.
  for (const [path] of files) {
    if (existsSync(path) && !isGenerated(path)) {
      throw new UsageError(`refusing to overwrite ${shownPath(io, path)}: it has no "${GENERATED_MARK}" header, so it may be hand-written`);
    }
  }
  // With every module generated, a generated suite whose module is gone would go on failing in CI.
  const orphans = opts.args.length ? [] : orphanSuites(outDir, new Set(sel.modules));
  if (opts.check) {
    const stale = files.filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text);
    for (const [path] of stale) io.stdout(`${shownPath(io, path)} is out of date (run ismslint generate-tests)\n`);
    for (const path of orphans) io.stdout(`${shownPath(io, path)} is generated for a module that no longer exists (delete it)\n`);
    if (stale.length + orphans.length === 0) io.stdout(`${files.length} suite${files.length === 1 ? '' : 's'} up to date\n`);
    return stale.length + orphans.length ? 1 : 0;
  }
  for (const path of orphans) io.stderr(`warning: ${shownPath(io, path)} is generated for a module that no longer exists (delete it)\n`);
  for (const [path, text] of files) {
    try {
      writeFileAtomic(path, text);
    } catch (e) {
      throw writeError(io, path, e);
    }
    io.stdout(`wrote ${shownPath(io, path)}\n`);
  }
  return 0;
}

/** Generated suites in `outDir` (by their header) of modules not in `modules`. */
function orphanSuites(outDir: string, modules: Set<string>): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir)
    .filter((f) => {
      const module = /^(.*)\.(test\.ts|pgtap\.sql)$/.exec(f)?.[1];
      return module !== undefined && !modules.has(module);
    })
    .sort()
    .map((f) => join(outDir, f))
    .filter((path) => isGenerated(path));
}

function isGenerated(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').split('\n', 1)[0]!.includes(GENERATED_MARK);
  } catch {
    return false;
  }
}
