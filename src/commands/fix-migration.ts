import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { UsageError } from '../engine/config/types.js';
import type { Finding, SqlFix } from '../engine/finding.js';
import type { ModuleInfo } from '../model/catalog.js';

/**
 * Where each SQL fix belongs: the file given to --fix-migration, or else the module's next migration
 * (`003_ismslint_fixes.sql` after `002_relax.sql`), so that SARIF and JSON can name a file to create.
 */
export function placeSqlFixes(findings: Finding[], modules: ModuleInfo[], cwd: string, fixMigration: string | undefined): void {
  const target = fixMigration === undefined ? undefined : shownPath(cwd, fixMigration);
  const byModule = new Map(modules.map((m) => [m.name, m]));
  const next = new Map<string, string>();
  for (const f of findings) {
    if (f.fix?.kind !== 'sql') continue;
    if (target !== undefined) {
      f.fix.file = target;
      continue;
    }
    const module = f.module === undefined ? undefined : byModule.get(f.module);
    if (!module) continue;
    let file = next.get(module.name);
    if (file === undefined) next.set(module.name, (file = nextMigration(module)));
    f.fix.file = file;
  }
}

export function shownPath(cwd: string, path: string): string {
  return relative(cwd, resolve(cwd, path)).split(sep).join('/');
}

/** The module's migrations folder and the number after its last migration's, with the same width. */
export function nextMigration(module: ModuleInfo): string {
  const sql = module.files.filter((f) => /\.sql$/i.test(f));
  const last = sql[sql.length - 1];
  const dir = last ? last.slice(0, last.lastIndexOf('/') + 1) : `${module.dir === '.' ? '' : `${module.dir}/`}migrations/`;
  const base = last ? last.slice(last.lastIndexOf('/') + 1) : '';
  const numbered = /^([Vv]?)(\d+)([_.-]+)/.exec(base);
  if (!numbered) return `${dir}ismslint_fixes.sql`;
  const [, prefix, digits, separator] = numbered;
  const n = (BigInt(digits!) + 1n).toString().padStart(digits!.length, '0');
  return `${dir}${prefix}${n}${separator}ismslint_fixes.sql`;
}

/** Columns take their shape first; renames come after the fixes that still use the old names, tables last. */
const PHASES = { column: 0, undefined: 1, rename: 2, 'rename-table': 3 } as const;
const phase = (fix: SqlFix) => PHASES[`${fix.phase}`];

/** Comments carry input text: nothing in it may end the comment line. */
function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

/** The migration text: every distinct SQL fix once, renames last, each with the findings it fixes. */
export function fixMigrationText(findings: Finding[], toolVersion: string): string {
  const statements = new Map<string, { fix: SqlFix; sources: string[] }>();
  for (const f of findings) {
    if (f.suppression || f.fix?.kind !== 'sql') continue;
    const entry = statements.get(f.fix.sql) ?? { fix: f.fix, sources: [] };
    entry.sources.push(`${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column}`);
    statements.set(f.fix.sql, entry);
  }
  const ordered = [...statements].map(([sql, { fix, sources }], i) => ({ sql, fix, sources, i })).sort((a, b) => phase(a.fix) - phase(b.fix) || a.i - b.i);
  const lines = [`-- Fixes proposed by ismslint ${toolVersion} for ${ordered.length} statement${ordered.length === 1 ? '' : 's'}; review before applying.`];
  for (const { sql, sources } of ordered) {
    lines.push('', ...sources.map((s) => `-- ${commentText(s)}`), `${sql};`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The findings whose SQL fixes make up the migration. A fix can bring a new finding of its own (RLS
 * enabled on a table without a policy), so, as ESLint fixes in passes, the migration is linted with
 * the workspace again (`relint`) and the fixes of new findings join it, until no new statement comes.
 */
export function findingsToFix(findings: Finding[], relint: (migration: string) => Finding[], toolVersion: string, maxPasses = 10): Finding[] {
  const active = (fs: Finding[]) => fs.filter((f) => !f.suppression && f.fix?.kind === 'sql');
  const all = active(findings);
  const seen = new Set(all.map((f) => (f.fix as SqlFix).sql));
  for (let pass = 1; pass < maxPasses && all.length > 0; pass++) {
    const added = active(relint(fixMigrationText(all, toolVersion))).filter((f) => !seen.has((f.fix as SqlFix).sql));
    if (added.length === 0) break;
    for (const f of added) seen.add((f.fix as SqlFix).sql);
    all.push(...added);
  }
  return all;
}

/** The module a new migration belongs to: the one whose folder holds it, else the module of the first fix. */
export function moduleFor(file: string, modules: { name: string; dir: string }[], fallback: string | undefined): string | undefined {
  const holder = modules.filter((m) => m.dir === '.' || file.startsWith(`${m.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];
  return holder?.name ?? fallback;
}

/**
 * Creates the file and never replaces one: the content goes to a temporary file that is then
 * hard-linked to the name, which fails if anything has that name, so a reader sees all or nothing.
 */
export function writeNewFile(path: string, content: string, shown = path): void {
  const target = resolve(path);
  const tmp = `${target}.ismslint-tmp-${process.pid}`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(tmp, content);
    linkSync(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`--fix-migration: ${shown} exists; fixes go into a new migration, never into an existing file`);
    throw new UsageError(`--fix-migration: cannot write ${shown}: ${code ?? (e as Error).message}`);
  } finally {
    rmSync(tmp, { force: true });
  }
}
