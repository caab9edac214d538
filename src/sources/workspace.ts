import { existsSync, readFileSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../engine/config/types.js';
import { globToRegExp, matchesAny } from '../engine/glob.js';
import { sourceFinding } from '../engine/source-messages.js';
import type { RawFinding } from '../engine/suppressions.js';
import type { InputFile, InputModule } from './build.js';
import { fsProblem } from '../engine/fs-error.js';

const SCHEMA_JSON = 'schema.json';

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** fs calls with their errors (permissions, symlink loops …) as one-line UsageErrors. */
function stat(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    throw fsProblem('read', path, e);
  }
}

function list(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw fsProblem('read directory', dir, e);
  }
}

export function isModuleDir(dir: string): boolean {
  if (stat(join(dir, SCHEMA_JSON))) return true;
  if (stat(join(dir, 'migrations'))?.isDirectory()) return true;
  return list(dir).some((f) => isSqlName(f.name));
}

const isSqlName = (name: string) => /\.sql$/i.test(name) && !name.startsWith('.');

/** Down and undo migrations (`*.down.sql`, `down.sql`, Flyway's `U<version>__*.sql`) are never replayed forward. */
export function isUndoMigration(name: string): boolean {
  return /\.down\.sql$/i.test(name) || /^down\.sql$/i.test(name) || /^U\d+(?:[._]\d+)*__.*\.sql$/i.test(name);
}

/** Which files of a module are its migrations: globs relative to the module directory. */
export interface MigrationGlobs {
  include?: string[];
  exclude?: string[];
}

const DEFAULT_INCLUDE = ['migrations/**/*.sql', '*.sql'];
const MAX_DEPTH = 16;
const MAX_DIRS = 10_000;

/** A SQL file of a module directory that is not read as a migration, and why. */
export interface SkippedSqlFile {
  /** Absolute path. */
  path: string;
  /** Relative to the module directory, with forward slashes. */
  relPath: string;
  why: 'outside-include' | 'too-deep' | 'not-in-module';
}

/**
 * A module's migrations: `*.sql` (any case) directly in it and anywhere under `migrations/`, or what
 * `include` names; minus undo migrations and `exclude`. Hidden entries, `node_modules` and symlinked
 * directories are skipped. Other SQL files below the module directory are returned as `skipped`, so
 * that none is left out without notice; undo migrations and `exclude` are deliberate and are not.
 */
