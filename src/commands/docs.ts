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
  /** The configuration's standard, for table kinds the model does not declare. */
  standard?: Standard;
}

/** `ismslint docs [modules..] [--out dir]`: writes tables.md, fields.md, relationships.md per module; prints each path. */
export async function runDocs(io: CommandIO, opts: DocsOptions): Promise<number> {
  const modules = [...new Set(opts.modules)];
  requireModules(opts.model, modules);
  for (const m of modules) {
    // A module name becomes a directory name: it must not climb out of the output directory.
    if (m === '' || m === '.' || m === '..' || /[/\\\0]/.test(m)) throw new UsageError(`module name "${m}" cannot be used as a directory name`);
  }
  const outDir = resolve(io.cwd, opts.outDir);
  for (const m of modules) {
    warnIfIncomplete(io, opts.model, m);
    for (const [file, text] of generateModuleDocs(opts.model.catalog, m, { standard: opts.standard })) {
      const target = join(outDir, m, file);
      try {
        writeFileAtomic(target, text, shownPath(io, target));
      } catch (e) {
        throw writeError(io, target, e);
      }
      io.stdout(`wrote ${shownPath(io, target)}\n`);
    }
  }
  return 0;
}
