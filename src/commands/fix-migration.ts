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

function shownPath(cwd: string, path: string): string {
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

/** A statement that renames runs after the fixes that still use the old name. */
function phase(sql: string): number {
  if (/^ALTER TABLE .* RENAME TO /s.test(sql)) return 2;
  if (/ RENAME (TO|COLUMN|CONSTRAINT) /.test(sql)) return 1;
  return 0;
}

/** Comments carry input text: nothing in it may end the comment line. */
function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

/** The migration text: every distinct SQL fix once, renames last, each with the findings it fixes. */
export function fixMigrationText(findings: Finding[], toolVersion: string): string {
  const statements = new Map<string, string[]>();
  for (const f of findings) {
    if (f.suppression || f.fix?.kind !== 'sql') continue;
    const sql = (f.fix as SqlFix).sql;
    const sources = statements.get(sql) ?? [];
    sources.push(`${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column}`);
    statements.set(sql, sources);
  }
  const ordered = [...statements].map(([sql, sources], i) => ({ sql, sources, i })).sort((a, b) => phase(a.sql) - phase(b.sql) || a.i - b.i);
  const lines = [`-- Fixes proposed by ismslint ${toolVersion} for ${ordered.length} statement${ordered.length === 1 ? '' : 's'}; review before applying.`];
  for (const { sql, sources } of ordered) {
    lines.push('', ...sources.map((s) => `-- ${commentText(s)}`), `${sql};`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Creates the file and never replaces one: the content goes to a temporary file that is then
 * hard-linked to the name, which fails if anything has that name, so a reader sees all or nothing.
 */
export function writeNewFile(path: string, content: string): void {
  const target = resolve(path);
  const tmp = `${target}.ismslint-tmp-${process.pid}`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(tmp, content);
    linkSync(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`--fix-migration: ${path} exists; fixes go into a new migration, never into an existing file`);
    throw new UsageError(`--fix-migration: cannot write ${path}: ${code ?? (e as Error).message}`);
  } finally {
    rmSync(tmp, { force: true });
  }
}
