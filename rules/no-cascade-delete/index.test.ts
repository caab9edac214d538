import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const VENDOR = 'CREATE TABLE vendor (id uuid PRIMARY KEY);\n';

ruleTester(rule, {
  valid: [
    { name: 'default NO ACTION', sql: VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor);' },
    { name: 'RESTRICT', sql: VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor ON DELETE RESTRICT);' },
    { name: 'ON UPDATE CASCADE is not a delete', sql: VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor ON UPDATE CASCADE);' },
    { name: 'SET NULL is allowed by default', sql: VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor ON DELETE SET NULL);' },
    {
      name: 'cascading key replaced by a later migration',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (vendor_id uuid CONSTRAINT contact_vendor_fk REFERENCES vendor ON DELETE CASCADE);',
        'app/migrations/002_b.sql': 'ALTER TABLE contact DROP CONSTRAINT contact_vendor_fk, ADD CONSTRAINT contact_vendor_fk FOREIGN KEY (vendor_id) REFERENCES vendor ON DELETE RESTRICT;',
      },
    },
    {
      name: 'suppressed with a reason, as the README shows',
      sql: VENDOR + 'CREATE TABLE contact (\n  -- ismslint-disable-next-line no-cascade-delete -- GDPR Art. 17 erasure of contact details\n  vendor_id uuid REFERENCES vendor ON DELETE CASCADE\n);',
    },
    { name: 'option without cascade', sql: VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor ON DELETE CASCADE);', options: { actions: ['set null'] } },
  ],
  invalid: [
    {
      name: 'ON DELETE CASCADE',
      sql: VENDOR + 'CREATE TABLE contact (\n  vendor_id uuid REFERENCES vendor ON DELETE CASCADE\n);',
      errors: [
        {
          message:
            'foreign key "contact_vendor_id_fkey" uses ON DELETE CASCADE: a hard delete of a "vendor" row silently deletes its rows in "contact", destroying audit evidence the standard keeps through soft deletes (deleted_at); use ON DELETE RESTRICT and soft-delete instead',
          line: 3,
          column: 18,
          logical: 'public.contact.contact_vendor_id_fkey',
        },
      ],
    },
    {
      name: 'added by ALTER TABLE, configured soft-delete column',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE "Contact" (vendor_id uuid);',
        'app/migrations/002_b.sql': 'ALTER TABLE "Contact" ADD FOREIGN KEY (vendor_id) REFERENCES vendor ON DELETE CASCADE;',
      },
      standard: { auditColumns: { createdAt: 'created_at', createdBy: 'created_by', updatedAt: 'updated_at', updatedBy: 'updated_by', deletedAt: 'removed_at', deletedBy: 'removed_by' } },
      errors: [{ message: /silently deletes its rows in "Contact", .*soft deletes \(removed_at\)/, file: 'app/migrations/002_b.sql', logical: 'public.Contact.Contact_vendor_id_fkey' }],
    },
    {
      name: 'option actions: SET NULL and SET DEFAULT',
      sql: VENDOR + 'CREATE TABLE contact (a uuid REFERENCES vendor ON DELETE SET NULL, b uuid REFERENCES vendor ON DELETE SET DEFAULT, c uuid REFERENCES vendor ON DELETE CASCADE);',
      options: { actions: ['set null', 'set default'] },
      errors: [
        { message: /"contact_a_fkey" uses ON DELETE SET NULL: .* silently erases the link \(sets it to NULL\) in its rows of "contact"/ },
        { message: /"contact_b_fkey" uses ON DELETE SET DEFAULT: .* silently rewrites the link/ },
      ],
    },
  ],
});
