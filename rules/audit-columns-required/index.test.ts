import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const AUDIT = `
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  deleted_at timestamptz,
  deleted_by uuid REFERENCES users (id)`;

const VENDOR = `CREATE TABLE vendor (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),${AUDIT}
);`;

const ROOT_ONLY = `CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);`;

const missing = (column: string) => ({ messageId: 'missing', data: { table: 'vendor', column } });

ruleTester(rule, {
  valid: [
    { name: 'all six audit columns', sql: VENDOR },
    { name: 'tenant root with only the *_at columns (it exists before any user)', global: false, sql: ROOT_ONLY },
    {
      name: 'log table with only the created_* columns',
      sql: 'CREATE TABLE audit_log (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), created_by uuid NOT NULL);',
    },
    {
      name: 'a partition of a log table is judged through its parent',
      sql: "CREATE TABLE audit_log (id uuid, created_at timestamptz NOT NULL DEFAULT now(), created_by uuid NOT NULL, PRIMARY KEY (created_at, id)) PARTITION BY RANGE (created_at);\nCREATE TABLE audit_log_2025 PARTITION OF audit_log FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
    },
    {
      name: 'a column added by a later migration counts',
      sql: {
        'app/migrations/001_a.sql': VENDOR.replace(',\n  deleted_by uuid REFERENCES users (id)', ''),
        'app/migrations/002_b.sql': 'ALTER TABLE vendor ADD COLUMN deleted_by uuid REFERENCES users (id);',
      },
    },
    {
      name: 'a column renamed into place by a later migration counts',
      sql: {
        'app/migrations/001_a.sql': VENDOR.replace('created_at timestamptz', 'created_on timestamptz'),
        'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN created_on TO created_at;',
      },
    },
    {
      name: 'global lookup table listed in exempt',
      sql: 'CREATE TABLE country (code text PRIMARY KEY);',
      standard: { globalTables: ['country'] },
      options: { exempt: ['country'] },
    },
    { name: 'exempt by schema-qualified name', sql: 'CREATE SCHEMA ref;\nCREATE TABLE ref.country (code text PRIMARY KEY);', options: { exempt: ['ref.country'] } },
    {
      name: 'actorColumnsExempt replaces the default list',
      global: false,
      sql: `${ROOT_ONLY}\nCREATE TABLE settings (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);`,
      options: { actorColumnsExempt: ['organisations', 'settings'] },
    },
    {
      name: 'configured audit column names',
      sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY, inserted_at timestamptz, inserted_by uuid, changed_at timestamptz, changed_by uuid, removed_at timestamptz, removed_by uuid);',
      standard: {
        auditColumns: { createdAt: 'inserted_at', createdBy: 'inserted_by', updatedAt: 'changed_at', updatedBy: 'changed_by', deletedAt: 'removed_at', deletedBy: 'removed_by' },
      },
    },
    {
      name: 'configured log table',
      sql: 'CREATE TABLE activity (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), created_by uuid NOT NULL);',
      standard: { logTables: ['activity'] },
    },
  ],
  invalid: [
    {
      name: 'no audit columns: one finding per column, with its full definition',
      sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY);',
      errors: [
        {
          messageId: 'missing',
          data: { table: 'vendor', column: 'created_at' },
          fix: 'ALTER TABLE vendor ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();',
          line: 1,
          column: 14,
          logical: 'public.vendor',
        },
        { messageId: 'missing', data: { table: 'vendor', column: 'created_by' }, fix: 'ALTER TABLE vendor ADD COLUMN created_by uuid NOT NULL REFERENCES users (id);' },
        { messageId: 'missing', data: { table: 'vendor', column: 'deleted_at' }, fix: 'ALTER TABLE vendor ADD COLUMN deleted_at timestamptz NULL;' },
        { messageId: 'missing', data: { table: 'vendor', column: 'deleted_by' }, fix: 'ALTER TABLE vendor ADD COLUMN deleted_by uuid NULL REFERENCES users (id);' },
        { messageId: 'missing', data: { table: 'vendor', column: 'updated_at' }, fix: 'ALTER TABLE vendor ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();' },
        { messageId: 'missing', data: { table: 'vendor', column: 'updated_by' }, fix: 'ALTER TABLE vendor ADD COLUMN updated_by uuid NULL REFERENCES users (id);' },
      ],
    },
    {
      name: 'column renamed away by a later migration',
      sql: { 'app/migrations/001_a.sql': VENDOR, 'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN updated_by TO modified_by;' },
      errors: [{ ...missing('updated_by'), file: 'app/migrations/001_a.sql', line: 1, column: 14 }],
    },
    {
      name: 'column dropped by a later migration (natural file order: 10 after 9)',
      sql: { 'app/migrations/9_a.sql': VENDOR, 'app/migrations/10_b.sql': 'ALTER TABLE vendor DROP COLUMN deleted_at;' },
      errors: [missing('deleted_at')],
    },
    {
      name: 'quoted mixed-case column is another column: suggest renaming it',
      sql: VENDOR.replace('created_at timestamptz', '"Created_At" timestamptz'),
      errors: [{ messageId: 'lookalike', data: { table: 'vendor', column: 'created_at', lookalike: 'Created_At' }, fix: 'ALTER TABLE vendor RENAME COLUMN "Created_At" TO created_at;' }],
    },
    {
      name: 'log table still needs created_by',
      sql: 'CREATE TABLE event_log (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());',
      errors: [{ message: /^table "event_log" has no "created_by" audit column$/, fix: /uuid NOT NULL REFERENCES users \(id\);$/, logical: 'public.event_log' }],
    },
    {
      name: 'tenant root still needs the *_at columns',
      global: false,
      sql: ROOT_ONLY.replace(',\n  deleted_at timestamptz', ''),
      errors: [{ message: /^table "organisations" has no "deleted_at" audit column/ }],
    },
    {
      name: 'a non-empty actorColumnsExempt no longer exempts the tenant root',
      global: false,
      sql: ROOT_ONLY,
      options: { actorColumnsExempt: ['settings'] },
      errors: [{ message: /"created_by"/ }, { message: /"deleted_by"/ }, { message: /"updated_by"/ }],
    },
    {
      name: 'global lookup tables need them too unless exempt',
      sql: 'CREATE TABLE country (code text PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), created_by uuid NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), updated_by uuid, deleted_at timestamptz);',
      standard: { globalTables: ['country'] },
      options: { exempt: ['currency'] },
      errors: [{ message: /^table "country" has no "deleted_by" audit column/ }],
    },
    {
      name: 'configured names: audit columns and users table',
      global: false,
      sql: 'CREATE TABLE accounts (id uuid PRIMARY KEY, created_at timestamptz, inserted_by uuid, updated_at timestamptz, updated_by uuid, deleted_at timestamptz, deleted_by uuid);\nCREATE TABLE vendor (id uuid PRIMARY KEY, created_at timestamptz, created_by uuid, updated_at timestamptz, updated_by uuid, deleted_at timestamptz, deleted_by uuid);',
      standard: { usersTable: 'accounts', auditColumns: { createdBy: 'inserted_by' } },
      errors: [
        { messageId: 'missing', data: { table: 'vendor', column: 'inserted_by' }, fix: 'ALTER TABLE vendor ADD COLUMN inserted_by uuid NOT NULL REFERENCES accounts (id);', line: 2, column: 14 },
      ],
    },
    {
      name: 'table outside the default schema is written qualified in the fix',
      sql: 'CREATE SCHEMA vendor_risk;\nCREATE TABLE vendor_risk."Vendor" (id uuid PRIMARY KEY, created_at timestamptz, created_by uuid, updated_at timestamptz, updated_by uuid, deleted_at timestamptz);',
      errors: [
        {
          messageId: 'missing',
          data: { table: 'Vendor', column: 'deleted_by' },
          fix: 'ALTER TABLE vendor_risk."Vendor" ADD COLUMN deleted_by uuid NULL REFERENCES users (id);',
          line: 2,
          logical: 'vendor_risk.Vendor',
        },
      ],
    },
  ],
});
