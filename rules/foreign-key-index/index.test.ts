import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const VENDOR = 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid NOT NULL, deleted_at timestamptz);\n';

ruleTester(rule, {
  valid: [
    { name: 'plain index', sql: VENDOR + 'CREATE TABLE contact (id uuid PRIMARY KEY, vendor_id uuid REFERENCES vendor (id));\nCREATE INDEX idx_contact_vendor_id ON contact (vendor_id);' },
    {
      name: 'composite key: leading columns in any order, extra trailing columns allowed',
      sql:
        'CREATE TABLE account (organisation_id uuid, code text, PRIMARY KEY (organisation_id, code));\n' +
        'CREATE TABLE ledger (id uuid PRIMARY KEY, organisation_id uuid, account_code text, amount numeric, FOREIGN KEY (organisation_id, account_code) REFERENCES account);\n' +
        'CREATE INDEX idx_ledger_code_org ON ledger (account_code, organisation_id, amount);',
    },
    { name: 'a unique constraint counts', sql: VENDOR + 'CREATE TABLE vendor_profile (id uuid PRIMARY KEY, vendor_id uuid UNIQUE REFERENCES vendor);' },
    { name: 'the primary key counts', sql: VENDOR + 'CREATE TABLE vendor_detail (id uuid PRIMARY KEY REFERENCES vendor (id));' },
    {
      name: 'foreign key added by ALTER TABLE in a later migration, index in a third',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (id uuid PRIMARY KEY, vendor_id uuid);',
        'app/migrations/002_b.sql': 'ALTER TABLE contact ADD CONSTRAINT contact_vendor_fk FOREIGN KEY (vendor_id) REFERENCES vendor;',
        'app/migrations/003_c.sql': 'CREATE INDEX idx_contact_vendor_id ON contact USING hash (vendor_id);',
      },
    },
    {
      name: 'indexed column renamed together with the foreign key',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (id uuid PRIMARY KEY, supplier uuid REFERENCES vendor);\nCREATE INDEX idx_contact_supplier ON contact (supplier);',
        'app/migrations/002_b.sql': 'ALTER TABLE contact RENAME COLUMN supplier TO vendor_id;',
      },
    },
  ],
  invalid: [
    {
      name: 'no index at all',
      sql: VENDOR + 'CREATE TABLE vendor_contact (\n  id uuid PRIMARY KEY,\n  vendor_id uuid REFERENCES vendor (id)\n);',
      errors: [
        {
          messageId: 'missing',
          data: { name: 'vendor_contact_vendor_id_fkey', columns: 'vendor_id' },
          fix: 'CREATE INDEX idx_vendor_contact_vendor_id ON vendor_contact (vendor_id);',
          line: 4,
          column: 18,
          logical: 'public.vendor_contact.vendor_contact_vendor_id_fkey',
        },
      ],
    },
    {
      name: 'partial index does not count, and the suggested name avoids the taken one',
      sql:
        VENDOR +
        'CREATE TABLE contact (id uuid PRIMARY KEY, vendor_id uuid REFERENCES vendor, deleted_at timestamptz);\nCREATE INDEX idx_contact_vendor_id ON contact (vendor_id) WHERE deleted_at IS NULL;',
      errors: [
        {
          messageId: 'unusable',
          data: {
            name: 'contact_vendor_id_fkey',
            columns: 'vendor_id',
            reasons:
              '"idx_contact_vendor_id" does not count: it is partial (WHERE deleted_at IS NULL), and the checks PostgreSQL runs when a referenced row is deleted or updated look rows up without that condition',
          },
          fix: 'CREATE INDEX idx_contact_vendor_id_1 ON contact (vendor_id);',
        },
      ],
    },
    {
      name: 'expression index does not count',
      sql: VENDOR + 'CREATE TABLE contact (id uuid PRIMARY KEY, vendor_id uuid REFERENCES vendor);\nCREATE INDEX idx_contact_vendor_text ON contact ((vendor_id::text));',
      errors: [{ message: /\("idx_contact_vendor_text" does not count: it indexes the expression vendor_id::text, which lookups by the column value cannot use\)/ }],
    },
    {
      name: 'the columns must lead the index',
      sql: VENDOR + 'CREATE TABLE contact (id uuid PRIMARY KEY, organisation_id uuid, vendor_id uuid REFERENCES vendor);\nCREATE INDEX idx_contact_org_vendor ON contact (organisation_id, vendor_id);',
      errors: [{ message: /\("idx_contact_org_vendor" \(organisation_id, vendor_id\) does not count: it does not lead with the foreign key's columns\)/ }],
    },
    {
      name: 'a gin index does not count',
      sql: VENDOR + 'CREATE TABLE contact (id uuid PRIMARY KEY, vendor_id uuid REFERENCES vendor);\nCREATE INDEX idx_contact_vendor_id ON contact USING gin (vendor_id);',
      errors: [{ message: /a gin index cannot serve/ }],
    },
    {
      name: 'only half of a composite key is indexed',
      sql:
        'CREATE TABLE account (organisation_id uuid, code text, PRIMARY KEY (organisation_id, code));\n' +
        'CREATE TABLE ledger (id uuid PRIMARY KEY, organisation_id uuid, account_code text, FOREIGN KEY (organisation_id, account_code) REFERENCES account);\n' +
        'CREATE INDEX idx_ledger_organisation_id ON ledger (organisation_id);',
      errors: [
        {
          messageId: 'missing',
          data: { name: 'ledger_organisation_id_account_code_fkey', columns: 'organisation_id, account_code' },
          fix: 'CREATE INDEX idx_ledger_organisation_id_account_code ON ledger (organisation_id, account_code);',
        },
      ],
    },
    {
      name: 'index dropped in a later migration',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (id uuid PRIMARY KEY, vendor_id uuid REFERENCES vendor);\nCREATE INDEX idx_contact_vendor_id ON contact (vendor_id);',
        'app/migrations/002_b.sql': 'DROP INDEX idx_contact_vendor_id;',
      },
      errors: [
        {
          messageId: 'dropped',
          data: { index: 'idx_contact_vendor_id', file: 'app/migrations/001_a.sql' },
          fix: 'CREATE INDEX idx_contact_vendor_id ON contact (vendor_id);',
          file: 'app/migrations/002_b.sql',
          line: 1,
        },
      ],
    },
    {
      name: 'foreign key added by ALTER TABLE is reported where it is added',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (id uuid PRIMARY KEY, vendor_id uuid);',
        'app/migrations/002_b.sql': 'ALTER TABLE contact\n  ADD CONSTRAINT contact_vendor_fk FOREIGN KEY (vendor_id) REFERENCES vendor;',
      },
      errors: [{ message: /^foreign key "contact_vendor_fk"/, file: 'app/migrations/002_b.sql', line: 2, column: 7 }],
    },
    {
      name: 'quoted mixed-case names and another schema are quoted in the suggestion',
      sql: 'CREATE SCHEMA crm;\nCREATE TABLE crm."Vendor" (id uuid PRIMARY KEY);\nCREATE TABLE crm."Contact" (id uuid PRIMARY KEY, "vendorId" uuid REFERENCES crm."Vendor");',
      errors: [{ messageId: 'missing', fix: 'CREATE INDEX "idx_Contact_vendorId" ON crm."Contact" ("vendorId");', logical: 'crm.Contact.Contact_vendorId_fkey' }],
    },
    {
      name: 'self-reference and reserved-word column',
      sql: 'CREATE TABLE node (id uuid PRIMARY KEY, "user" uuid REFERENCES node);',
      errors: [{ messageId: 'missing', data: { columns: 'user' }, fix: 'CREATE INDEX idx_node_user ON node ("user");' }],
    },
  ],
});

describe('PostgreSQL itself', () => {
  it('creates no index for a foreign key, only for the primary key', async () => {
    const pg = new PGlite();
    await pg.exec('CREATE TABLE vendor (id uuid PRIMARY KEY); CREATE TABLE contact (id uuid PRIMARY KEY, vendor_id uuid REFERENCES vendor (id));');
    const { rows } = await pg.query<{ tablename: string; indexdef: string }>("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename");
    expect(rows.map((r) => r.indexdef)).toEqual(['CREATE UNIQUE INDEX contact_pkey ON public.contact USING btree (id)', 'CREATE UNIQUE INDEX vendor_pkey ON public.vendor USING btree (id)']);
    await pg.close();
  });
});
