import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { controlCatalog } from '../../rules/controls.js';
import { allRules } from '../../rules/index.js';
import { UsageError } from '../engine/config/types.js';
import type { Finding } from '../engine/finding.js';
import { fixText } from '../engine/fix.js';
import { classifyTable } from '../engine/rule.js';
import { runRules } from '../engine/runner.js';
import { ruleDocsUrl, toolVersion } from '../package-info.js';
import { buildReport } from '../reports/build.js';
import type { JudgedTable } from '../reports/criteria.js';
import { declaredWaivers } from '../reports/declared-waivers.js';
import { configHash, gitEvidence, ruleSetHash, sha256 } from '../reports/evidence.js';
import { readQaResults } from '../reports/qa-results.js';
import type { ComplianceReport, QaSummary } from '../reports/types.js';
import { collectWaivers } from '../reports/waivers.js';
import type { ReportFormat } from '../reports/write.js';
import { REPORT_FORMATS, existingGeneratedAt, renderReport, staleFiles } from '../reports/write.js';
import type { CommandIO } from './io.js';
import { writeFileAtomic } from './io.js';
import { loadWorkspace, todayUtc, type Workspace } from './workspace.js';

export interface ReportOptions {
  paths: string[];
  config?: string;
  outDir: string;
  formats: string[];
  previous?: string;
  qaResults: string[];
  gate: boolean;
  check: boolean;
  mutationThreshold?: number;
  /** The workspace of `paths`, already loaded (`ismslint check` shares one). */
  workspace?: Workspace;
}

/** The six documents the seed asks of every module. */
export const MODULE_DOCUMENTS = ['schema.json', 'tables.md', 'fields.md', 'relationships.md', 'validation-rules.md', 'versioning.md'];

