// The SQL of every README example runs on PostgreSQL (PGlite), each example in a transaction that is
// rolled back; only the Incorrect examples of the rules about input PostgreSQL refuses are left out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { allRules } from './index.js';
import { GLOBAL_PRELUDE } from './test-harness.js';
import { examples, INPUT_RULES } from './test-docs.js';

const root = new URL('.', import.meta.url).pathname;
let pg: PGlite;

beforeAll(async () => {
  pg = new PGlite();
  // What the examples may take as given: the global module, the standard's UUIDv7 function, the application roles, and
  // TimescaleDB's create_hypertable (PGlite has no TimescaleDB; its own checks are the rules' business).
  await pg.exec(`
    CREATE FUNCTION generate_uuidv7() RETURNS uuid LANGUAGE sql AS 'SELECT uuidv7()';
    CREATE ROLE app_user;
    CREATE ROLE app_writer;
    CREATE FUNCTION create_hypertable(relation regclass, time_column_name name) RETURNS void LANGUAGE sql AS '';
  `);
  await pg.exec(GLOBAL_PRELUDE);
});
afterAll(() => pg.close());

describe('README examples run on PostgreSQL', () => {
  for (const rule of allRules) {
    const id = rule.meta.id;
    for (const ex of examples(readFileSync(join(root, id, 'README.md'), 'utf8'))) {
      if (ex.kind === 'incorrect' && INPUT_RULES.includes(id)) continue;
      // In the order the README gives them, which is the order they are applied in.
      const files = Object.entries(ex.files).filter(([path]) => path.endsWith('.sql'));
      if (files.length === 0) continue;
      it(`${id} README.md:${ex.line} (${ex.kind})`, async () => {
        await pg.exec('BEGIN');
        try {
          for (const [, text] of files) await pg.exec(text);
        } finally {
          await pg.exec('ROLLBACK');
        }
      });
    }
  }
});
