import { resolve } from 'node:path';
import { allRules } from '../../rules/index.js';
import type { Finding } from '../engine/finding.js';
import { UsageError } from '../engine/config/types.js';
import { runRules } from '../engine/runner.js';
import { loadConfig } from '../engine/config/load.js';
import { chunkedFormatters, formatNames } from '../formatters/index.js';
import type { ChunkedFormatter, FormatInput } from '../formatters/types.js';
import { formatTimings } from '../formatters/timings.js';
import { buildModel } from '../sources/build.js';
import { createSchemaJsonLoader } from '../sources/schema-json/index.js';
import { applyJsonFixes, MAX_FIX_PASSES } from './fix-json.js';
import { findingsToFix, fixMigrationText, moduleFor, placeSqlFixes, shownPath, writeNewFile } from './fix-migration.js';
import { homepage, ruleDocsUrl, toolVersion } from '../package-info.js';
import type { CommandIO } from './io.js';
import { Chunks, writeFileAtomic, writeInBatches } from './io.js';
import { dropKnockOns } from './knock-on.js';
import { progress } from './progress.js';
import { findRepoRoot } from './repo-root.js';
import { changedModules, fileInScope, inScope, type LintScope, scopeFor } from './scope.js';
import type { Workspace } from './workspace.js';
import { loadWorkspace, todayUtc } from './workspace.js';

export interface LintOptions {
  paths: string[];
  config?: string;
  format: string;
  outputFile?: string;
  quiet: boolean;
  maxWarnings?: number;
  color?: boolean;
  /** Write every SQL fix of the run into this new migration file. */
  fixMigration?: string;
  /** Apply the JSON fixes of schema.json findings to their files, then report what remains. */
  fix?: boolean;
  /** Directory SARIF and github paths are relative to (default: the git repository root, else the working directory). */
  baseDir?: string;
  /** Lint the modules whose files changed since this git ref (in the context of their workspace). */
  changedSince?: string;
  /** The configured roots' workspace, already loaded (`ismslint check` shares one); only without paths. */
  workspace?: Workspace;
}

export interface LintResult {
  exitCode: number;
  findings: Finding[];
}

export function wantsColor(io: CommandIO, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTTY;
}

/** Lint the workspace; 0 = gate passes, 1 = findings fail it. Usage problems throw UsageError (exit 2). */
export async function runLint(io: CommandIO, opts: LintOptions): Promise<LintResult> {
  const formatter = chunkedFormatters[opts.format as keyof typeof chunkedFormatters];
  if (!formatter) throw new UsageError(`unknown format "${opts.format}" (choose one of: ${formatNames.join(', ')})`);
  if (opts.maxWarnings !== undefined && (!Number.isInteger(opts.maxWarnings) || opts.maxWarnings < -1)) {
    throw new UsageError(`--max-warnings must be a whole number (got ${opts.maxWarnings})`);
  }
  let paths = opts.paths;
  if (opts.changedSince !== undefined) {
    if (paths.length > 0) throw new UsageError('--changed-since takes no paths: it lints the modules whose files changed');
    paths = changedModules(opts.changedSince, io.cwd);
    if (paths.length === 0) return report(io, opts, formatter, { findings: [], sources: new Map() });
  }
  const scope = paths.length > 0 ? scopeFor(paths, loadConfig(allRules, { cwd: io.cwd, configPath: opts.config }), io.cwd) : { load: paths };
  const fixed = opts.fix ? await fixSchemaJson(io, opts, scope) : undefined;
  // The last pass of --fix, which had nothing to write, linted the files as they now are (TIMING wants a run of its own).
  const { findings, workspace } = fixed && !io.env.TIMING ? fixed : await lintScope(io, opts, scope, io.env.TIMING ? new Map<string, number>() : undefined);
  // The files read only as context are not the report's: junit would list them as passing.
  const inScope = fileInScope(scope, io.cwd);
  const sources = scope.report ? new Map([...workspace.model.sources].filter(([file]) => inScope(file))) : workspace.model.sources;
  return report(io, opts, formatter, { findings, sources, workspace });
}

/** Load the workspace and run the rules; the findings are those of the scope asked for. */
async function lintScope(io: CommandIO, opts: LintOptions, scope: LintScope, timings?: Map<string, number>): Promise<{ findings: Finding[]; workspace: Workspace }> {
  const shown = progress(io);
  const workspace = opts.workspace ?? (await loadWorkspace(io, { paths: scope.load, config: opts.config, onFile: (done, total) => shown.update('reading files', done, total) }));
  const { config, model } = workspace;
  shown.update('checking rules on tables', model.catalog.tables.size, model.catalog.tables.size);
  let findings = dropKnockOns(runRules({ catalog: model.catalog, rules: allRules, config, sourceFindings: model.findings, directives: model.directives, timings }), model.sources);
  shown.done();
  if (timings) io.stderr(formatTimings(timings, io.env.TIMING!));
  if (scope.report) findings = findings.filter(inScope(scope, io.cwd));
  if (opts.quiet) findings = findings.filter((f) => f.severity === 'error');
  return { findings, workspace };
}

