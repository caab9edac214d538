import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const TABLE = 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid NOT NULL);';

ruleTester(rule, {
  valid: [
    { name: 'enabled and forced', sql: `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;\nALTER TABLE vendor FORCE ROW LEVEL SECURITY;` },
    { name: 'forced before it is enabled', sql: `${TABLE}\nALTER TABLE vendor FORCE ROW LEVEL SECURITY;\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;` },
    {
      name: 'forced in a later migration',
      sql: {
        'app/migrations/001_a.sql': `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;`,
        'app/migrations/002_b.sql': 'ALTER TABLE vendor FORCE ROW LEVEL SECURITY;',
      },
    },
    { name: 'RLS not enabled at all is left to rls-enabled', sql: TABLE },
    {
      name: 'configured global lookup table',
      sql: 'CREATE TABLE country (code text PRIMARY KEY);\nALTER TABLE country ENABLE ROW LEVEL SECURITY;',
      standard: { globalTables: ['country'] },
    },
  ],
  invalid: [
    {
      name: 'enabled, never forced',
      sql: `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;`,
      errors: [
        {
          messageId: 'notForced',
          data: { table: 'vendor' },
          fix: 'ALTER TABLE vendor FORCE ROW LEVEL SECURITY;',
          line: 1,
          column: 14,
          logical: 'public.vendor',
        },
      ],
    },
    {
      name: 'NO FORCE in a later migration',
      sql: {
        'app/migrations/001_a.sql': `${TABLE}\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;\nALTER TABLE vendor FORCE ROW LEVEL SECURITY;`,
        'app/migrations/002_b.sql': 'ALTER TABLE vendor NO FORCE ROW LEVEL SECURITY;',
      },
      errors: [{ message: /"vendor" is not forced/, file: 'app/migrations/001_a.sql' }],
    },
    {
      name: 'quoted mixed-case table in another schema',
      sql: 'CREATE SCHEMA risk;\nCREATE TABLE risk."Vendor" (id uuid);\nALTER TABLE risk."Vendor" ENABLE ROW LEVEL SECURITY;',
      errors: [{ messageId: 'notForced', fix: 'ALTER TABLE risk."Vendor" FORCE ROW LEVEL SECURITY;', line: 2, logical: 'risk.Vendor' }],
    },
    {
      name: 'log tables hold tenant rows too',
      sql: 'CREATE TABLE audit_log (id uuid, organisation_id uuid);\nALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;',
      errors: [{ logical: 'public.audit_log' }],
    },
  ],
});
