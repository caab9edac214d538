import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allRules } from '../../rules/index.js';
import type { CommandIO } from '../commands/io.js';
import { runLint, wantsColor } from '../commands/lint.js';
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

const reportOptions: Record<string, OptionSpec> = {
  out: { type: 'string', default: 'reports', value: 'dir', describe: 'Directory to write the report to' },
  format: { type: 'string', multiple: true, value: 'list', describe: 'Comma-separated formats: html, md, json, csv, junit (default: html,md,json)' },
  previous: { type: 'string', value: 'file', describe: 'A previous compliance-report.json, for new, fixed and changed findings and controls' },
  'qa-results': { type: 'string', multiple: true, value: 'file', describe: 'ismslint test results (JSON or JUnit), for the QA pass rate and mutation score' },
  'no-gate': { type: 'boolean', describe: 'Exit 0 whatever the verdict' },
  check: { type: 'boolean', describe: 'Compare the report in --out with what would be written (all but the generated-at time); exit 1 when out of date' },
};

const { check: _reportCheckOnly, ...checkOptions } = reportOptions;

function reportArgs(positionals: string[], v: Values) {
  return {
    paths: positionals,
    config: str(v.config),
    outDir: str(v.out) ?? 'reports',
    formats: list(v.format),
    previous: str(v.previous),
    qaResults: list(v['qa-results']),
    gate: v['no-gate'] !== true,
    check: v.check === true,
  };
}

/**
 * A command's module is imported when the command runs, so that a start-up loads only the code of the
 * command given: `lint`, which every pre-commit run starts, does not load the QA generator, the QA
 * runtime or the report. `lint`'s own module stays a static import, loaded with the CLI.
 */