/**
 * `--fix`: lint and apply the schema.json fixes until none is left to apply; say on stderr what changed.
 * Returns the lint of the pass that wrote nothing (the files as they are), or nothing when every pass wrote.
 */
async function fixSchemaJson(io: CommandIO, opts: LintOptions, scope: LintScope): Promise<{ findings: Finding[]; workspace: Workspace } | undefined> {
  const fixed = new Map<string, number>();
  let settled: { findings: Finding[]; workspace: Workspace } | undefined;
  for (let pass = 0; pass < MAX_FIX_PASSES && !settled; pass++) {
    const linted = await lintScope(io, opts, scope);
    const applied = applyJsonFixes(linted.findings, linted.workspace.model.sources, io.cwd);
    if (applied.size === 0) settled = linted;
    for (const [file, n] of applied) fixed.set(file, (fixed.get(file) ?? 0) + n);
  }
  for (const [file, n] of [...fixed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) io.stderr(`ismslint: fixed ${n} ${n === 1 ? 'finding' : 'findings'} in ${shownPath(io.cwd, file)}\n`);
  return settled;
}

/** Format, write and judge the findings against the gate. */
function report(io: CommandIO, opts: LintOptions, formatter: ChunkedFormatter, result: { findings: Finding[]; sources: FormatInput['sources']; workspace?: Workspace }): LintResult {
  const findings = result.findings;
  const workspace = result.workspace;
  if (workspace) placeSqlFixes(findings, workspace.model.catalog.modules, io.cwd, opts.fixMigration);

  const active = findings.filter((f) => !f.suppression);
  const errors = active.filter((f) => f.severity === 'error').length;
  const warnings = active.length - errors;
  // Made as it is written, after the fixes below: a big report is never one string in memory.
  const output = new Chunks(
    formatter({
      findings,
      sources: result.sources,
      rules: allRules.map((r) => r.meta),
      cwd: io.cwd,
      baseDir: opts.baseDir !== undefined ? resolve(io.cwd, opts.baseDir) : (findRepoRoot(io.cwd) ?? io.cwd),
      columns: !opts.outputFile && io.isTTY ? io.columns : undefined,
      color: opts.outputFile ? false : wantsColor(io, opts.color),
      toolVersion,
      helpUri: ruleDocsUrl,
      informationUri: homepage,
    }),
  );
  if (opts.fixMigration !== undefined && workspace) {
    const { config, modules } = workspace;
    const file = shownPath(io.cwd, opts.fixMigration);
    const target = moduleFor(file, modules, findings.find((f) => f.fix?.kind === 'sql')?.module);
    const relint = (migration: string): Finding[] => {
      const bytes = new TextEncoder().encode(migration);
      const changed = modules.map((m) => (m.name === target ? { ...m, migrations: [...m.migrations, { path: file, bytes }] } : m));
      const again = buildModel(changed, config.standard.globalModule, createSchemaJsonLoader({ today: todayUtc(io.env) }), undefined, {
        extensions: config.extensions,
        moduleOrder: config.moduleOrder,
      });
      const next = runRules({ catalog: again.catalog, rules: allRules, config, sourceFindings: again.findings, directives: again.directives });
      return opts.quiet ? next.filter((f) => f.severity === 'error') : next;
    };
    const fixing = findingsToFix(findings, relint, toolVersion);
    if (fixing.length > 0) writeNewFile(resolve(io.cwd, opts.fixMigration), fixMigrationText(fixing, toolVersion), opts.fixMigration);
    else io.stderr(`ismslint: no SQL fixes to write; ${opts.fixMigration} not created\n`);
  }
  if (opts.outputFile) writeFileAtomic(resolve(io.cwd, opts.outputFile), output, opts.outputFile);
  else writeInBatches(output, io.stdout);

  const tooManyWarnings = opts.maxWarnings !== undefined && opts.maxWarnings >= 0 && warnings > opts.maxWarnings;
  if (tooManyWarnings) io.stderr(`ismslint found too many warnings (${warnings}; maximum: ${opts.maxWarnings})\n`);
  return { exitCode: errors > 0 || tooManyWarnings ? 1 : 0, findings };
}