export function parseFormats(list: string[]): ReportFormat[] {
  const formats = list
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown report format "${f}" (choose from: ${REPORT_FORMATS.join(', ')})`);
  }
  return formats.length ? (formats as ReportFormat[]) : ['html', 'md', 'json'];
}

function generatedAt(env: NodeJS.ProcessEnv): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, got "${epoch}"`);
    return new Date(Number(epoch) * 1000).toISOString().replace('.000Z', 'Z');
  }
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(e))}`);
  }
}

function readPrevious(path: string): ComplianceReport {
  const text = readText(path, 'previous report');
  try {
    const value = JSON.parse(text) as ComplianceReport;
    if (!value || typeof value !== 'object' || !Array.isArray(value.findings) || !value.verdict) throw new Error('shape');
    return value;
  } catch {
    throw new UsageError(`--previous ${path} is not a compliance-report.json written by ismslint report`);
  }
}

function moduleDocuments(dir: string, name: string, baseDir: string): { present: number; expected: number } {
  const places = [dir, join(dir, 'docs'), join(baseDir, 'reports', 'docs', name)];
  const present = MODULE_DOCUMENTS.filter((doc) => places.some((p) => existsSync(join(p, doc)))).length;
  return { present, expected: MODULE_DOCUMENTS.length };
}

function moduleVersion(dir: string): string | null {
  const path = join(dir, 'schema.json');
  if (!existsSync(path)) return null;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown };
    return typeof value.version === 'string' ? value.version : null;
  } catch {
    return null;
  }
}

/** A finding's fix as one line: the SQL statement, or the JSON edit. */
function fixOf(f: Finding): string | null {
  return f.fix ? fixText(f.fix) : null;
}

/** Build the report from the workspace; nothing is written. */
export async function computeReport(io: CommandIO, opts: ReportOptions, stamp: string | null): Promise<ComplianceReport> {
  const { config, model } = opts.workspace ?? (await loadWorkspace(io, opts));
  const findings = runRules({ catalog: model.catalog, rules: allRules, config, sourceFindings: model.findings, directives: model.directives });
  const baseDir = config.baseDir;
  const displayPath = (file: string) => {
    const rel = relative(baseDir, resolve(io.cwd, file));
    return (rel.startsWith('..') ? resolve(io.cwd, file) : rel).split(sep).join('/');
  };
  const tables: JudgedTable[] = [...model.catalog.tables.values()]
    .map((t) => ({ table: t, key: `${t.schema}.${t.name}`, kind: classifyTable(t, config.standard) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const enabled = (id: string) => (config.rules.get(id)?.severity ?? 'off') !== 'off';
  const today = todayUtc(io.env);
  const abs = (file: string) => resolve(io.cwd, file);
  const declared = model.catalog.modules.flatMap((m) =>
    m.files.filter((f) => basename(f) === 'schema.json').flatMap((f) => declaredWaivers(f, readText(abs(f), 'schema.json'), m.name, config.standard.defaultSchema)),
  );
  const waivers = collectWaivers(declared, model.directives, findings, today, displayPath);
  const modules = model.catalog.modules
    .map((m) => ({ name: m.name, version: moduleVersion(abs(m.dir)), documents: moduleDocuments(abs(m.dir), m.name, baseDir) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // `config.file` names the default file even when there is none.
  const configPath = config.file && existsSync(resolve(io.cwd, config.file)) ? resolve(io.cwd, config.file) : undefined;
  const inputFiles = [...new Set([...model.catalog.modules.flatMap((m) => m.files.map(abs)), ...(configPath ? [configPath] : [])])].sort();
  const qaFiles = opts.qaResults.map((p) => ({ path: p, text: readText(resolve(io.cwd, p), 'QA results') }));
  let qa: QaSummary | null = null;
  if (qaFiles.length > 0) {
    try {
      qa = readQaResults(qaFiles.map((f) => ({ path: displayPath(f.path), text: f.text })));
    } catch (e) {
      throw new UsageError(`--qa-results: ${(e as Error).message}`);
    }
  }
  const inputs = [...inputFiles.map((f) => ({ path: displayPath(f), bytes: readFileSync(f) })), ...qaFiles.map((f) => ({ path: displayPath(f.path), bytes: Buffer.from(f.text) }))]
    .map((f) => ({ path: f.path, sha256: sha256(f.bytes) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return buildReport({
    catalog: model.catalog,
    findings,
    rules: allRules.map((r) => r.meta),
    enabled,
    tables,
    controls: controlCatalog,
    waivers,
    modules,
    displayPath,
    docsUrl: ruleDocsUrl,
    fixOf,
    previous: opts.previous ? readPrevious(resolve(io.cwd, opts.previous)) : null,
    qa,
    evidence: {
      tool: { name: 'ismslint', version: toolVersion },
      ruleSetHash: ruleSetHash(
        toolVersion,
        allRules.map((r) => r.meta),
      ),
      configHash: configHash(config),
      configFile: configPath ? displayPath(configPath) : null,
      git: gitEvidence(
        baseDir,
        inputFiles.map((f) => relative(baseDir, f)),
      ),
      inputs,
      qaEngine: qa?.engine ?? null,
    },
    generatedAt: stamp,
    mutationThreshold: opts.mutationThreshold ?? config.qaMutationThreshold,
  });
}

/** `ismslint report`: write the report (or, with --check, compare it); exit by the verdict unless --no-gate. */
export async function runReport(io: CommandIO, opts: ReportOptions): Promise<number> {
  const formats = parseFormats(opts.formats);
  const outDir = resolve(io.cwd, opts.outDir);
  // A report already there keeps its generated-at time while nothing else changed: regenerating
  // an up-to-date report neither rewrites it nor leaves a working tree dirty.
  const kept = existingGeneratedAt(outDir);
  const explicit = io.env.SOURCE_DATE_EPOCH !== undefined && io.env.SOURCE_DATE_EPOCH !== '' && !opts.check;
  const report = await computeReport(io, opts, kept !== undefined && !explicit ? kept : generatedAt(io.env));
  let files = renderReport(report, formats);
  const where = relative(io.cwd, outDir) || '.';
  const stale = staleFiles(outDir, files);
  if (opts.check) {
    if (stale.length > 0) {
      io.stderr(`ismslint report --check: ${stale.map((n) => join(where, n)).join(', ')} ${stale.length === 1 ? 'is' : 'are'} out of date: run ismslint report and commit the result\n`);
      return 1;
    }
    io.stdout(`${report.verdict.decision}: ${report.verdict.reason}\nThe report in ${where}/ is up to date.\n`);
  } else {
    let state = 'up to date';
    if (stale.length > 0) {
      if (kept !== undefined && !explicit) {
        report.generatedAt = generatedAt(io.env);
        files = renderReport(report, formats);
      }
      for (const [name, content] of files) writeFileAtomic(join(outDir, name), content);
      state = [...files.keys()].join(', ');
    }
    const main = files.has('compliance-report.html') ? 'compliance-report.html' : [...files.keys()][0]!;
    io.stdout(`${report.verdict.decision}: ${report.verdict.reason}\nReport: ${join(where, main)} (${state})\n`);
  }
  if (!opts.gate) return 0;
  return report.verdict.decision === 'REJECT' ? 1 : 0;
}
