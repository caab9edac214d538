import { resolve } from 'node:path';
import { allRules } from '../../rules/index.js';
import { loadConfig } from '../engine/config/load.js';
import type { ResolvedConfig } from '../engine/config/types.js';
import { UsageError } from '../engine/config/types.js';
import { buildModel, startParserThread, type BuiltModel, type InputModule } from '../sources/build.js';
import { createSchemaJsonLoader } from '../sources/schema-json/index.js';
import { loadParser } from '../sources/sql/parser.js';
import { discoverModules, skippedSqlFindings } from '../sources/workspace.js';
import type { CommandIO } from './io.js';

export interface Workspace {
  config: ResolvedConfig;
  model: BuiltModel;
  /** The files the model was built from, for building it again with changes (lint --fix-migration). */
  modules: InputModule[];
}

export function todayUtc(env: NodeJS.ProcessEnv): string {
  const forced = env.ISMSLINT_TODAY;
  if (forced !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(forced)) throw new UsageError(`ISMSLINT_TODAY must be a date like 2026-11-21, got "${forced}"`);
    return forced;
  }
  return new Date().toISOString().slice(0, 10);
}

/** Configuration, module discovery and the schema model: what every command starts from. */
export async function loadWorkspace(io: CommandIO, opts: { paths: string[]; config?: string; onFile?: (done: number, total: number) => void }): Promise<Workspace> {
  // The parser compiles on a background thread while this one reads the configuration and the files.
  const parser = loadParser();
  parser.catch(() => {});
  const config = loadConfig(allRules, { cwd: io.cwd, configPath: opts.config });
  const paths = opts.paths.length > 0 ? opts.paths : config.roots.map((r) => resolve(config.baseDir, r));
  const { modules, skipped } = discoverModules(paths, { cwd: io.cwd, baseDir: config.baseDir, ignorePatterns: config.ignorePatterns, migrations: config.migrations });
  const parserThread = startParserThread(modules);
  try {
    await parser;
  } catch (e) {
    parserThread?.close();
    throw e;
  }
  const model = buildModel(modules, config.standard.globalModule, createSchemaJsonLoader({ today: todayUtc(io.env) }), parserThread, {
    onFile: opts.onFile,
    moduleOrder: config.moduleOrder,
    extensions: config.extensions,
  });
  for (const f of skippedSqlFindings(skipped, config.migrations)) model.findings.push(f);
  return { config, model, modules };
}
