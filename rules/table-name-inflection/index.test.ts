import { GLOBAL_PRELUDE, ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'the standard’s plural organisations and users are allowed by default', sql: GLOBAL_PRELUDE, global: false },
    { name: 'singular names', sql: 'CREATE TABLE vendor (id uuid);\nCREATE TABLE vendor_contact (id uuid);\nCREATE TABLE risk_analysis (id uuid);\nCREATE TABLE access (id uuid);' },
    {
      name: 'singular words ending in s',
      sql: 'CREATE TABLE vendor_status (id uuid);\nCREATE TABLE mailing_address (id uuid);\nCREATE TABLE business_process (id uuid);\nCREATE TABLE tax_basis (id uuid);',
    },
    { name: 'uncountable nouns', sql: 'CREATE TABLE asset_metadata (id uuid);\nCREATE TABLE audit_evidence (id uuid);\nCREATE TABLE software (id uuid);\nCREATE TABLE usage_analytics (id uuid);' },
    { name: 'the standard’s log tables', sql: 'CREATE TABLE audit_log (id uuid);\nCREATE TABLE event_log (id uuid);' },
    { name: 'allow-listed plural', sql: 'CREATE TABLE user_permissions (id uuid);', options: { allow: ['user_permissions'] } },
    {
      name: 'plural form configured',
      sql: 'CREATE TABLE vendors (id uuid);\nCREATE TABLE people (id uuid);\nCREATE TABLE risk_analyses (id uuid);\nCREATE TABLE audit_evidence (id uuid);',
      options: { form: 'plural' },
    },
    {
      name: 'configured tenant root and users table',
      sql: 'CREATE TABLE tenants (id uuid);\nCREATE TABLE members (id uuid);',
      standard: { tenantRoot: 'tenants', usersTable: 'members' },
      global: false,
    },
    {
      name: 'a plural renamed to the singular by a later migration',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE vendors (id uuid);', 'app/migrations/002_b.sql': 'ALTER TABLE vendors RENAME TO vendor;' },
    },
  ],
  invalid: [
    {
      name: 'plural last word',
      sql: 'CREATE TABLE vendor_contacts (id uuid);',
      errors: [
        {
          messageId: 'rename',
          data: { table: 'vendor_contacts', found: 'plural', form: 'singular', suggestion: 'vendor_contact' },
          fix: 'ALTER TABLE vendor_contacts RENAME TO vendor_contact;',
          line: 1,
          column: 14,
          logical: 'public.vendor_contacts',
        },
      ],
    },
    {
      name: 'regular and irregular plurals',
      sql: 'CREATE TABLE policies (id uuid);\nCREATE TABLE statuses (id uuid);\nCREATE TABLE people (id uuid);\nCREATE TABLE assessment_criteria (id uuid);\nCREATE TABLE risk_analyses (id uuid);\nCREATE TABLE inboxes (id uuid);',
      errors: [
        { message: /rename it to "policy"/, line: 1 },
        { message: /rename it to "status"/, line: 2 },
        { message: /rename it to "person"/, line: 3 },
        { message: /rename it to "assessment_criterion"/, line: 4 },
        { message: /rename it to "risk_analysis"/, line: 5 },
        { message: /rename it to "inbox"/, line: 6 },
      ],
    },
    {
      name: 'the standard tables are not allowed when allowStandardTables is off',
      sql: GLOBAL_PRELUDE,
      global: false,
      options: { allowStandardTables: false },
      errors: [{ message: /"organisations" .* rename it to "organisation"/ }, { message: /"users" has a plural name; table names are singular: its singular "user" is a reserved word in PostgreSQL/ }],
    },
    {
      name: 'plural form configured: singular names are reported',
      sql: 'CREATE TABLE vendor (id uuid);\nCREATE TABLE vendor_status (id uuid);\nCREATE TABLE person (id uuid);',
      options: { form: 'plural' },
      errors: [
        { message: /rename it to "vendors"/, line: 1 },
        { message: /rename it to "vendor_statuses"/, line: 2 },
        { messageId: 'rename', data: { table: 'person', found: 'singular', form: 'plural', suggestion: 'people' }, fix: 'ALTER TABLE person RENAME TO people;', line: 3 },
      ],
    },
    {
      name: 'unquoted CamelCase folds to one word',
      sql: 'CREATE TABLE VendorContacts (id uuid);',
      errors: [{ message: /"vendorcontacts" .* rename it to "vendorcontact"/ }],
    },
    {
      name: 'a singular that is a reserved word is not suggested bare',
      sql: 'CREATE TABLE orders (id uuid);',
      errors: [
        {
          message:
            'table "orders" has a plural name; table names are singular: its singular "order" is a reserved word in PostgreSQL, so rename it to a more specific singular name such as "<qualifier>_order"',
        },
      ],
    },
    {
      name: 'the allow-list holds exact names only',
      sql: 'CREATE TABLE vendors (id uuid);',
      options: { allow: ['vendor_contacts'] },
      errors: [{ message: /"vendors"/ }],
    },
  ],
});