export const COMMANDS: CommandSpec[] = [
  {
    name: 'lint',
    usage: 'ismslint lint [paths..] [options]',
    summary: 'Lint modules (schema.json and migrations/*.sql) against the database standard',
    positionals: { name: 'paths', describe: 'Module or workspace directories, or files (default: roots from the config, module-schemas/)', variadic: true },
    options: {
      format: { type: 'string', short: 'f', default: 'stylish', value: 'name', describe: 'stylish | json | sarif | github | gitlab | junit' },
      'output-file': { type: 'string', short: 'o', value: 'file', describe: 'Write the report to this file (atomically) instead of standard output' },
      quiet: { type: 'boolean', describe: 'Report errors only' },
      'max-warnings': { type: 'string', value: 'n', describe: 'Fail (exit 1) when there are more warnings than this' },
      fix: { type: 'boolean', describe: 'Apply the fixes of schema.json findings to those files (migrations are never edited: see --fix-migration)' },
      'fix-migration': { type: 'string', value: 'file', describe: 'Write every SQL fix of the run into this new migration file (never an existing one)' },
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
        fixMigration: str(v['fix-migration']),
        fix: v.fix === true,
        baseDir: str(v['base-dir']),
        changedSince: str(v['changed-since']),
      });
      return r.exitCode;
    },
  },
  {
    name: 'sql',
    usage: 'ismslint sql <module> [--out file] [--root dir]',
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
      return (await import('../commands/sql.js')).runSql(io, { model, module: name, out: str(v.out) });
    },
  },
  {
    name: 'docs',
    usage: 'ismslint docs [modules..] [--out dir | --in-module] [--check]',
    summary: 'Generate tables.md, fields.md, relationships.md (with a Mermaid ER diagram), validation-rules.md and versioning.md per module',
    positionals: { name: 'modules', describe: 'Module names (default: all)', variadic: true },
    options: {
      out: { type: 'string', default: 'reports/docs', value: 'dir', describe: 'Output directory (each module in <dir>/<module>/)' },
      'in-module': { type: 'boolean', describe: "Write each module's docs to docs/ in the module's own directory instead of --out" },
      check: { type: 'boolean', describe: 'Write nothing; exit 1 when the docs on disk differ from what would be generated (for CI)' },
      root: rootOption,
    },
    async run(io, modules, v) {
      const { model, config } = await loadWorkspace(io, { paths: list(v.root), config: str(v.config) });
      const names = modules.length ? modules : model.catalog.modules.map((m) => m.name);
      if (v['in-module'] === true && typeof v.out === 'string' && v.out !== 'reports/docs')
        throw new UsageError('--out and --in-module exclude each other: --in-module writes to docs/ in each module directory');
      return (await import('../commands/docs.js')).runDocs(io, {
        model,
        modules: names,
        outDir: resolve(io.cwd, str(v.out) ?? 'reports/docs'),
        inModule: v['in-module'] === true,
        check: v.check === true,
        standard: config.standard,
      });
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
      const holding = roots.find((r) => existsSync(join(r, config.standard.globalModule)));
      const globalIn = holding !== undefined && holding !== root && !roots.slice(1).includes(root) ? holding : undefined;
      return (await import('../commands/init.js')).runInit(io, { module: module!, root, standard: config.standard, withGlobal: holding === undefined, globalIn, config: str(v.config) });
    },
  },
  {
    name: 'rules',
    usage: 'ismslint rules [rule-id]',
    summary: "List every rule with its category, default severity and summary; with an id, print that rule's documentation",
    positionals: { name: 'rule-id', describe: 'A rule id, e.g. foreign-key-index' },
    options: {},
    async run(io, [id], v) {
      return (await import('../commands/rules.js')).runRulesCommand(io, { id, color: wantsColor(io, v['no-color'] === true ? false : v.color === true ? true : undefined) });
    },
  },
  {
    name: 'report',
    usage: 'ismslint report [paths..] [--out dir] [--format html,md,json,csv,junit] [--previous file] [--qa-results file..] [--no-gate] [--check]',
    summary: 'Write the compliance report the Foreman approves from (verdict, criteria, controls, waivers, trend, evidence)',
    positionals: { name: 'paths', describe: 'Module or workspace directories (default: roots from the config)', variadic: true },
    options: reportOptions,
    async run(io, positionals, v) {
      return (await import('../commands/report.js')).runReport(io, reportArgs(positionals, v));
    },
  },
  {
    name: 'check',
    usage: 'ismslint check [paths..] [--out dir] [--format …] [--previous file] [--no-gate]',
    summary: 'The whole governance run: lint, then the compliance report; exits by the verdict',
    positionals: { name: 'paths', describe: 'Module or workspace directories (default: roots from the config)', variadic: true },
    options: checkOptions,
    async run(io, positionals, v) {
      return (await import('../commands/check.js')).runCheck(io, reportArgs(positionals, v));
    },
  },
  {
    name: 'generate-tests',
    usage: 'ismslint generate-tests [modules|paths..] [--target vitest|pgtap|all] [--out dir] [--check]',
    summary: 'Generate QA suites per module: vitest (on PGlite or PostgreSQL) and pgTAP (for pg_prove)',
    positionals: { name: 'modules', describe: 'Module names, or module/workspace directories (default: all modules)', variadic: true },
    options: {
      target: { type: 'string', default: 'all', value: 'name', describe: 'vitest | pgtap | all' },
      out: { type: 'string', value: 'dir', describe: 'Output directory (default: qa.outDir of the configuration, else qa)' },
      check: { type: 'boolean', describe: 'Write nothing; exit 1 when a suite in the output directory is out of date' },
    },
    async run(io, args, v) {
      return (await import('../commands/generate-tests.js')).runGenerateTests(io, { args, config: str(v.config), target: str(v.target) ?? 'all', outDir: str(v.out), check: v.check === true });
    },
  },
  {
    name: 'test',
    usage: 'ismslint test [modules|paths..] [--database-url url] [--reporter name] [--output-file file] [--mutation [--mutation-threshold percent]]',
    summary: 'Build each module on a fresh database (PGlite, or PostgreSQL) and check its QA requirements',
    positionals: { name: 'modules', describe: 'Module names, or module/workspace directories (default: all modules)', variadic: true },
    options: {
      'database-url': { type: 'string', value: 'url', describe: 'PostgreSQL server to create a fresh database on (default: ISMSLINT_DATABASE_URL, else embedded PGlite)' },
      reporter: { type: 'string', default: 'stylish', value: 'name', describe: 'stylish | junit | json | tap' },
      'output-file': { type: 'string', short: 'o', value: 'file', describe: 'Write the results to this file (atomically) instead of standard output' },
      mutation: { type: 'boolean', describe: 'Mutation analysis: the score per operator, and every surviving mutant' },
      'mutation-threshold': {
        type: 'string',
        value: 'percent',
        describe: "With --mutation: fail (exit 1) below this score (default: qa.mutationThreshold of the configuration, else 95), or when a mutant of the standard's own operators survives",
      },
    },
    async run(io, args, v) {
      const threshold = str(v['mutation-threshold'])?.replace(/%$/, '');
      if (threshold !== undefined && !/^\d+(\.\d+)?$/.test(threshold)) throw new UsageError(`--mutation-threshold must be a percentage from 0 to 100 (got "${threshold}")`);
      return (await import('../commands/test.js')).runTest(io, {
        args,
        config: str(v.config),
        databaseUrl: str(v['database-url']),
        reporter: str(v.reporter) ?? 'stylish',
        outputFile: str(v['output-file']),
        mutation: v.mutation === true,
        threshold: threshold === undefined ? undefined : Number(threshold),
      });
    },
  },
];
