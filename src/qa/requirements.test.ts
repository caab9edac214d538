// Requirements that must fail where the database breaks the standard in ways lint cannot see: an
// application role that silently voids row-level security, and `id` defaults that are not UUIDv7
// (version 4, or a function that sets the version nibble without the time).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STANDARD } from '../engine/standard.js';
import { GLOBAL_PRELUDE, ddlModule, tenantTableSql } from '../../test/support/generator-fixture.js';
import { buildModel } from '../sources/build.js';
import { loadParser } from '../sources/sql/parser.js';
import { buildRequirements } from './requirements.js';
import { runSuite, type Suite } from './runtime/index.js';

const tenantTable = (name: string, idDefault: string) => tenantTableSql(name, { idDefault });

const SQL = [
  // Random bits with the version and variant of UUIDv7: the time the first 48 bits should hold is missing.
  `CREATE FUNCTION fake_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(set_byte(set_byte(uuid_send(gen_random_uuid()), 6, (get_byte(uuid_send(gen_random_uuid()), 6) & 15) | 112), 8, 128), 'hex')::uuid
$$;`,
  tenantTable('real_v7', 'generate_uuidv7()'),
  tenantTable('random_v4', 'gen_random_uuid()'),
  tenantTable('fake_v7', 'fake_uuidv7()'),
].join('\n');

let suite: Suite;
const base = pathToFileURL(`${process.cwd()}/`);
const failures = async (s: Suite) => (await runSuite(s, { base })).requirements.filter((r) => !r.ok).map((r) => r.title);

beforeAll(async () => {
  await loadParser();
  const built = buildModel([ddlModule('global', GLOBAL_PRELUDE), ddlModule('ids', SQL)], 'global');
  suite = {
    ...buildRequirements({ catalog: built.catalog, standard: DEFAULT_STANDARD, module: 'ids' }),
    build: [
      { name: 'functions', sql: readFileSync(resolve(__dirname, '../../module-schemas/global/migrations/000_functions.sql'), 'utf8') },
      { name: 'global', sql: GLOBAL_PRELUDE },
      { name: 'ids', sql: SQL },
    ],
  };
});

describe('generated requirements (PGlite)', () => {
  it('fail for an id default that is version 4, or version 7 without the time', async () => {
    expect(await failures(suite)).toEqual(['random_v4.id defaults to a time-ordered UUIDv7', 'fake_v7.id defaults to a time-ordered UUIDv7']);
  }, 180_000);

  it('fail, first of all, when the application role bypasses row-level security', async () => {
    const bypassing: Suite = { ...suite, setup: [...suite.setup, `ALTER ROLE ${suite.appRole} BYPASSRLS`] };
    const failed = await failures(bypassing);
    expect(failed[0]).toBe('the application role is neither superuser nor BYPASSRLS');
    // The isolation requirements see it too: B's rows are visible.
    expect(failed).toContain("real_v7: organisation B's rows are invisible to organisation A");
  }, 180_000);
});
