import { GLOBAL_PRELUDE, ruleTester } from '../test-harness.js';
import rule from './index.js';

const VENDOR = 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid, name text, email text);\n';

ruleTester(rule, {
  valid: [
    { name: 'the standard’s own tables', sql: GLOBAL_PRELUDE, global: false },
    {
      name: 'idx_ and uq_ names; primary keys are exempt',
      sql:
        VENDOR +
        'CREATE INDEX idx_vendor_organisation_id ON vendor (organisation_id);\nCREATE UNIQUE INDEX uq_vendor_email ON vendor (lower(email));\nALTER TABLE vendor ADD CONSTRAINT uq_vendor_organisation_id_name UNIQUE (organisation_id, name);',
    },
    {
      name: 'configured patterns',
      sql: VENDOR + 'CREATE INDEX vendor_organisation_id_idx ON vendor (organisation_id);\nALTER TABLE vendor ADD CONSTRAINT vendor_name_key UNIQUE (name);',
      options: { pattern: '^{table}_[a-z0-9_]+_idx$', uniquePattern: '^{table}_[a-z0-9_]+_key$' },
    },
    {
      name: 'patterns with alternation or a quantifier after {table} mean what they say',
      sql: 'CREATE TABLE ab (id uuid);\nCREATE INDEX ix_ab_id ON ab (id);\nCREATE INDEX idx_abbb ON ab (id);',
      options: { pattern: '^(idx|ix)_{table}_[a-z]+$|^idx_{table}+$' },
    },
    {
      name: 'the table name is matched literally: regex characters in it are escaped',
      sql: 'CREATE TABLE "a.b" (id uuid);\nCREATE INDEX "idx_a.b_id" ON "a.b" (id);',
    },
    {
      name: 'renamed by a later migration',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE INDEX vendor_name ON vendor (name);\nALTER TABLE vendor ADD CONSTRAINT vendor_email UNIQUE (email);',
        'app/migrations/002_b.sql': 'ALTER INDEX vendor_name RENAME TO idx_vendor_name;\nALTER TABLE vendor RENAME CONSTRAINT vendor_email TO uq_vendor_email;',
      },
    },
  ],
  invalid: [
    {
      name: 'a schema.json index: the fix renames it in its entry',
      schemaJson: {
        'app/schema.json': JSON.stringify({
          module: 'app',
          tables: [
            {
              name: 'vendor',
              columns: [
                { name: 'id', type: 'uuid' },
                { name: 'name', type: 'text' },
              ],
              indexes: [{ name: 'vendor_name_idx', columns: ['name'] }],
            },
          ],
        }),
      },
      errors: [{ messageId: 'index', data: { name: 'vendor_name_idx' }, fix: 'set tables[0].indexes[0].name to "idx_vendor_name"' }],
    },
    {
      name: 'index names that do not follow idx_<table>_',
      sql: VENDOR + 'CREATE INDEX vendor_name_idx ON vendor (name);\nCREATE INDEX idx_vendors_email ON vendor (email);\nCREATE INDEX ON vendor (organisation_id, lower(email));',
      errors: [
        {
          messageId: 'index',
          data: { kind: 'index', name: 'vendor_name_idx', table: 'vendor', pattern: '^idx_vendor_[a-z0-9_]+$' },
          fix: 'ALTER INDEX vendor_name_idx RENAME TO idx_vendor_name;',
          line: 2,
          column: 1,
          logical: 'public.vendor.vendor_name_idx',
        },
        { messageId: 'index', data: { name: 'idx_vendors_email' }, fix: /RENAME TO idx_vendor_email;$/, line: 3 },
        {
          messageId: 'index',
          data: { kind: 'index', name: 'vendor_organisation_id_lower_idx', table: 'vendor', pattern: '^idx_vendor_[a-z0-9_]+$' },
          fix: 'ALTER INDEX vendor_organisation_id_lower_idx RENAME TO idx_vendor_organisation_id_lower;',
          line: 4,
        },
      ],
    },
    {
      name: 'the rest of the pattern must match right after the table name, up to the end',
      sql: VENDOR + 'CREATE INDEX "idx_vendor_Name" ON vendor (name);\nCREATE INDEX idx_vendorx_name ON vendor (name);\nCREATE INDEX "idx_vendor_name\n" ON vendor (name);',
      errors: [
        { message: /^index "idx_vendor_Name" /, line: 2 },
        { message: /^index "idx_vendorx_name" /, line: 3 },
        { message: /^index "idx_vendor_name\n" /, line: 4 },
      ],
    },
    {
      name: 'a unique index follows uq_<table>_, not idx_',
      sql: VENDOR + 'CREATE UNIQUE INDEX idx_vendor_email ON vendor (email);',
      errors: [
        {
          messageId: 'index',
          data: { kind: 'unique index', name: 'idx_vendor_email', table: 'vendor', pattern: '^uq_vendor_[a-z0-9_]+$' },
          fix: 'ALTER INDEX idx_vendor_email RENAME TO uq_vendor_email;',
          line: 2,
        },
      ],
    },
    {
      name: 'implicitly named unique constraints get a hint to name them',
      sql: 'CREATE TABLE member (\n  id uuid PRIMARY KEY,\n  organisation_id uuid,\n  email text UNIQUE,\n  UNIQUE (organisation_id, email)\n);',
      errors: [
        {
          message: 'unique constraint "member_email_key" on table "member" has the name PostgreSQL chose, which does not match ^uq_member_[a-z0-9_]+$',
          fix: 'ALTER TABLE member RENAME CONSTRAINT member_email_key TO uq_member_email;',
          line: 4,
          logical: 'public.member.member_email_key',
        },
        {
          messageId: 'implicitConstraint',
          data: { name: 'member_organisation_id_email_key' },
          fix: 'ALTER TABLE member RENAME CONSTRAINT member_organisation_id_email_key TO uq_member_organisation_id_email;',
          line: 5,
        },
      ],
    },
    {
      name: 'an explicitly named unique constraint',
      sql: VENDOR + 'ALTER TABLE vendor ADD CONSTRAINT vendor_email_unique UNIQUE (email);',
      errors: [
        {
          messageId: 'constraint',
          data: { name: 'vendor_email_unique', table: 'vendor', pattern: '^uq_vendor_[a-z0-9_]+$' },
          fix: 'ALTER TABLE vendor RENAME CONSTRAINT vendor_email_unique TO uq_vendor_email;',
          line: 2,
        },
      ],
    },
    {
      name: 'an index in another schema is qualified in the suggestion',
      sql: 'CREATE SCHEMA ref;\nCREATE TABLE ref.country (code text);\nCREATE INDEX country_code ON ref.country (code);',
      errors: [{ messageId: 'index', fix: 'ALTER INDEX ref.country_code RENAME TO idx_country_code;', logical: 'ref.country.country_code' }],
    },
    {
      name: 'no suggestion that the configured pattern would reject',
      sql: VENDOR + 'CREATE INDEX vendor_name ON vendor (name);',
      options: { pattern: '^ix_{table}_\\d+$' },
      errors: [{ messageId: 'index', data: { kind: 'index', name: 'vendor_name', table: 'vendor', pattern: '^ix_vendor_\\d+$' } }],
    },
    {
      name: 'regex characters in the table name are escaped, not interpreted',
      sql: 'CREATE TABLE "a.b" (id uuid);\nCREATE INDEX "idx_aXb_id" ON "a.b" (id);',
      errors: [{ messageId: 'index', data: { kind: 'index', name: 'idx_aXb_id', table: 'a.b', pattern: '^idx_a.b_[a-z0-9_]+$' }, fix: 'ALTER INDEX "idx_aXb_id" RENAME TO "idx_a.b_id";' }],
    },
    {
      name: 'a pattern that only breaks with a table’s name in it is reported on that table, not thrown',
      sql: 'CREATE TABLE "1" (id uuid);\nCREATE INDEX idx_1 ON "1" (id);\nCREATE TABLE vendor (id uuid);',
      options: { pattern: '^idx_x{9,{table}}$' },
      errors: [{ messageId: 'brokenPattern', data: { pattern: '^idx_x{9,1}$', table: '1' }, logical: 'public.1' }],
    },
    {
      name: 'a later migration adds a badly named index',
      sql: { 'app/migrations/001_a.sql': VENDOR, 'app/migrations/002_b.sql': 'CREATE INDEX by_name ON vendor (name);' },
      errors: [{ message: /"by_name"/, file: 'app/migrations/002_b.sql', line: 1 }],
    },
  ],
});
