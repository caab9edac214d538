import { ruleTester } from '../test-harness.js';
import rule from './index.js';

/** The tenant key is on line 2. */
const vendor = (key = 'organisation_id uuid NOT NULL REFERENCES organisations (id)') => `CREATE TABLE vendor (id uuid PRIMARY KEY,
  ${key},
  name text NOT NULL
);`;

const TENANTS = 'CREATE TABLE tenants (id uuid PRIMARY KEY);';

ruleTester(rule, {
  valid: [
    { name: 'uuid NOT NULL REFERENCES organisations (id)', sql: vendor() },
    { name: 'REFERENCES organisations without a column list means its primary key, id', sql: vendor('organisation_id uuid NOT NULL REFERENCES organisations') },
    { name: 'NOT NULL implied by the primary key', sql: 'CREATE TABLE vendor (id uuid, organisation_id uuid REFERENCES organisations (id), PRIMARY KEY (organisation_id, id));' },
    {
      name: 'NOT NULL and the foreign key added by a later migration',
      sql: {
        'app/migrations/001_a.sql': vendor('organisation_id uuid'),
        'app/migrations/002_b.sql':
          'ALTER TABLE vendor ALTER COLUMN organisation_id SET NOT NULL,\n  ADD CONSTRAINT fk_vendor_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id);',
      },
    },
    {
      name: 'renamed into place by a later migration',
      sql: { 'app/migrations/001_a.sql': vendor('org_id uuid NOT NULL REFERENCES organisations (id)'), 'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN org_id TO organisation_id;' },
    },
    { name: 'the tenant root is exempt', global: false, sql: 'CREATE TABLE organisations (id uuid PRIMARY KEY, name text);' },
    { name: 'configured global lookup tables are exempt', sql: 'CREATE TABLE country (code text PRIMARY KEY);', standard: { globalTables: ['country'] } },
    {
      name: 'configured tenant key and tenant root',
      sql: `${TENANTS}\nCREATE TABLE vendor (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants);`,
      standard: { tenantKey: 'tenant_id', tenantRoot: 'tenants' },
    },
    { name: 'a tenant root outside the migrations is trusted by name', global: false, sql: vendor('organisation_id uuid NOT NULL REFERENCES organisations') },
  ],
  invalid: [
    {
      name: 'a schema.json column: the fixes are JSON edits of that column',
      schemaJson: {
        'app/schema.json': JSON.stringify({
          module: 'app',
          tables: [
            {
              name: 'vendor',
              columns: [
                { name: 'id', type: 'uuid' },
                { name: 'organisation_id', type: 'text', references: { table: 'organisations', column: 'id' } },
              ],
            },
          ],
        }),
      },
      errors: [
        { messageId: 'nullable', fix: 'set tables[0].columns[1].nullable to false' },
        { messageId: 'notUuid', data: { type: 'text' }, fix: 'set tables[0].columns[1].type to "uuid"' },
      ],
    },
    {
      name: 'missing: at the table, with the column to add',
      sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY);',
      errors: [
        {
          messageId: 'missing',
          data: { table: 'vendor', key: 'organisation_id' },
          fix: 'ALTER TABLE vendor ADD COLUMN organisation_id uuid NOT NULL REFERENCES organisations (id);',
          line: 1,
          column: 14,
          logical: 'public.vendor',
        },
      ],
    },
    {
      name: 'log and integration tables need it too',
      sql: 'CREATE TABLE audit_log (id uuid PRIMARY KEY);\nCREATE TABLE vendor_asset (id uuid PRIMARY KEY);',
      errors: [
        { message: /^table "audit_log" has no tenant key/, line: 1 },
        { message: /^table "vendor_asset" has no tenant key/, line: 2 },
      ],
    },
    {
      name: 'wrong type, nullable, no foreign key: one finding each, at the column',
      sql: vendor('organisation_id text'),
      errors: [
        {
          messageId: 'nullable',
          data: { what: 'tenant key "organisation_id" of "vendor"' },
          fix: 'ALTER TABLE vendor ALTER COLUMN organisation_id SET NOT NULL;',
          line: 2,
          column: 3,
          logical: 'public.vendor.organisation_id',
        },
        {
          messageId: 'keyMissing',
          data: { what: 'tenant key "organisation_id" of "vendor"', target: 'organisations' },
          fix: 'ALTER TABLE vendor ADD FOREIGN KEY (organisation_id) REFERENCES organisations (id);',
          line: 2,
        },
        {
          messageId: 'notUuid',
          data: { what: 'tenant key "organisation_id" of "vendor"', type: 'text' },
          fix: 'ALTER TABLE vendor ALTER COLUMN organisation_id TYPE uuid USING organisation_id::uuid;',
          line: 2,
        },
      ],
    },
    {
      name: 'a key to another table, at the constraint',
      sql: vendor('organisation_id uuid NOT NULL REFERENCES users (id)'),
      errors: [
        {
          messageId: 'keyElsewhere',
          data: { fk: 'vendor_organisation_id_fkey', what: 'tenant key "organisation_id" of "vendor"', reference: '"users" ("id")', target: 'organisations' },
          fix: 'ALTER TABLE vendor DROP CONSTRAINT vendor_organisation_id_fkey, ADD FOREIGN KEY (organisation_id) REFERENCES organisations (id);',
          line: 2,
          column: 33,
          logical: 'public.vendor.vendor_organisation_id_fkey',
        },
      ],
    },
    {
      name: 'only part of a composite key',
      sql: `CREATE TABLE parent (id uuid, organisation_id uuid REFERENCES organisations, PRIMARY KEY (organisation_id, id));\n${vendor('organisation_id uuid NOT NULL')}\nALTER TABLE vendor ADD COLUMN parent_id uuid, ADD FOREIGN KEY (organisation_id, parent_id) REFERENCES parent (organisation_id, id);`,
      errors: [{ message: /^tenant key "organisation_id" of "vendor" is only part of the composite foreign key "vendor_organisation_id_parent_id_fkey" \(organisation_id, parent_id\)/, line: 3 }],
    },
    {
      name: 'NOT VALID key never validated',
      sql: `${vendor('organisation_id uuid NOT NULL')}\nALTER TABLE vendor ADD CONSTRAINT fk_vendor_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id) NOT VALID;`,
      errors: [{ message: /is NOT VALID, so rows written before it was added are not checked/, fix: /ALTER TABLE vendor VALIDATE CONSTRAINT fk_vendor_organisation;$/, line: 5 }],
    },
    {
      name: 'dropped by a later migration',
      sql: { 'app/migrations/001_a.sql': vendor(), 'app/migrations/002_b.sql': 'ALTER TABLE vendor DROP COLUMN organisation_id;' },
      errors: [{ message: /^table "vendor" has no tenant key "organisation_id"/, file: 'app/migrations/001_a.sql', line: 1 }],
    },
    {
      name: 'renamed away by a later migration',
      sql: { 'app/migrations/001_a.sql': vendor(), 'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN organisation_id TO org_id;' },
      errors: [{ message: /^table "vendor" has no tenant key "organisation_id"/ }],
    },
    {
      name: 'NOT NULL dropped and type changed by a later migration',
      sql: {
        'app/migrations/001_a.sql': vendor(),
        'app/migrations/002_b.sql': 'ALTER TABLE vendor ALTER COLUMN organisation_id DROP NOT NULL;\nALTER TABLE vendor ALTER COLUMN organisation_id TYPE uuid[] USING ARRAY[organisation_id];',
      },
      errors: [
        { message: /allows NULL/, line: 2 },
        { message: /is uuid\[\], not uuid/, line: 2 },
      ],
    },
    {
      name: 'quoted mixed-case column is another column',
      sql: vendor('"Organisation_Id" uuid NOT NULL REFERENCES organisations (id)'),
      errors: [
        { messageId: 'lookalike', data: { table: 'vendor', key: 'organisation_id', lookalike: 'Organisation_Id' }, fix: 'ALTER TABLE vendor RENAME COLUMN "Organisation_Id" TO organisation_id;' },
      ],
    },
    {
      name: 'configured tenant key and tenant root',
      sql: `${TENANTS}\nCREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid NOT NULL REFERENCES organisations (id),\n  tenant_id uuid NOT NULL REFERENCES organisations (id));`,
      standard: { tenantKey: 'tenant_id', tenantRoot: 'tenants' },
      errors: [
        {
          message: /^foreign key "vendor_tenant_id_fkey" of tenant key "tenant_id" of "vendor" references "organisations" \("id"\), not "tenants" \("id"\)$/,
          fix: /REFERENCES tenants \(id\);$/,
          line: 3,
        },
      ],
    },
    {
      name: 'tenant root renamed by a later migration: the key follows it to a table the standard does not name',
      sql: { 'app/migrations/001_a.sql': vendor(), 'app/migrations/002_b.sql': 'ALTER TABLE organisations RENAME TO organisation;' },
      errors: [{ message: /references "organisation" \("id"\), not "organisations" \("id"\)/ }],
    },
  ],
});
