// npm run test:unit runs the `unit` project alone for fast feedback, so a test that needs a database
// engine must be in `db` (vitest.config.ts), and every test must be in one of the two.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseTestFiles, testFiles, usesDatabase } from '../vitest.config.js';

describe('test projects', () => {
  it('puts the test files that import a database package in db', () => {
    expect(databaseTestFiles).toContain('test/schema-json-sql.test.ts');
    expect(databaseTestFiles).toContain('rules/foreign-key-index/index.test.ts');
    expect(databaseTestFiles).not.toContain('test/layers.test.ts');
    // The CLI loads `ismslint test` and `check` (the QA runtime) only when they run.
    expect(databaseTestFiles).not.toContain('test/cli.test.ts');
    expect(databaseTestFiles).toContain('test/check.test.ts');
    expect(testFiles).toEqual(expect.arrayContaining(databaseTestFiles));
  });

  it('puts the generated QA suites in db, which is where their imports put them', () => {
    for (const suite of ['qa/global.test.ts', 'fixtures/qa/generated/hostile.test.ts']) {
      expect(databaseTestFiles).toContain(suite);
      expect(usesDatabase(join(__dirname, '..', suite))).toBe(true);
    }
  });

  it('sees a database package imported through local helpers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-projects-'));
    try {
      writeFileSync(join(dir, 'a.test.ts'), "import { it } from 'vitest';\nimport { connect } from './helper.js';\n");
      writeFileSync(join(dir, 'helper.ts'), "export { connect } from './client.js';\n");
      // Spelt so that the scan does not read this file's own text as importing it.
      writeFileSync(join(dir, 'client.ts'), `import pg from ${"'pg'"};\nexport const connect = () => new pg.Client();\n`);
      writeFileSync(join(dir, 'b.test.ts'), "import { it } from 'vitest';\nimport { connect } from './other.js';\n");
      writeFileSync(join(dir, 'other.ts'), "export const connect = () => 'pg';\n");
      expect(usesDatabase(join(dir, 'a.test.ts'))).toBe(true);
      expect(usesDatabase(join(dir, 'b.test.ts'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads imports as code: not text in a template, not a type, not a local module loaded on demand', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-projects-'));
    try {
      const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
      write('client.ts', `import pg from ${"'pg'"};\nexport const connect = () => new pg.Client();\n`);
      write('template.test.ts', 'export const suite = `\nimport { connect } from ' + "'pg'" + ';\n`;\n');
      write('types.test.ts', `import type { Client } from ${"'pg'"};\nexport type C = Client;\n`);
      write('lazy.test.ts', "export const load = () => import('./client.js');\n");
      write('dynamic.test.ts', `export const load = () => import(${"'pg'"});\n`);
      expect(usesDatabase(join(dir, 'template.test.ts'))).toBe(false);
      expect(usesDatabase(join(dir, 'types.test.ts'))).toBe(false);
      expect(usesDatabase(join(dir, 'lazy.test.ts'))).toBe(false);
      expect(usesDatabase(join(dir, 'dynamic.test.ts'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cannot load a database package in the unit project', async () => {
    // Named through a variable so that the scan does not put this file in `db`.
    for (const name of ['@electric-sql/pglite', '@electric-sql/pglite-pgtap', 'pg']) {
      await expect(import(name)).rejects.toThrow(/belongs to the `db` project/);
    }
  });
});
