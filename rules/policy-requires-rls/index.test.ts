import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const TABLE = 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid NOT NULL);';
const POLICY = "CREATE POLICY tenant_isolation ON vendor USING (organisation_id = current_setting('app.current_organisation_id')::uuid);";

ruleTester(rule, {
  valid: [
    { name: 'policy on a table with RLS enabled', sql: `${TABLE}\n${POLICY}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;` },
    {
      name: 'RLS enabled in a later migration',
      sql: { 'app/migrations/001_a.sql': `${TABLE}\n${POLICY}`, 'app/migrations/002_b.sql': 'ALTER TABLE vendor ENABLE ROW LEVEL SECURITY;' },
    },
    {
      name: 'RLS disabled later but the policies dropped too',
      sql: {
        'app/migrations/001_a.sql': `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;\n${POLICY}`,
        'app/migrations/002_b.sql': 'DROP POLICY tenant_isolation ON vendor;\nALTER TABLE vendor DISABLE ROW LEVEL SECURITY;',
      },
    },
    { name: 'no policy, no RLS (rls-enabled reports it)', sql: TABLE },
  ],
  invalid: [
    {
      name: 'policy, RLS never enabled',
      sql: `${TABLE}\n${POLICY}`,
      errors: [
        {
          messageId: 'ineffective',
          data: { table: 'vendor', policies: 'policy "tenant_isolation"', state: 'row-level security is never enabled', effect: 'it has' },
          fix: 'ALTER TABLE vendor ENABLE ROW LEVEL SECURITY;',
          line: 2,
          column: 1,
          logical: 'public.vendor.tenant_isolation',
        },
      ],
    },
    {
      name: 'RLS disabled by a later migration: one finding naming every policy',
      sql: {
        'app/migrations/001_a.sql': `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;\n${POLICY}\nCREATE POLICY vendor_read ON vendor FOR SELECT USING (true);`,
        'app/migrations/002_b.sql': '\nALTER TABLE vendor DISABLE ROW LEVEL SECURITY;',
      },
      errors: [
        {
          message: /^"vendor" has policies "tenant_isolation", "vendor_read" but row-level security is disabled \(app\/migrations\/002_b\.sql:2\), so they have no effect/,
          file: 'app/migrations/001_a.sql',
          line: 3,
        },
      ],
    },
    {
      name: 'quoted mixed-case table, policy of a global table',
      sql: 'CREATE TABLE "Country" (code text);\nCREATE POLICY "Read" ON "Country" FOR SELECT USING (true);',
      standard: { globalTables: ['Country'] },
      errors: [{ message: /^"Country" has policy "Read" /, fix: 'ALTER TABLE "Country" ENABLE ROW LEVEL SECURITY;', logical: 'public.Country.Read' }],
    },
  ],
});
