import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import { configDefaults, defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));
// Required, not imported: importing CommonJS from an ES module first lexes all 9 MB of it for its exports (~1 s).
const ts: typeof TS = createRequire(import.meta.url)('typescript');

/**
 * Two projects: `unit` needs no database engine (npm run test:unit, for fast feedback), `db` runs on
 * PGlite or the real PostgreSQL server. A test file belongs to `db` when it, or a local module it imports,
 * imports one of these packages: no list to keep up to date. In `unit` they resolve to a module that
 * throws, so a test that reaches one in a way this scan misses fails instead of running slowly.
 */
// `ismslint/qa` is the QA runtime, which builds its database on PGlite or PostgreSQL.
const DATABASE_PACKAGES = /^(?:@electric-sql\/pglite(?:-[a-z]+)?|pg|ismslint\/qa)(?:\/.*)?$/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(root, join(dir, e.name))]));
}

/**
 * What `file` loads when it is imported: its static imports and re-exports (not type-only ones), and
 * the packages it imports dynamically. A dynamic import of a local module is loaded only when the code
 * that holds it runs (the CLI loads a command's module when that command runs), so it is not followed:
 * a test that does run such a command on a database reaches the throwing stand-in and fails.
 * TypeScript's parser tells code from text: a generated suite's `import` inside a template is not one.
 */
function loads(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly && ts.isStringLiteral(s.moduleSpecifier)) specs.push(s.moduleSpecifier.text);
    if (ts.isExportDeclaration(s) && !s.isTypeOnly && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) specs.push(s.moduleSpecifier.text);
  }
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg) && !arg.text.startsWith('.')) specs.push(arg.text);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return specs;
}

const seen = new Map<string, boolean>();

/** Whether `file` (absolute), or a local module it loads, imports a database package. */
export function usesDatabase(file: string): boolean {
  const known = seen.get(file);
  if (known !== undefined) return known;
  seen.set(file, false); // an import cycle adds nothing
  let uses = false;
  for (const spec of loads(file)) {
    if (DATABASE_PACKAGES.test(spec)) uses = true;
    else if (spec.startsWith('.')) {
      const local = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      if (existsSync(local) && usesDatabase(local)) uses = true;
    }
    if (uses) break;
  }
  seen.set(file, uses);
  return uses;
}

// Generated QA suites: each builds its module's database, so they need no scan (which would parse
// megabytes of embedded suite on every start of vitest).
const GENERATED_SUITES = ['qa', 'fixtures/qa/generated'];

const testFilesIn = (dirs: string[]) =>
  dirs
    .filter((dir) => existsSync(join(root, dir)))
    .flatMap((dir) => walk(join(root, dir)))
    .filter((f) => f.endsWith('.test.ts'));

const generatedSuites = testFilesIn(GENERATED_SUITES);
const written = testFilesIn(['src', 'rules', 'test']);
export const testFiles = [...written, ...generatedSuites].sort();
export const databaseTestFiles = [...written.filter((file) => usesDatabase(join(root, file))), ...generatedSuites].sort();

export default defineConfig({
  // Generated QA suites import the runtime as the package does; here it comes from the source.
  resolve: { alias: { 'ismslint/qa': fileURLToPath(new URL('./src/qa/runtime/index.ts', import.meta.url)) } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // A unit test file leaves nothing behind that another could see (no mocks, no stubbed globals), so
          // the files share their workers' modules: isolating each file re-imported and re-warmed the parser,
          // the config schemas and the rules, about half a second of CPU per file. Nothing here waits on a
          // database, so every core runs a worker.
          isolate: false,
          maxWorkers: availableParallelism(),
          // First, on its own: a database test started alongside would wait for a core.
          sequence: { groupOrder: 0 },
          include: testFiles,
          exclude: [...configDefaults.exclude, ...databaseTestFiles],
          alias: [{ find: DATABASE_PACKAGES, replacement: join(root, 'test/support/no-database.ts') }],
        },
      },
      { extends: true, test: { name: 'db', include: databaseTestFiles, sequence: { groupOrder: 1 } } },
    ],
  },
});
