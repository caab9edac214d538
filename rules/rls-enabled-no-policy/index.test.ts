import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const TABLE = 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid NOT NULL);';
const POLICY = "CREATE POLICY tenant_isolation ON vendor USING (organisation_id = current_setting('app.current_organisation_id')::uuid);";

ruleTester(rule, {
  valid: [
    { name: 'enabled with a policy', sql: `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;\n${POLICY}` },
    {
      name: 'policy added in a later migration',
      sql: { 'app/migrations/001_a.sql': `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;`, 'app/migrations/002_b.sql': POLICY },
    },
    { name: 'RLS not enabled (rls-enabled reports it)', sql: TABLE },
    { name: 'enabled, then disabled again', sql: `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;\nALTER TABLE vendor DISABLE ROW LEVEL SECURITY;` },
  ],
  invalid: [
    {
      name: 'enabled without any policy',
      sql: `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;`,
      errors: [
        {
          messageId: 'noPolicyFix',
          data: { table: 'vendor', who: 'every role but the owner' },
          fix: "CREATE POLICY tenant_isolation ON vendor USING (organisation_id = current_setting('app.current_organisation_id')::uuid);",
          line: 1,
          column: 14,
          logical: 'public.vendor',
        },
      ],
    },
    {
      name: 'the only policy dropped by a later migration, RLS forced',
      sql: {
        'app/migrations/001_a.sql': `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;\nALTER TABLE vendor FORCE ROW LEVEL SECURITY;\n${POLICY}`,
        'app/migrations/002_b.sql': 'DROP POLICY tenant_isolation ON vendor;',
      },
      errors: [{ message: /denies all rows to every role, the owner included/, file: 'app/migrations/001_a.sql', line: 1 }],
    },
    {
      name: 'quoted mixed-case table and configured tenant key and setting',
      sql: 'CREATE TABLE "Vendor" (id uuid, tenant_id uuid);\nALTER TABLE "Vendor" ENABLE ROW LEVEL SECURITY;',
      standard: { tenantKey: 'tenant_id', tenantSetting: 'app.tenant' },
      errors: [{ messageId: 'noPolicyFix', fix: `CREATE POLICY tenant_isolation ON "Vendor" USING (tenant_id = current_setting('app.tenant')::uuid);`, logical: 'public.Vendor' }],
    },
    {
      name: 'a global lookup table gets a read policy example',
      sql: 'CREATE TABLE country (code text PRIMARY KEY);\nALTER TABLE country ENABLE ROW LEVEL SECURITY;',
      standard: { globalTables: ['country'] },
      errors: [{ messageId: 'noPolicyFix', fix: 'CREATE POLICY read_all ON country FOR SELECT USING (true);' }],
    },
  ],
});