function migrationFiles(moduleDir: string, globs: MigrationGlobs = {}): { files: string[]; skipped: SkippedSqlFile[] } {
  const include = globs.include ?? DEFAULT_INCLUDE;
  const exclude = globs.exclude ?? [];
  // Include globs are paths relative to the module directory: `*.sql` is its top level only.
  const includes = include.map((g) => globToRegExp(g.replace(/^\.\//, '')));
  const files: string[] = [];
  const skipped: SkippedSqlFile[] = [];
  let dirs = 0;
  const walk = (dir: string, rel: string, depth: number) => {
    // A module directory is small; one that is a whole project tree is walked only so far.
    if (++dirs > MAX_DIRS) return;
    for (const d of list(dir)) {
      if (d.name.startsWith('.') || d.name === 'node_modules') continue;
      const path = join(dir, d.name);
      const relPath = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (depth < MAX_DEPTH) walk(path, relPath, depth + 1);
        else if (!matchesAny(`${relPath}/x.sql`, exclude)) skipped.push(...sqlBelow(path, relPath));
        continue;
      }
      if (!isSqlName(d.name) || isUndoMigration(d.name)) continue;
      const lower = relPath.replace(/\.sql$/i, '.sql');
      if (matchesAny(lower, exclude) || !stat(path)?.isFile()) continue;
      if (includes.some((re) => re.test(lower))) files.push(path);
      else skipped.push({ path, relPath, why: 'outside-include' });
    }
  };
  walk(moduleDir, '', 0);
  return { files, skipped };
}

/** The first SQL file found in or below a directory that is not walked (too deep, or no module), so that the skip is reported once. */
function sqlBelow(dir: string, rel: string): SkippedSqlFile[] {
  const stack = [{ dir, rel }];
  for (let seen = 0; stack.length > 0 && seen < 1000; seen++) {
    const { dir: d, rel: r } = stack.pop()!;
    for (const e of list(d)) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      if (e.isDirectory()) stack.push({ dir: join(d, e.name), rel: `${r}/${e.name}` });
      else if (isSqlName(e.name) && !isUndoMigration(e.name)) return [{ path: join(d, e.name), relPath: `${r}/${e.name}`, why: 'too-deep' }];
    }
  }
  return [];
}

/** A `sql-file-not-read` finding for each SQL file of a module directory that is not read as a migration. */
export function skippedSqlFindings(skipped: Discovery['skipped'], globs: MigrationGlobs = {}): RawFinding[] {
  const include = globs.include ?? DEFAULT_INCLUDE;
  return skipped.map((f) => {
    const loc = { file: f.shown, line: 1, column: 1, endLine: 1, endColumn: 1 };
    if (f.why === 'not-in-module') {
      return sourceFinding('sql-file-not-read', 'notInModule', { file: f.relPath, folder: f.relPath.slice(0, f.relPath.indexOf('/')) }, { loc });
    }
    const glob = f.relPath.includes('/') ? `${f.relPath.slice(0, f.relPath.lastIndexOf('/'))}/**/*.sql` : f.relPath;
    return f.why === 'too-deep'
      ? sourceFinding('sql-file-not-read', 'tooDeep', { file: f.relPath, maxDepth: MAX_DEPTH, module: f.module, glob }, { loc, module: f.module })
      : sourceFinding('sql-file-not-read', 'notIncluded', { file: f.relPath, module: f.module, include: include.map((g) => `"${g}"`).join(', '), glob }, { loc, module: f.module });
  });
}

/** The `module` property of a schema.json, when it is a usable name; the directory name otherwise. */
function moduleName(dir: string): string {
  const file = join(dir, SCHEMA_JSON);
  if (existsSync(file)) {
    try {
      const name = JSON.parse(readFileSync(file, 'utf8'))?.module;
      if (typeof name === 'string' && /^[a-z][a-z0-9_]*$/.test(name)) return name;
    } catch {
      // An unreadable schema.json is reported when it is loaded; the directory still names the module.
    }
  }
  return basename(dir);
}

export interface Discovery {
  modules: InputModule[];
  /** SQL files in module directories that are not read as migrations (see migrationFiles). */
  skipped: (SkippedSqlFile & { module: string; shown: string })[];
}

/**
 * The module directory a file belongs to: its own directory, or the one above `migrations/` (at any
 * depth below it).
 */
export function moduleDirOf(file: string): string {
  let dir = dirname(file);
  for (let d = dir; dirname(d) !== d; d = dirname(d)) {
    if (basename(d) === 'migrations') {
      dir = dirname(d);
      break;
    }
  }
  return dir;
}

/**
 * Paths → modules. A directory with schema.json and/or migrations/*.sql (or .sql files) is a module; a
 * directory whose subdirectories are modules is a workspace; a lone .sql or schema.json file belongs to
 * the module of its directory (or of the directory above `migrations/`, at any depth).
 */
export function discoverModules(paths: string[], opts: { cwd: string; baseDir: string; ignorePatterns: string[]; migrations?: MigrationGlobs }): Discovery {
  const byDir = new Map<string, { dir: string; schemaJson?: string; sql: Set<string>; skipped: SkippedSqlFile[] }>();
  const entry = (dir: string) => {
    let e = byDir.get(dir);
    if (!e) byDir.set(dir, (e = { dir, sql: new Set(), skipped: [] }));
    return e;
  };
  const shown = (abs: string) => toPosix(relative(opts.cwd, abs)) || '.';
  const outside: Discovery['skipped'] = [];
  const ignored = (abs: string) => opts.ignorePatterns.length > 0 && (matchesAny(toPosix(relative(opts.baseDir, abs)), opts.ignorePatterns) || matchesAny(shown(abs), opts.ignorePatterns));
  const addModuleDir = (dir: string) => {
    if (ignored(dir)) return;
    const e = entry(dir);
    if (existsSync(join(dir, SCHEMA_JSON)) && !ignored(join(dir, SCHEMA_JSON))) e.schemaJson = join(dir, SCHEMA_JSON);
    const { files, skipped } = migrationFiles(dir, opts.migrations);
    for (const f of files) if (!ignored(f)) e.sql.add(f);
    for (const f of skipped) if (!ignored(f.path)) e.skipped.push(f);
  };

  for (const p of paths) {
    const abs = resolve(opts.cwd, p);
    let st: Stats | undefined;
    try {
      st = statSync(abs, { throwIfNoEntry: false });
    } catch (e) {
      throw fsProblem('read', p, e);
    }
    if (!st) throw new UsageError(`no such file or directory: ${p}`);
    if (st.isFile()) {
      const parent = resolve(abs, '..');
      const dir = basename(abs) === SCHEMA_JSON ? parent : moduleDirOf(abs);
      if (basename(abs) === SCHEMA_JSON) entry(dir).schemaJson = abs;
      else if (/\.sql$/i.test(abs)) {
        if (isUndoMigration(basename(abs))) throw new UsageError(`${p} is a down/undo migration: lint replays forward migrations only`);
        entry(dir).sql.add(abs);
      } else throw new UsageError(`not a SQL migration or schema.json: ${p}`);
      continue;
    }
    if (isModuleDir(abs)) {
      addModuleDir(abs);
      continue;
    }
    const children = list(abs)
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
      .map((d) => join(abs, d.name))
      .sort();
    const subdirs = children.filter(isModuleDir);
    if (subdirs.length === 0) throw new UsageError(`${p}: no modules found (a module is a directory with schema.json or migrations/*.sql)`);
    for (const d of subdirs) addModuleDir(d);
    // A folder of the workspace that is no module but holds SQL further down is named, not skipped silently.
    for (const d of children) {
      if (subdirs.includes(d) || ignored(d)) continue;
      for (const f of sqlBelow(d, basename(d))) if (!ignored(f.path)) outside.push({ ...f, why: 'not-in-module', module: '', shown: shown(f.path) });
    }
  }

  const modules: InputModule[] = [];
  const skipped: Discovery['skipped'] = outside;
  const seen = new Map<string, string>();
  for (const e of [...byDir.values()].sort((a, b) => (a.dir < b.dir ? -1 : 1))) {
    if (!e.schemaJson && e.sql.size === 0) continue;
    const name = moduleName(e.dir);
    if (seen.has(name)) throw new UsageError(`two modules are named "${name}": ${shown(seen.get(name)!)} and ${shown(e.dir)}`);
    seen.set(name, e.dir);
    modules.push({
      name,
      dir: shown(e.dir),
      schemaJson: e.schemaJson ? readInput(e.schemaJson, shown) : undefined,
      migrations: [...e.sql].sort().map((f) => readInput(f, shown)),
    });
    for (const f of e.skipped) if (!e.sql.has(f.path)) skipped.push({ ...f, module: name, shown: shown(f.path) });
  }
  skipped.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
  return { modules, skipped };
}

function readInput(abs: string, shown: (p: string) => string): InputFile {
  try {
    return { path: shown(abs), bytes: readFileSync(abs) };
  } catch (e) {
    throw fsProblem('read', shown(abs), e);
  }
}
