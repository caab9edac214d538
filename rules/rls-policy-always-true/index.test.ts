import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const TABLE = 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid NOT NULL);\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;';
const TENANT = "organisation_id = current_setting('app.current_organisation_id')::uuid";

ruleTester(rule, {
  valid: [
    { name: 'tenant policy', sql: `${TABLE}\nCREATE POLICY p ON vendor USING (${TENANT});` },
    { name: 'restrictive always-true policy: pointless but harmless', sql: `${TABLE}\nCREATE POLICY p ON vendor USING (${TENANT});\nCREATE POLICY r ON vendor AS RESTRICTIVE USING (true);` },
    {
      name: 'permissive true narrowed by a restrictive tenant policy for every role',
      sql: `${TABLE}\nCREATE POLICY allow ON vendor USING (true);\nCREATE POLICY guard ON vendor AS RESTRICTIVE USING (${TENANT});`,
    },
    { name: 'a condition on the row is not constant', sql: `${TABLE}\nCREATE POLICY p ON vendor FOR SELECT USING (organisation_id IS NOT NULL OR ${TENANT});` },
    { name: 'NULL = NULL is never true', sql: `${TABLE}\nCREATE POLICY p ON vendor FOR SELECT USING (NULL = NULL);` },
    { name: 'constant false', sql: `${TABLE}\nCREATE POLICY p ON vendor FOR SELECT USING ('f'::boolean);` },
    {
      name: 'made conditional by a later ALTER POLICY',
      sql: { 'app/migrations/001_a.sql': `${TABLE}\nCREATE POLICY p ON vendor USING (true);`, 'app/migrations/002_b.sql': `ALTER POLICY p ON vendor USING (${TENANT});` },
    },
    { name: 'dropped later', sql: { 'app/migrations/001_a.sql': `${TABLE}\nCREATE POLICY p ON vendor USING (true);`, 'app/migrations/002_b.sql': 'DROP POLICY p ON vendor;' } },
    {
      name: 'global lookup table readable by all',
      sql: 'CREATE TABLE country (code text PRIMARY KEY);\nALTER TABLE country ENABLE ROW LEVEL SECURITY;\nCREATE POLICY read_all ON country FOR SELECT USING (true);',
      standard: { globalTables: ['country'] },
    },
  ],
  invalid: [
    {
      name: 'USING (true)',
      sql: `${TABLE}\nCREATE POLICY open ON vendor USING (true);`,
      errors: [
        {
          message:
            'policy "open" is permissive with USING (true), true for every row: it opens "vendor" to every tenant, and no other permissive policy can narrow it (they are OR-ed); require organisation_id = current_setting(\'app.current_organisation_id\')::uuid instead, or drop the policy',
          line: 3,
          column: 1,
          logical: 'public.vendor.open',
        },
      ],
    },
    { name: "'t'::boolean", sql: `${TABLE}\nCREATE POLICY r ON vendor FOR SELECT USING ('t'::boolean);`, errors: [{ message: /with USING \('t'::boolean\), true for every row/ }] },
    { name: '1 = 1', sql: `${TABLE}\nCREATE POLICY r ON vendor FOR SELECT USING (1 = 1);`, errors: [{ message: /with USING \(1 = 1\), true/ }] },
    {
      name: 'WITH CHECK (true) on insert, next to a tenant policy',
      sql: `${TABLE}\nCREATE POLICY p ON vendor USING (${TENANT});\nCREATE POLICY w ON vendor FOR INSERT WITH CHECK (true);`,
      errors: [{ message: /^policy "w" is permissive with WITH CHECK \(true\)/, line: 4 }],
    },
    {
      name: 'both clauses',
      sql: `${TABLE}\nCREATE POLICY u ON vendor FOR UPDATE USING (true) WITH CHECK (NOT false);`,
      errors: [{ message: /with USING \(true\) and WITH CHECK \(NOT false\), true/ }],
    },
    {
      name: 'restrictive tenant policy only for one role',
      sql: `${TABLE}\nCREATE POLICY allow ON vendor USING (true);\nCREATE POLICY guard ON vendor AS RESTRICTIVE TO app_user USING (${TENANT});`,
      errors: [{ message: /^policy "allow"/ }],
    },
    {
      name: 'opened by a later ALTER POLICY: reported there',
      sql: { 'app/migrations/001_a.sql': `${TABLE}\nCREATE POLICY p ON vendor USING (${TENANT});`, 'app/migrations/002_b.sql': 'ALTER POLICY p ON vendor USING (true);' },
      errors: [{ file: 'app/migrations/002_b.sql', line: 1, logical: 'public.vendor.p' }],
    },
    {
      name: 'RLS not enabled yet: still reported',
      sql: 'CREATE TABLE vendor (id uuid, organisation_id uuid);\nCREATE POLICY open ON vendor USING (true);',
      errors: [{ message: /^policy "open"/ }],
    },
    {
      name: 'quoted mixed-case table and configured key',
      sql: 'CREATE TABLE "Vendor" (id uuid, tenant_id uuid);\nALTER TABLE "Vendor" ENABLE ROW LEVEL SECURITY;\nCREATE POLICY "Open" ON "Vendor" USING (true);',
      standard: { tenantKey: 'tenant_id' },
      errors: [{ message: /opens "Vendor" to every tenant.*require tenant_id = current_setting/, logical: 'public.Vendor.Open' }],
    },
  ],
});
