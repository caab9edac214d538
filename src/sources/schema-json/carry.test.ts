// Declarations DDL cannot make (a table's kind, a cross-module reference) are carried from schema.json
// onto the tables its module's migrations create, so rules judge the migrated tables as declared.
import { expect, it } from 'vitest';
import { lintCase } from '../../../rules/test-harness.js';

const json = (kind: string) =>
  JSON.stringify({
    module: 'app',
    tables: [
      {
        name: 'country',
        kind,
        columns: [
          { name: 'id', type: 'uuid', primaryKey: true, default: 'generate_uuidv7()' },
          { name: 'code', type: 'text', nullable: false },
        ],
      },
    ],
  });
const migration = { 'app/migrations/001_init.sql': 'CREATE TABLE country (id uuid PRIMARY KEY DEFAULT generate_uuidv7(), code text NOT NULL);' };

it('a table declared global in schema.json is judged as global when migrations define it', () => {
  expect(lintCase({ sql: migration, schemaJson: { 'app/schema.json': json('global') } }, ['tenant-key-required', 'rls-enabled'])).toEqual([]);
});

it('the same table declared (or left) tenant needs the tenant key and RLS', () => {
  const ids = lintCase({ sql: migration, schemaJson: { 'app/schema.json': json('tenant') } }, ['tenant-key-required', 'rls-enabled']).map((f) => f.ruleId);
  expect(ids.sort()).toEqual(['rls-enabled', 'tenant-key-required']);
});
