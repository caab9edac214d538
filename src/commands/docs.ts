import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../engine/config/types.js';
import type { Standard } from '../engine/standard.js';
import { generateModuleDocs } from '../generators/docs/index.js';
import type { BuiltModel } from '../sources/build.js';
import { requireModules, shownPath, warnIfIncomplete, writeError } from './generate-common.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';

export interface DocsOptions {
  model: BuiltModel;
  modules: string[];
  /** Each module's files go to `<outDir>/<module>/`. */
  outDir: string;
  /** Each module's files go to `docs/` in the module's own directory instead (outDir is not used). */
  inModule?: boolean;
  /** Write nothing: compare the files on disk with what would be written; exit 1 when any differs or is missing. */
  check?: boolean;
  /** The configuration's standard, for table kinds the model does not declare. */
  standard?: Standard;
}

/**
 * `ismslint docs [modules..] [--out dir | --in-module] [--check]`: writes tables.md, fields.md,
 * relationships.md, validation-rules.md and versioning.md per module and prints each path; with
 * --check writes nothing and lists the files that are stale (exit 1) instead.
 */
export async function runDocs(io: CommandIO, opts: DocsOptions): Promise<number> {
  const modules = [...new Set(opts.modules)];
  requireModules(opts.model, modules);
  for (const m of modules) {
    // A module name becomes a directory name: it must not climb out of the output directory.
    if (m === '' || m === '.' || m === '..' || /[/\\\0]/.test(m)) throw new UsageError(`module name "${m}" cannot be used as a directory name`);
  }
  const outDir = resolve(io.cwd, opts.outDir);
  const stale: string[] = [];
  for (const m of modules) {
    warnIfIncomplete(io, opts.model, m);
    const dir = opts.inModule ? join(resolve(io.cwd, opts.model.catalog.modules.find((x) => x.name === m)!.dir), 'docs') : join(outDir, m);
    for (const [file, text] of generateModuleDocs(opts.model.catalog, m, { standard: opts.standard })) {
      const target = join(dir, file);
      if (opts.check) {
        const current = readIfExists(target);
        if (current !== text) stale.push(`${shownPath(io, target)}: ${current === undefined ? 'missing' : 'differs from what ismslint docs generates'}`);
        continue;
      }
      try {
        writeFileAtomic(target, text, shownPath(io, target));
      } catch (e) {
        throw writeError(io, target, e);
      }
      io.stdout(`wrote ${shownPath(io, target)}\n`);
    }
  }
  if (!opts.check) return 0;
  for (const s of stale) io.stdout(`${s}\n`);
  if (stale.length) io.stdout(`${stale.length} documentation file${stale.length === 1 ? ' is' : 's are'} out of date: run ismslint docs${opts.inModule ? ' --in-module' : ''} without --check\n`);
  return stale.length ? 1 : 0;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
