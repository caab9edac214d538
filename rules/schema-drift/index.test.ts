import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const SCHEMA = `{
  "module": "app",
  "tables": [
    {
      "name": "vendor",
      "columns": [
        { "name": "id", "type": "uuid", "nullable": false, "default": "generate_uuidv7()", "primaryKey": true },
        { "name": "status", "type": "text", "nullable": false, "default": "'draft'" }
      ],
      "rls": { "enabled": true }
    }
  ]
}`;

const MATCHING = "CREATE TABLE vendor (\n  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),\n  status text NOT NULL DEFAULT 'draft'\n);\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;";

ruleTester(rule, {
  valid: [
    { name: 'schema.json and migrations agree', schemaJson: { 'app/schema.json': SCHEMA }, sql: MATCHING },
    {
      name: 'a later migration brings the final state in line',
      schemaJson: { 'app/schema.json': SCHEMA },
      sql: {
        'app/migrations/001_init.sql': 'CREATE TABLE vendor (id uuid PRIMARY KEY DEFAULT generate_uuidv7(), status text);',
        'app/migrations/002_status.sql': "ALTER TABLE vendor ALTER COLUMN status SET NOT NULL, ALTER COLUMN status SET DEFAULT 'draft';\nALTER TABLE vendor ENABLE ROW LEVEL SECURITY;",
      },
    },
    { name: 'a module with schema.json only has nothing to drift from', schemaJson: { 'app/schema.json': SCHEMA } },
  ],
  invalid: [
    {
      name: 'a column differs: one finding at the column, naming file and line',
      schemaJson: { 'app/schema.json': SCHEMA },
      sql: MATCHING.replace("status text NOT NULL DEFAULT 'draft'", 'status text'),
      errors: [
        {
          message: `column "vendor.status": schema.json says text NOT NULL DEFAULT 'draft', migrations (app/migrations/001_test.sql:3) say text NULL`,
          line: 8,
          column: 19,
          file: 'app/schema.json',
          logical: 'public.vendor.status',
        },
      ],
    },
    {
      name: 'RLS disabled by a later migration, and a table schema.json does not declare',
      schemaJson: { 'app/schema.json': SCHEMA },
      sql: { 'app/migrations/001_init.sql': MATCHING, 'app/migrations/002_more.sql': 'ALTER TABLE vendor DISABLE ROW LEVEL SECURITY;\nCREATE TABLE vendor_note (id uuid PRIMARY KEY);' },
      errors: [
        { messageId: 'tableUndeclared', data: { table: 'vendor_note', where: 'app/migrations/002_more.sql:2' }, line: 3, column: 3, logical: 'public.vendor_note' },
        { messageId: 'rlsDiffers', data: { table: 'vendor', declared: 'enabled', where: 'app/migrations/002_more.sql:1', actual: 'disabled' }, line: 10, column: 27, logical: 'public.vendor' },
      ],
    },
  ],
});
