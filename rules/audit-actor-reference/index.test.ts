import { ruleTester } from '../test-harness.js';
import rule from './index.js';

/** created_by on line 2, updated_by on line 3, deleted_by on line 4. */
const vendor = (createdBy = 'REFERENCES users (id)', updatedBy = 'REFERENCES users (id)', deletedBy = 'REFERENCES users (id)') => `CREATE TABLE vendor (id uuid PRIMARY KEY,
  created_by uuid NOT NULL ${createdBy},
  updated_by uuid ${updatedBy},
  deleted_by uuid ${deletedBy}
);`;

const OWN_USERS = `CREATE TABLE organisations (id uuid PRIMARY KEY);
CREATE TABLE users (user_id uuid PRIMARY KEY, email text UNIQUE);`;

ruleTester(rule, {
  valid: [
    { name: 'each actor column references users (id)', sql: vendor() },
    { name: 'REFERENCES users without a column list means its primary key, id', sql: vendor('REFERENCES users', 'REFERENCES public.users', 'REFERENCES users') },
    {
      name: 'foreign keys added by a later migration',
      sql: {
        'app/migrations/001_a.sql': vendor('', '', ''),
        'app/migrations/002_b.sql':
          'ALTER TABLE vendor ADD CONSTRAINT fk_vendor_created_by FOREIGN KEY (created_by) REFERENCES users (id),\n  ADD FOREIGN KEY (updated_by) REFERENCES users (id), ADD FOREIGN KEY (deleted_by) REFERENCES users (id);',
      },
    },
    {
      name: 'a NOT VALID key validated later',
      sql:
        vendor('', '', '') +
        '\nALTER TABLE vendor ADD CONSTRAINT a FOREIGN KEY (created_by) REFERENCES users (id) NOT VALID, ADD CONSTRAINT b FOREIGN KEY (updated_by) REFERENCES users (id) NOT VALID, ADD CONSTRAINT c FOREIGN KEY (deleted_by) REFERENCES users (id) NOT VALID;\nALTER TABLE vendor VALIDATE CONSTRAINT a, VALIDATE CONSTRAINT b, VALIDATE CONSTRAINT c;',
    },
    {
      name: 'a composite key besides the single-column one',
      sql: vendor() + '\nALTER TABLE vendor ADD COLUMN organisation_id uuid, ADD FOREIGN KEY (organisation_id, created_by) REFERENCES users (organisation_id, id);',
    },
    { name: "absent columns are audit-columns-required's business", sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY);' },
    { name: 'log table: only created_by is checked here', sql: 'CREATE TABLE audit_log (id uuid PRIMARY KEY, created_by uuid NOT NULL REFERENCES users (id), updated_by uuid);' },
    { name: 'a users table outside the migrations is trusted by name', global: false, sql: vendor('REFERENCES users') },
    {
      name: 'configured users table and actor column names',
      sql: 'CREATE TABLE accounts (id uuid PRIMARY KEY);\nCREATE TABLE vendor (id uuid PRIMARY KEY, created_by uuid, inserted_by uuid REFERENCES accounts, updated_by uuid REFERENCES accounts (id), deleted_by uuid REFERENCES accounts (id));',
      standard: { usersTable: 'accounts', auditColumns: { createdBy: 'inserted_by' } },
    },
  ],
  invalid: [
    {
      name: 'no foreign key: at the column, with the fix',
      sql: vendor(''),
      errors: [
        {
          messageId: 'keyMissing',
          data: { what: 'audit column "created_by" of "vendor"', target: 'users' },
          fix: 'ALTER TABLE vendor ADD FOREIGN KEY (created_by) REFERENCES users (id);',
          line: 2,
          column: 3,
          logical: 'public.vendor.created_by',
        },
      ],
    },
    {
      name: 'a key to another table: at the constraint',
      sql: 'CREATE TABLE person (id uuid PRIMARY KEY);\n' + vendor('REFERENCES person (id)'),
      errors: [
        {
          messageId: 'keyElsewhere',
          data: { fk: 'vendor_created_by_fkey', what: 'audit column "created_by" of "vendor"', reference: '"person" ("id")', target: 'users' },
          fix: 'ALTER TABLE vendor DROP CONSTRAINT vendor_created_by_fkey, ADD FOREIGN KEY (created_by) REFERENCES users (id);',
          line: 3,
          column: 28,
          logical: 'public.vendor.vendor_created_by_fkey',
        },
      ],
    },
    {
      name: 'a key to users, but not to its id',
      sql: vendor('REFERENCES users (id)', 'REFERENCES users (email)'),
      errors: [{ message: /^foreign key "vendor_updated_by_fkey" of audit column "updated_by" of "vendor" references "users" \("email"\), not "users" \("id"\)/, line: 3 }],
    },
    {
      name: 'a users table in another schema is not the users table',
      sql: 'CREATE SCHEMA legacy;\nCREATE TABLE legacy.users (id uuid PRIMARY KEY);\n' + vendor('REFERENCES users (id)', 'REFERENCES users (id)', 'REFERENCES legacy.users (id)'),
      errors: [{ message: /references "legacy"\."users" \("id"\), not "users" \("id"\)/ }],
    },
    {
      name: 'a bare REFERENCES users whose primary key is not id',
      global: false,
      sql: OWN_USERS + '\n' + vendor('REFERENCES users'),
      errors: [{ message: /references "users" \("user_id"\), not "users" \("id"\)/, line: 4 }],
    },
    {
      name: 'only part of a composite key',
      sql:
        vendor('', 'REFERENCES users (id)', 'REFERENCES users (id)') +
        '\nALTER TABLE vendor ADD COLUMN organisation_id uuid, ADD CONSTRAINT fk_vendor_creator FOREIGN KEY (organisation_id, created_by) REFERENCES users (organisation_id, id);',
      errors: [
        {
          messageId: 'keyComposite',
          data: { what: 'audit column "created_by" of "vendor"', fk: 'fk_vendor_creator', columns: 'organisation_id, created_by', target: 'users' },
          fix: 'ALTER TABLE vendor ADD FOREIGN KEY (created_by) REFERENCES users (id);',
          line: 2,
        },
      ],
    },
    {
      name: 'NOT VALID key never validated',
      sql: vendor('') + '\nALTER TABLE vendor ADD CONSTRAINT fk_vendor_created_by FOREIGN KEY (created_by) REFERENCES users (id) NOT VALID;',
      errors: [
        {
          message: /^foreign key "fk_vendor_created_by" of audit column "created_by" of "vendor" is NOT VALID.*/,
          fix: /ALTER TABLE vendor VALIDATE CONSTRAINT fk_vendor_created_by;$/,
          line: 6,
          column: 24,
        },
      ],
    },
    {
      name: 'key dropped by a later migration',
      sql: { 'app/migrations/001_a.sql': vendor(), 'app/migrations/002_b.sql': 'ALTER TABLE vendor DROP CONSTRAINT vendor_deleted_by_fkey;' },
      errors: [{ message: /"deleted_by" of "vendor" has no foreign key to "users"/, file: 'app/migrations/001_a.sql', line: 4 }],
    },
    {
      name: 'the users table renamed by a later migration: the keys follow it',
      sql: { 'app/migrations/001_a.sql': vendor(), 'app/migrations/002_b.sql': 'ALTER TABLE users RENAME TO app_user;' },
      errors: [{ message: /references "app_user" \("id"\), not "users"/ }, { message: /references "app_user"/ }, { message: /references "app_user"/ }],
    },
    {
      name: "log tables' created_by is checked",
      sql: 'CREATE TABLE event_log (id uuid PRIMARY KEY,\n  created_by uuid NOT NULL);',
      errors: [{ message: /"created_by" of "event_log" has no foreign key/, line: 2, logical: 'public.event_log.created_by' }],
    },
    {
      name: "the tenant root's actor columns are checked when present",
      global: false,
      sql: 'CREATE TABLE users (id uuid PRIMARY KEY);\nCREATE TABLE organisations (id uuid PRIMARY KEY, created_by uuid);',
      errors: [{ message: /"created_by" of "organisations" has no foreign key to "users"/, line: 2 }],
    },
    {
      name: 'configured users table and quoted actor column',
      global: false,
      sql: 'CREATE TABLE "Account" (id uuid PRIMARY KEY);\nCREATE TABLE vendor (id uuid PRIMARY KEY, "CreatedBy" uuid REFERENCES users (id));',
      standard: { usersTable: 'Account', auditColumns: { createdBy: 'CreatedBy' } },
      errors: [
        {
          message: /references "users" \("id"\), not "Account" \("id"\)/,
          fix: /ALTER TABLE vendor DROP CONSTRAINT "vendor_CreatedBy_fkey", ADD FOREIGN KEY \("CreatedBy"\) REFERENCES "Account" \(id\);$/,
        },
      ],
    },
  ],
});
