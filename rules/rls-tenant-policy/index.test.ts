import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const TABLE = 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid NOT NULL, is_public boolean NOT NULL);\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;';
const TENANT = "organisation_id = current_setting('app.current_organisation_id')::uuid";
const COND = "organisation_id = current_setting\\('app\\.current_organisation_id'\\)::uuid";
const FIX = '; add the condition to the policy, or AND it in with an AS RESTRICTIVE policy';

ruleTester(rule, {
  valid: [
    { name: 'the standard policy: FOR ALL USING checks new rows too', sql: `${TABLE}\nCREATE POLICY tenant_isolation ON vendor USING (${TENANT});` },
    {
      name: 'CAST, operands reversed, table-qualified column, missing_ok',
      sql: `${TABLE}
CREATE POLICY r ON vendor FOR SELECT USING (CAST(current_setting('app.current_organisation_id') AS uuid) = vendor.organisation_id);
CREATE POLICY w ON vendor FOR INSERT WITH CHECK (organisation_id = current_setting('app.current_organisation_id', true)::uuid);
CREATE POLICY u ON vendor FOR UPDATE USING (${TENANT}) WITH CHECK (${TENANT} AND NOT is_public);
CREATE POLICY d ON vendor FOR DELETE USING ((${TENANT} AND is_public) OR (${TENANT} AND NOT is_public));`,
    },
    {
      name: 'permissive USING (true) AND-ed with a restrictive tenant policy',
      sql: `${TABLE}\nCREATE POLICY open ON vendor USING (true);\nCREATE POLICY guard ON vendor AS RESTRICTIVE USING (${TENANT});`,
    },
    { name: 'restrictive policies alone grant nothing', sql: `${TABLE}\nCREATE POLICY guard ON vendor AS RESTRICTIVE USING (true);` },
    {
      name: 'an INSERT policy without WITH CHECK grants nothing',
      sql: `${TABLE}\nCREATE POLICY r ON vendor FOR SELECT USING (${TENANT});\nCREATE POLICY w ON vendor FOR INSERT;`,
    },
    {
      name: 'an UPDATE policy without USING reaches no row',
      sql: `${TABLE}\nCREATE POLICY r ON vendor FOR SELECT USING (${TENANT});\nCREATE POLICY u ON vendor FOR UPDATE WITH CHECK (true);`,
    },
    {
      name: 'open policy fixed by a later ALTER POLICY',
      sql: { 'app/migrations/001_a.sql': `${TABLE}\nCREATE POLICY p ON vendor USING (true);`, 'app/migrations/002_b.sql': `ALTER POLICY p ON vendor USING (${TENANT});` },
    },
    {
      name: 'open policy dropped by a later migration',
      sql: {
        'app/migrations/001_a.sql': `${TABLE}\nCREATE POLICY p ON vendor USING (${TENANT});\nCREATE POLICY open ON vendor FOR SELECT USING (true);`,
        'app/migrations/002_b.sql': 'DROP POLICY open ON vendor;',
      },
    },
    { name: 'RLS disabled: policy-requires-rls reports it', sql: 'CREATE TABLE vendor (id uuid, organisation_id uuid);\nCREATE POLICY p ON vendor USING (true);' },
    {
      name: 'RLS disabled by a later migration',
      sql: { 'app/migrations/001_a.sql': `${TABLE}\nCREATE POLICY p ON vendor USING (true);`, 'app/migrations/002_b.sql': 'ALTER TABLE vendor DISABLE ROW LEVEL SECURITY;' },
    },
    {
      name: 'global lookup table',
      sql: 'CREATE TABLE country (code text PRIMARY KEY);\nALTER TABLE country ENABLE ROW LEVEL SECURITY;\nCREATE POLICY read_all ON country FOR SELECT USING (true);',
      standard: { globalTables: ['country'] },
    },
    {
      name: 'configured tenant key and setting',
      sql: "CREATE TABLE vendor (id uuid, tenant_id uuid);\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;\nCREATE POLICY p ON vendor USING (tenant_id = current_setting('app.tenant')::uuid);",
      standard: { tenantKey: 'tenant_id', tenantSetting: 'app.tenant' },
    },
    {
      name: 'configured tenant root: its key is its own primary key',
      sql: "CREATE TABLE tenant (tenant_uuid uuid PRIMARY KEY);\nALTER TABLE tenant ENABLE ROW LEVEL SECURITY;\nCREATE POLICY p ON tenant USING (tenant_uuid = current_setting('app.current_organisation_id')::uuid);",
      standard: { tenantRoot: 'tenant' },
    },
    {
      name: 'quoted mixed-case table',
      sql: `CREATE TABLE "Vendor" (id uuid, organisation_id uuid);\nALTER TABLE "Vendor" ENABLE ROW LEVEL SECURITY;\nCREATE POLICY "Tenant" ON "Vendor" USING (${TENANT});`,
    },
  ],
  invalid: [
    {
      name: 'FOR ALL USING (true): every command, one finding each',
      sql: `${TABLE}\nCREATE POLICY open ON vendor USING (true);`,
      errors: [
        { message: new RegExp(`^policy "open" lets any role DELETE rows of other tenants: its USING \\(true\\) does not require ${COND}`), line: 3, column: 1 },
        { message: /lets any role INSERT rows for other tenants: its USING \(true\), also used as WITH CHECK, does not require/ },
        {
          message: `policy "open" lets any role SELECT rows of other tenants: its USING (true) does not require organisation_id = current_setting('app.current_organisation_id')::uuid${FIX}`,
          line: 3,
          column: 1,
          logical: 'public.vendor.open',
        },
        { message: /lets any role UPDATE rows of and into other tenants: its USING \(true\), also used as WITH CHECK, does not require/ },
      ],
    },
    {
      name: 'FOR ALL USING (tenant) WITH CHECK (true): new rows of any tenant',
      sql: `${TABLE}\nCREATE POLICY p ON vendor USING (${TENANT}) WITH CHECK (true);`,
      errors: [
        { message: new RegExp(`lets any role INSERT rows for other tenants: its WITH CHECK \\(true\\) does not require ${COND}`) },
        { message: /lets any role UPDATE rows into other tenants: its WITH CHECK \(true\) does not require/ },
      ],
    },
    {
      name: 'INSERT policy WITH CHECK (true) next to a tenant SELECT policy',
      sql: `${TABLE}\nCREATE POLICY r ON vendor FOR SELECT USING (${TENANT});\nCREATE POLICY w ON vendor FOR INSERT WITH CHECK (true);`,
      errors: [{ message: /^policy "w" lets any role INSERT rows for other tenants/, line: 4, logical: 'public.vendor.w' }],
    },
    {
      name: 'UPDATE USING (true) WITH CHECK (tenant): other tenants’ rows can be taken over',
      sql: `${TABLE}\nCREATE POLICY u ON vendor FOR UPDATE USING (true) WITH CHECK (${TENANT});`,
      errors: [{ message: /^policy "u" lets any role UPDATE rows of other tenants: its USING \(true\) does not require/ }],
    },
    {
      name: 'UPDATE with neither clause restricted',
      sql: `${TABLE}\nCREATE POLICY u ON vendor FOR UPDATE USING (is_public) WITH CHECK (true);`,
      errors: [{ message: /UPDATE rows of and into other tenants: neither its USING \(is_public\) nor its WITH CHECK \(true\) requires organisation_id/ }],
    },
    {
      name: 'a different setting is not tenant isolation',
      sql: `${TABLE}\nCREATE POLICY own ON vendor FOR SELECT USING (organisation_id = current_setting('app.current_user_id')::uuid);`,
      errors: [
        { message: /its USING \(organisation_id = current_setting\('app\.current_user_id'\)::uuid\) does not require organisation_id = current_setting\('app\.current_organisation_id'\)::uuid/ },
      ],
    },
    {
      name: 'an OR with one unrestricted branch',
      sql: `${TABLE}\nCREATE POLICY r ON vendor FOR SELECT USING (${TENANT} OR is_public);`,
      errors: [{ message: /^policy "r" lets any role SELECT rows of other tenants: its USING \(organisation_id = .* OR is_public\)/ }],
    },
    {
      name: 'a second permissive SELECT policy widens the tenant one (OR)',
      sql: `${TABLE}\nCREATE POLICY p ON vendor USING (${TENANT});\nCREATE POLICY published ON vendor FOR SELECT USING (is_public);`,
      errors: [{ message: /^policy "published" lets any role SELECT rows of other tenants/, line: 4 }],
    },
    {
      name: 'a restrictive tenant policy for one role does not protect the others',
      sql: `${TABLE}\nCREATE POLICY open ON vendor FOR SELECT USING (true);\nCREATE POLICY guard ON vendor AS RESTRICTIVE FOR SELECT TO app_user USING (${TENANT});`,
      errors: [{ message: /^policy "open" lets every role but "app_user" SELECT rows of other tenants/ }],
    },
    {
      name: 'a restrictive tenant policy for SELECT does not cover writes',
      sql: `${TABLE}\nCREATE POLICY open ON vendor USING (true);\nCREATE POLICY guard ON vendor AS RESTRICTIVE FOR SELECT USING (${TENANT});`,
      errors: [{ message: /any role DELETE/ }, { message: /any role INSERT/ }, { message: /any role UPDATE/ }],
    },
    {
      name: 'an open policy for one role',
      sql: `${TABLE}\nCREATE POLICY p ON vendor USING (${TENANT});\nCREATE POLICY support ON vendor FOR SELECT TO support_agent, auditor USING (true);`,
      errors: [{ message: /^policy "support" lets roles "auditor", "support_agent" SELECT rows of other tenants/ }],
    },
    {
      name: 'ALTER POLICY in a later migration opens it: reported there',
      sql: {
        'app/migrations/001_a.sql': `${TABLE}\nCREATE POLICY r ON vendor FOR SELECT USING (${TENANT});`,
        'app/migrations/002_b.sql': '-- relax\nALTER POLICY r ON vendor USING (true);',
      },
      errors: [{ message: /^policy "r" lets any role SELECT/, file: 'app/migrations/002_b.sql', line: 2, logical: 'public.vendor.r' }],
    },
    {
      name: 'tenant root compared on the tenant key instead of its primary key',
      sql: "CREATE TABLE tenant (id uuid PRIMARY KEY, organisation_id uuid);\nALTER TABLE tenant ENABLE ROW LEVEL SECURITY;\nCREATE POLICY p ON tenant FOR SELECT USING (organisation_id = current_setting('app.current_organisation_id')::uuid);",
      standard: { tenantRoot: 'tenant' },
      errors: [{ message: /does not require id = current_setting\('app\.current_organisation_id'\)::uuid/ }],
    },
    {
      name: 'configured setting',
      sql: `${TABLE}\nCREATE POLICY p ON vendor FOR DELETE USING (${TENANT});`,
      standard: { tenantSetting: 'app.tenant' },
      errors: [{ message: /does not require organisation_id = current_setting\('app\.tenant'\)::uuid/ }],
    },
    {
      name: 'quoted mixed-case table and policy',
      sql: 'CREATE TABLE "Vendor" (id uuid, organisation_id uuid);\nALTER TABLE "Vendor" ENABLE ROW LEVEL SECURITY;\nCREATE POLICY "Read" ON "Vendor" FOR SELECT USING (true);',
      errors: [{ message: /^policy "Read" lets any role SELECT/, logical: 'public.Vendor.Read' }],
    },
  ],
});
