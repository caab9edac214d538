import { GLOBAL_PRELUDE, ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'the standard’s own tables, judged as an application module', sql: GLOBAL_PRELUDE, global: false },
    { name: 'unquoted camelCase is folded to lower case by PostgreSQL', sql: 'CREATE TABLE VendorContact (id uuid PRIMARY KEY, fullName text, addressLine2 text);' },
    { name: 'digits inside words', sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY, address_line2 text, iso3166_code text);' },
    {
      name: 'a quoted name fixed by a later migration',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE "Vendor" (id uuid PRIMARY KEY, "fullName" text);',
        'app/migrations/002_b.sql': 'ALTER TABLE "Vendor" RENAME TO vendor;\nALTER TABLE vendor RENAME COLUMN "fullName" TO full_name;',
      },
    },
    {
      name: 'named indexes, constraints, policies and triggers',
      sql: `CREATE TABLE vendor (id uuid PRIMARY KEY, status text, CONSTRAINT valid_status CHECK (status IN ('draft')));
CREATE INDEX idx_vendor_status ON vendor (status);
CREATE POLICY tenant_isolation ON vendor USING (true);
CREATE TRIGGER vendor_touch BEFORE UPDATE ON vendor FOR EACH ROW EXECUTE FUNCTION touch();`,
    },
  ],
  invalid: [
    {
      name: 'quoted mixed-case table',
      sql: 'CREATE TABLE "VendorContact" (id uuid PRIMARY KEY);',
      errors: [{ message: 'table "VendorContact" is not snake_case: rename it to "vendor_contact"', line: 1, column: 14, logical: 'public.VendorContact' }],
    },
    {
      name: 'quoted camelCase column; the implicit constraint name derived from it is not reported again',
      sql: 'CREATE TABLE vendor (\n  id uuid PRIMARY KEY,\n  "fullName" text UNIQUE\n);',
      errors: [{ messageId: 'rename', data: { label: 'column', name: 'fullName', where: ' on table "vendor"', suggestion: 'full_name' }, line: 3, column: 3, logical: 'public.vendor.fullName' }],
    },
    {
      name: 'underscores out of place',
      sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY, "vendor__name" text, "_tmp" text, "name_" text);',
      errors: [{ message: /column "vendor__name" .* rename it to "vendor_name"$/ }, { message: /column "_tmp" .* rename it to "tmp"$/ }, { message: /column "name_" .* rename it to "name"$/ }],
    },
    {
      name: 'no snake_case spelling to offer for a name starting with a digit',
      sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY, "2fa_secret" text);',
      errors: [{ message: /column "2fa_secret" on table "vendor" is not snake_case: rename it to lower-case letters, digits and single underscores, starting with a letter/ }],
    },
    {
      name: 'non-ASCII letters stay as written even unquoted',
      sql: 'CREATE TABLE café (id uuid PRIMARY KEY, "Straße" text);',
      errors: [
        { messageId: 'rename', data: { label: 'table', name: 'café', suggestion: 'cafe' }, logical: 'public.café' },
        { message: /column "Straße" on table "café" is not snake_case: rename it to "strasse"/ },
      ],
    },
    {
      name: 'spaces, hyphens and acronyms',
      sql: `CREATE TABLE vendor (id uuid PRIMARY KEY, "HTTPStatus" int, status text, CONSTRAINT "Valid-Status" CHECK (status <> ''));
CREATE INDEX "IdxVendorStatus" ON vendor (status);
CREATE POLICY "Tenant Isolation" ON vendor USING (true);
CREATE TRIGGER "touchVendor" BEFORE UPDATE ON vendor FOR EACH ROW EXECUTE FUNCTION touch();`,
      errors: [
        { messageId: 'rename', data: { label: 'column', name: 'HTTPStatus', where: ' on table "vendor"', suggestion: 'http_status' }, line: 1, column: 43, logical: 'public.vendor.HTTPStatus' },
        { messageId: 'rename', data: { label: 'check constraint', name: 'Valid-Status', where: ' on table "vendor"', suggestion: 'valid_status' }, line: 1, logical: 'public.vendor.Valid-Status' },
        { messageId: 'rename', data: { label: 'index', name: 'IdxVendorStatus', where: ' on table "vendor"', suggestion: 'idx_vendor_status' }, line: 2, logical: 'public.vendor.IdxVendorStatus' },
        { messageId: 'rename', data: { label: 'policy', name: 'Tenant Isolation', where: ' on table "vendor"', suggestion: 'tenant_isolation' }, line: 3 },
        { messageId: 'rename', data: { label: 'trigger', name: 'touchVendor', where: ' on table "vendor"', suggestion: 'touch_vendor' }, line: 4 },
      ],
    },
    {
      name: 'a partition’s columns are its parent’s and reported once, on the parent',
      sql: `CREATE TABLE event (id uuid, "occurredAt" timestamptz NOT NULL) PARTITION BY RANGE ("occurredAt");
CREATE TABLE "Event2025" PARTITION OF event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
      errors: [
        { message: /^column "occurredAt" on table "event"/, line: 1, logical: 'public.event.occurredAt' },
        { messageId: 'rename', data: { label: 'table', name: 'Event2025', suggestion: 'event2025' }, line: 2 },
      ],
    },
    {
      name: 'a later migration renames to a quoted name',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE vendor (id uuid PRIMARY KEY, full_name text);',
        'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN full_name TO "FullName";',
      },
      errors: [{ message: /column "FullName" .* rename it to "full_name"/, logical: 'public.vendor.FullName' }],
    },
  ],
});
