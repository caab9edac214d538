import { ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'enabled in the same migration', sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY);\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;' },
    {
      name: 'enabled in a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendor (id uuid PRIMARY KEY);', 'app/migrations/002_b.sql': 'ALTER TABLE vendor ENABLE ROW LEVEL SECURITY;' },
    },
    { name: 'configured global lookup table', sql: 'CREATE TABLE country (code text PRIMARY KEY);', standard: { globalTables: ['country'] } },
  ],
  invalid: [
    { name: 'never enabled', sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY);', errors: [{ message: /does not enable row-level security/, line: 1, column: 14, logical: 'public.vendor' }] },
    {
      name: 'disabled by a later migration, natural file order',
      sql: {
        'app/migrations/2_enable.sql': 'CREATE TABLE vendor (id uuid PRIMARY KEY);\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;',
        'app/migrations/10_disable.sql': 'ALTER TABLE vendor DISABLE ROW LEVEL SECURITY;',
      },
      errors: [
        { file: 'app/migrations/10_disable.sql', line: 1, column: 1, message: /^row-level security on "vendor" \(created at app\/migrations\/2_enable.sql:1\) is disabled by this later migration$/ },
      ],
    },
    {
      name: 'quoted mixed-case table: the fix quotes it as stored',
      sql: 'CREATE TABLE "Vendor" (id uuid);\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;',
      errors: [{ messageId: 'notEnabled', data: { table: 'Vendor' }, logical: 'public.Vendor', fix: 'ALTER TABLE "Vendor" ENABLE ROW LEVEL SECURITY;' }],
    },
    {
      name: 'a schema.json table: the fix is a JSON edit, not SQL',
      schemaJson: {
        'app/schema.json': JSON.stringify({
          module: 'app',
          tables: [
            { name: 'country', kind: 'global', columns: [{ name: 'code', type: 'text' }] },
            { name: 'vendor', columns: [{ name: 'id', type: 'uuid' }] },
          ],
        }),
      },
      errors: [{ messageId: 'notEnabled', data: { table: 'vendor' }, fix: 'set tables[1].rls.enabled to true' }],
    },
  ],
});
