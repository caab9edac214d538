import { GLOBAL_PRELUDE, ruleTester } from '../test-harness.js';
import rule from './index.js';

const VENDOR = 'CREATE TABLE vendors (id uuid PRIMARY KEY, organisation_id uuid, UNIQUE (organisation_id, id));\n';

ruleTester(rule, {
  valid: [
    { name: 'the standard’s own tables (tenant key, audit actors)', sql: GLOBAL_PRELUDE, global: false },
    { name: 'the standard’s own tables with style "table"', sql: GLOBAL_PRELUDE, global: false, options: { style: 'table' } },
    {
      name: 'columns ending in _id; any *_by column is exempt',
      sql: VENDOR + 'CREATE TABLE contact (id uuid, vendor_id uuid REFERENCES vendors (id), owner_id uuid REFERENCES users (id), approved_by uuid REFERENCES users (id));',
    },
    {
      name: 'composite key: the tenant key is skipped, the others judged by position',
      sql: VENDOR + 'CREATE TABLE contact (id uuid, organisation_id uuid, vendor_id uuid, FOREIGN KEY (organisation_id, vendor_id) REFERENCES vendors (organisation_id, id));',
      options: { style: 'table' },
    },
    {
      name: 'a key to another column may be named after that column',
      sql: 'CREATE TABLE countries (code text PRIMARY KEY);\nCREATE TABLE vendor (id uuid, country_code text REFERENCES countries (code), home_code text REFERENCES countries);',
    },
    { name: 'style "table"', sql: VENDOR + 'CREATE TABLE contact (id uuid, vendor_id uuid REFERENCES vendors, user_id uuid REFERENCES users (id));', options: { style: 'table' } },
    {
      name: 'style "role-table": with and without a role, self-reference',
      sql: VENDOR + 'CREATE TABLE contact (id uuid PRIMARY KEY, vendor_id uuid REFERENCES vendors, owner_user_id uuid REFERENCES users (id), parent_contact_id uuid REFERENCES contact (id));',
      options: { style: 'role-table' },
    },
    {
      name: 'configured audit actor columns are exempt',
      sql: 'CREATE TABLE contact (id uuid, creator uuid REFERENCES users (id));',
      standard: { auditColumns: { createdBy: 'creator', updatedBy: 'updated_by', deletedBy: 'deleted_by', createdAt: 'created_at', updatedAt: 'updated_at', deletedAt: 'deleted_at' } },
    },
    {
      name: 'renamed by a later migration',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (id uuid, vendor uuid REFERENCES vendors);',
        'app/migrations/002_b.sql': 'ALTER TABLE contact RENAME COLUMN vendor TO vendor_id;',
      },
    },
  ],
  invalid: [
    {
      name: 'no _id suffix',
      sql: VENDOR + 'CREATE TABLE contact (\n  id uuid,\n  vendor uuid REFERENCES vendors (id),\n  owner_fk uuid REFERENCES users\n);',
      errors: [
        {
          message: 'foreign-key column "vendor" on table "contact" (references "vendors" ("id")) does not end in "_id": rename it, e.g. to "vendor_id"',
          line: 4,
          column: 3,
          logical: 'public.contact.vendor',
        },
        {
          messageId: 'badName',
          data: { column: 'owner_fk', table: 'contact', reference: '"users" ("id")', advice: 'does not end in "_id": rename it, e.g. to "owner_id"' },
          line: 5,
          column: 3,
          logical: 'public.contact.owner_fk',
        },
      ],
    },
    {
      name: 'unquoted camelCase folds: vendorId is stored as vendorid',
      sql: VENDOR + 'CREATE TABLE contact (id uuid, vendorId uuid REFERENCES vendors (id));',
      errors: [{ message: /"vendorid" .* rename it, e.g. to "vendor_id"/ }],
    },
    {
      name: 'composite key: the non-tenant column is judged; a tenant key in a single-column key is judged too',
      sql:
        VENDOR +
        'CREATE TABLE contact (id uuid, org uuid REFERENCES organisations (id), organisation_id uuid, vendor uuid,\n  FOREIGN KEY (organisation_id, vendor) REFERENCES vendors (organisation_id, id));',
      errors: [{ message: /^foreign-key column "org" .*"org_id"/ }, { message: /^foreign-key column "vendor" .* \(references "vendors" \("organisation_id", "id"\)\)/ }],
    },
    {
      name: 'a column in two foreign keys is reported once',
      sql: VENDOR + 'CREATE TABLE contact (id uuid, vendor uuid REFERENCES vendors (id), CONSTRAINT again FOREIGN KEY (vendor) REFERENCES vendors (id));',
      errors: [{ message: /"vendor"/ }],
    },
    {
      name: 'style "table": must be the referenced table’s singular',
      sql: VENDOR + 'CREATE TABLE contact (id uuid, supplier_id uuid REFERENCES vendors (id), owner_id uuid REFERENCES users (id));',
      options: { style: 'table' },
      errors: [
        { messageId: 'badName', data: { column: 'supplier_id', table: 'contact', reference: '"vendors" ("id")', advice: 'is not named after the table it references: rename it to "vendor_id"' } },
        { message: /"owner_id" .* rename it to "user_id"$/ },
      ],
    },
    {
      name: 'style "role-table": suggests the role form',
      sql: 'CREATE TABLE policies (id uuid PRIMARY KEY, parent_version_id uuid REFERENCES policies (id), owner_id uuid REFERENCES users (id), user_ref uuid REFERENCES users (id));',
      options: { style: 'role-table' },
      errors: [
        {
          messageId: 'badName',
          data: {
            column: 'parent_version_id',
            table: 'policies',
            reference: '"policies" ("id")',
            advice: 'is not named after the table it references: rename it to "policy_id" or "<role>_policy_id", e.g. "parent_version_policy_id"',
          },
        },
        { message: /"owner_id" .* rename it to "user_id" or "<role>_user_id", e.g. "owner_user_id"$/ },
        { message: /"user_ref" .* rename it to "user_id" or "<role>_user_id"$/ },
      ],
    },
    {
      name: 'a schema-qualified target',
      sql: 'CREATE SCHEMA ref;\nCREATE TABLE ref.currencies (code text PRIMARY KEY);\nCREATE TABLE price (id uuid, money_unit text REFERENCES ref.currencies);',
      options: { style: 'table' },
      errors: [
        {
          messageId: 'badName',
          data: { column: 'money_unit', table: 'price', reference: '"ref"."currencies" ("code")', advice: 'is not named after the table it references: rename it to "currency_code"' },
        },
      ],
    },
  ],
});
