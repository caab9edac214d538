import { ruleTester } from '../test-harness.js';
import rule from './index.js';

/** The tenant key is on line 2. */
const VENDOR = `CREATE TABLE vendor (id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name text NOT NULL
);`;

ruleTester(rule, {
  valid: [
    { name: 'a plain index', sql: `${VENDOR}\nCREATE INDEX idx_vendor_organisation_id ON vendor (organisation_id);` },
    { name: 'a composite index led by it', sql: `${VENDOR}\nCREATE INDEX idx_vendor_organisation_id_name ON vendor (organisation_id, name DESC);` },
    { name: 'a primary key led by it', sql: 'CREATE TABLE vendor (id uuid, organisation_id uuid REFERENCES organisations (id), PRIMARY KEY (organisation_id, id));' },
    { name: 'a unique constraint led by it', sql: `${VENDOR}\nALTER TABLE vendor ADD CONSTRAINT uq_vendor_organisation_id_name UNIQUE (organisation_id, name);` },
    {
      name: 'an index created by a later migration',
      sql: { 'app/migrations/001_a.sql': VENDOR, 'app/migrations/002_b.sql': 'CREATE INDEX CONCURRENTLY idx_vendor_organisation_id ON vendor USING btree (organisation_id);' },
    },
    {
      name: 'the indexed column renamed to the tenant key: the index follows it',
      sql: {
        'app/migrations/001_a.sql': `${VENDOR.replace('organisation_id', 'org_id')}\nCREATE INDEX idx_vendor_org_id ON vendor (org_id);`,
        'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN org_id TO organisation_id;',
      },
    },
    {
      name: 'a partition is judged through its parent',
      sql: 'CREATE TABLE vendor (id uuid, organisation_id uuid NOT NULL, PRIMARY KEY (organisation_id, id)) PARTITION BY LIST (organisation_id);\nCREATE TABLE vendor_default PARTITION OF vendor DEFAULT;',
    },
    { name: 'no tenant key: tenant-key-required reports that', sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY);' },
    { name: 'global lookup tables are exempt', sql: 'CREATE TABLE country (code text PRIMARY KEY, organisation_id uuid);', standard: { globalTables: ['country'] } },
    { name: 'the tenant root is exempt', global: false, sql: 'CREATE TABLE organisations (id uuid PRIMARY KEY, organisation_id uuid);' },
    {
      name: 'configured tenant key',
      sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid, tenant_id uuid);\nCREATE INDEX idx_vendor_tenant_id ON vendor (tenant_id);',
      standard: { tenantKey: 'tenant_id' },
    },
  ],
  invalid: [
    {
      name: 'no index: at the column, with the index to create',
      sql: VENDOR,
      errors: [
        {
          messageId: 'unindexed',
          data: { key: 'organisation_id', table: 'vendor' },
          fix: 'CREATE INDEX idx_vendor_organisation_id ON vendor (organisation_id);',
          line: 2,
          column: 3,
          logical: 'public.vendor.organisation_id',
        },
      ],
    },
    {
      name: 'second column of a composite index and unique constraint',
      sql: `${VENDOR}\nCREATE INDEX idx_vendor_name_organisation_id ON vendor (name, organisation_id);\nALTER TABLE vendor ADD CONSTRAINT uq_vendor_name UNIQUE (name, organisation_id);`,
      errors: [
        {
          messageId: 'unindexed',
          data: {
            key: 'organisation_id',
            table: 'vendor',
            notes:
              '; index "idx_vendor_name_organisation_id" (name, organisation_id) has it in position 2, and an index is searched from its leading column; index "uq_vendor_name" (name, organisation_id) has it in position 2, and an index is searched from its leading column',
          },
          fix: 'CREATE INDEX idx_vendor_organisation_id ON vendor (organisation_id);',
        },
      ],
    },
    {
      name: 'a partial index does not count',
      sql: `${VENDOR}\nCREATE INDEX idx_vendor_organisation_id ON vendor (organisation_id) WHERE name <> '';`,
      errors: [
        {
          message: /; index "idx_vendor_organisation_id" \(organisation_id\) is partial: the planner uses it only for queries whose WHERE implies its predicate/,
          fix: 'CREATE INDEX idx_vendor_organisation_id_1 ON vendor (organisation_id);',
        },
      ],
    },
    {
      name: 'an expression index and a GIN index do not count',
      sql: `${VENDOR}\nCREATE INDEX idx_vendor_org_text ON vendor ((organisation_id::text));\nCREATE INDEX idx_vendor_organisation_gin ON vendor USING gin (organisation_id);`,
      errors: [{ message: /leads no usable index.*; index "idx_vendor_organisation_gin" \(organisation_id\) is a gin index, which does not serve plain equality lookups$/, fix: /^CREATE INDEX/ }],
    },
    {
      name: 'index dropped by a later migration',
      sql: { 'app/migrations/001_a.sql': `${VENDOR}\nCREATE INDEX idx_vendor_organisation_id ON vendor (organisation_id);`, 'app/migrations/002_b.sql': 'DROP INDEX idx_vendor_organisation_id;' },
      errors: [{ message: /^tenant key "organisation_id" of "vendor" leads no usable index/, file: 'app/migrations/001_a.sql', line: 2 }],
    },
    {
      name: 'log and integration tables are judged too',
      sql: 'CREATE TABLE audit_log (id uuid, organisation_id uuid NOT NULL, "timestamp" timestamptz NOT NULL, PRIMARY KEY ("timestamp", id));',
      errors: [{ message: /^tenant key "organisation_id" of "audit_log" leads no usable index/, logical: 'public.audit_log.organisation_id' }],
    },
    {
      name: 'configured tenant key, quoted table name',
      sql: 'CREATE TABLE "VendorNote" (id uuid PRIMARY KEY,\n  tenant_id uuid NOT NULL);\nCREATE INDEX idx_vendor_note_id ON "VendorNote" (id, tenant_id);',
      standard: { tenantKey: 'tenant_id' },
      errors: [{ message: /has it in position 2.*/, fix: 'CREATE INDEX "idx_VendorNote_tenant_id" ON "VendorNote" (tenant_id);', line: 2, logical: 'public.VendorNote.tenant_id' }],
    },
  ],
});
