import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ResolvedConfig } from '../engine/config/types.js';
import { UsageError } from '../engine/config/types.js';
import { toolVersion } from '../package-info.js';
import { moduleSuite, type ModuleSuite } from '../qa/suite.js';
import type { BuiltModel } from '../sources/build.js';
import { requireModules, warnIfIncomplete } from './generate-common.js';
import type { CommandIO } from './io.js';
import { loadWorkspace, type Workspace } from './workspace.js';

export interface QaSelection {
  config: ResolvedConfig;
  model: BuiltModel;
  modules: string[];
}

const looksLikePath = (s: string) => /[/\\]/.test(s) || s.startsWith('.');

/**
 * `[modules|paths]`: module names of the workspace, or directories loaded next to the configured roots
 * (so the global module is there to build on). None: every module. `roots` is the configured roots'
 * workspace when the caller has loaded it already.
 */
export async function selectModules(io: CommandIO, args: string[], configPath?: string, roots?: Workspace): Promise<QaSelection> {
  const paths = args.filter((a) => looksLikePath(a) || (existsSync(resolve(io.cwd, a)) && !/^[a-z0-9_]+$/.test(a)));
  const names = args.filter((a) => !paths.includes(a));
  const first = roots ?? (await loadWorkspace(io, { paths: [], config: configPath }));
  let { model } = first;
  if (paths.length) {
    // A path that is a workspace of its own (it has the global module) is built alone; a module
    // directory is built with the configured roots, so that its references to global resolve.
    const alone = (await loadWorkspace(io, { paths, config: configPath })).model;
    if (alone.catalog.modules.some((m) => m.name === first.config.standard.globalModule)) model = alone;
    else {
      const roots = first.config.roots.map((r) => resolve(first.config.baseDir, r)).filter((r) => existsSync(r));
      model = (await loadWorkspace(io, { paths: [...roots, ...paths], config: configPath })).model;
    }
  }
  requireModules(model, names);
  const under = (dir: string, p: string) => {
    const rel = relative(resolve(io.cwd, p), resolve(io.cwd, dir));
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !rel.includes(':'));
  };
  const fromPaths = model.catalog.modules.filter((m) => paths.some((p) => under(m.dir, p))).map((m) => m.name);
  const modules = args.length ? [...new Set([...names, ...fromPaths])] : model.catalog.modules.map((m) => m.name);
  if (args.length && modules.length === 0) throw new UsageError(`no module found in ${paths.join(', ')}`);
  for (const m of modules) warnIfIncomplete(io, model, m);
  return { config: first.config, model, modules: modules.sort() };
}

/** Each module's suite; migration paths relative to `relativeTo` (the output directory, or the working directory). */
export function moduleSuites(io: CommandIO, sel: QaSelection, relativeTo: string): ModuleSuite[] {
  return sel.modules.map((module) =>
    moduleSuite({
      catalog: sel.model.catalog,
      standard: sel.config.standard,
      module,
      version: toolVersion,
      read: (p) => readFileSync(resolve(io.cwd, p)),
      projectPath: (p) => relative(sel.config.baseDir, resolve(io.cwd, p)).split(sep).join('/'),
      pathFor: (p) => relative(relativeTo, resolve(io.cwd, p)).split(sep).join('/'),
    }),
  );
}
