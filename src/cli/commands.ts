import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allRules } from '../../rules/index.js';
import { runDocs } from '../commands/docs.js';
import { runInit } from '../commands/init.js';
import type { CommandIO } from '../commands/io.js';
import { runLint, wantsColor } from '../commands/lint.js';
import { runRulesCommand } from '../commands/rules.js';
import { runSql } from '../commands/sql.js';
import { loadWorkspace } from '../commands/workspace.js';
import { loadConfig } from '../engine/config/load.js';
import { UsageError } from '../engine/config/types.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  value?: string;
  describe: string;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** Name and description of the positional arguments; `required` ones must be given. */
  positionals: { name: string; describe: string; required?: boolean; variadic?: boolean };
  options: Record<string, OptionSpec>;
  run(io: CommandIO, positionals: string[], values: Values): Promise<number>;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  config: { type: 'string', value: 'file', describe: 'Path to ismslint.config.json (default: the nearest one from the working directory up)' },
  debug: { type: 'boolean', describe: 'Show stack traces of internal errors' },
  help: { type: 'boolean', short: 'h', describe: 'Show help' },
  version: { type: 'boolean', describe: 'Show the version' },
  color: { type: 'boolean', describe: 'Force colour on (default: on for a terminal, off under NO_COLOR)' },
  'no-color': { type: 'boolean', describe: 'Force colour off' },
};

const str = (v: Values[string]) => (typeof v === 'string' ? v : undefined);
const list = (v: Values[string]) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

function wholeNumber(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw new UsageError(`--${name} must be a whole number (got "${v}")`);
  return Number(v);
}

const rootOption: OptionSpec = { type: 'string', multiple: true, value: 'dir', describe: 'Workspace or module directory to load (repeatable; default: roots from the config)' };

export const COMMANDS: CommandSpec[] = [
  {
    name: 'lint',
    usage: 'ismslint lint [paths..] [options]',
    summary: 'Lint modules (schema.json and migrations/*.sql) against the database standard',
    positionals: { name: 'paths', describe: 'Module or workspace directories, or files (default: roots from the config, module-schemas/)', variadic: true },
    options: {
      format: { type: 'string', short: 'f', default: 'stylish', value: 'name', describe: 'stylish | json | sarif | github' },
      'output-file': { type: 'string', short: 'o', value: 'file', describe: 'Write the report to this file (atomically) instead of standard output' },
      quiet: { type: 'boolean', describe: 'Report errors only' },
      'max-warnings': { type: 'string', value: 'n', describe: 'Fail (exit 1) when there are more warnings than this' },
      'changed-since': { type: 'string', value: 'ref', describe: 'Lint only the modules whose files changed since this git ref, judged with their whole workspace' },
      'base-dir': { type: 'string', value: 'dir', describe: 'Make sarif and github paths relative to this directory (default: the git repository root)' },
    },
    async run(io, positionals, v) {
      const r = await runLint(io, {
        paths: positionals,
        config: str(v.config),
        format: str(v.format) ?? 'stylish',
        outputFile: str(v['output-file']),
        quiet: v.quiet === true,
        maxWarnings: wholeNumber('max-warnings', str(v['max-warnings'])),
        color: v['no-color'] === true ? false : v.color === true ? true : undefined,
        baseDir: str(v['base-dir']),
        changedSince: str(v['changed-since']),
      });
      return r.exitCode;
    },
  },
  {
    name: 'sql',
    usage: 'ismslint sql <module> [--out file]',
    summary: 'Generate PostgreSQL DDL for a module (a module name in the workspace, or a module directory)',
    positionals: { name: 'module', describe: 'Module name or directory', required: true },
    options: {
      out: { type: 'string', value: 'file', describe: 'Write to this file (atomically) instead of standard output' },
      root: rootOption,
    },
    async run(io, [module], v) {
      const asPath = /[/\\]/.test(module!) || module!.startsWith('.');
      const { model } = await loadWorkspace(io, { paths: asPath ? [module!] : list(v.root), config: str(v.config) });
      const name = asPath ? (model.catalog.modules.find((m) => resolve(io.cwd, m.dir) === resolve(io.cwd, module!))?.name ?? module!) : module!;
      return runSql(io, { model, module: name, out: str(v.out) });
    },
  },
  {
    name: 'docs',
    usage: 'ismslint docs [modules..] [--out dir]',
    summary: 'Generate tables.md, fields.md and relationships.md (with a Mermaid ER diagram) per module',
    positionals: { name: 'modules', describe: 'Module names (default: all)', variadic: true },
    options: {
      out: { type: 'string', default: 'reports/docs', value: 'dir', describe: 'Output directory' },
      root: rootOption,
    },
    async run(io, modules, v) {
      const { model, config } = await loadWorkspace(io, { paths: list(v.root), config: str(v.config) });
      const names = modules.length ? modules : model.catalog.modules.map((m) => m.name);
      return runDocs(io, { model, modules: names, outDir: resolve(io.cwd, str(v.out) ?? 'reports/docs'), standard: config.standard });
    },
  },
  {
    name: 'init',
    usage: 'ismslint init <module> [--root dir]',
    summary: 'Scaffold <root>/<module>/schema.json with one compliant example table (and the global module, in a new project)',
    positionals: { name: 'module', describe: 'Module name (snake_case)', required: true },
    options: { root: { type: 'string', value: 'dir', describe: 'Workspace directory (default: the first root in the config)' } },
    async run(io, [module], v) {
      const config = loadConfig(allRules, { cwd: io.cwd, configPath: str(v.config) });
      const root = str(v.root) !== undefined ? resolve(io.cwd, str(v.root)!) : resolve(config.baseDir, config.roots[0] ?? 'module-schemas');
      // A new project has no global module yet: without one, no module can lint clean.
      const roots = [root, ...config.roots.map((r) => resolve(config.baseDir, r))];
      const withGlobal = !roots.some((r) => existsSync(join(r, config.standard.globalModule)));
      return runInit(io, { module: module!, root, standard: config.standard, withGlobal });
    },
  },
  {
    name: 'rules',
    usage: 'ismslint rules [rule-id]',
    summary: "List every rule with its category, default severity and summary; with an id, print that rule's documentation",
    positionals: { name: 'rule-id', describe: 'A rule id, e.g. foreign-key-index' },
    options: {},
    async run(io, [id], v) {
      return runRulesCommand(io, { id, color: wantsColor(io, v['no-color'] === true ? false : v.color === true ? true : undefined) });
    },
  },
];
