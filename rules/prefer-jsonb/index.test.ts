import { ruleTester } from '../test-harness.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    { name: 'jsonb', sql: 'CREATE TABLE event (payload jsonb, tags jsonb[]);' },
    { name: 'changed to jsonb later', sql: 'CREATE TABLE event (payload json);\nALTER TABLE event ALTER COLUMN payload TYPE jsonb;' },
  ],
  invalid: [
    {
      name: 'json',
      sql: 'CREATE TABLE event (\n  id uuid,\n  payload json NOT NULL\n);',
      errors: [
        {
          message: 'column "payload" is json: json is stored as text and parsed again on every access, keeps duplicate keys, and has no equality operator and no GIN indexing; use jsonb',
          line: 3,
          column: 3,
          logical: 'public.event.payload',
          fix: 'ALTER TABLE event ALTER COLUMN payload TYPE jsonb;',
        },
      ],
    },
    {
      name: 'in schema.json: the fix sets the column type',
      schemaJson: {
        'app/schema.json': JSON.stringify({
          module: 'app',
          tables: [
            {
              name: 'event',
              columns: [
                { name: 'id', type: 'uuid' },
                { name: 'tags', type: 'json[]' },
              ],
            },
          ],
        }),
      },
      errors: [{ messageId: 'json', data: { column: 'tags', better: 'jsonb[]' }, fix: 'set tables[0].columns[1].type to "jsonb[]"' }],
    },
    {
      name: 'qualified, array, quoted column',
      sql: 'CREATE TABLE event (a pg_catalog.json, "Docs" json[]);',
      errors: [
        { message: /^column "a" is json:/ },
        { message: /^column "Docs" is json\[\]: .* use jsonb\[\]$/, logical: 'public.event.Docs', fix: 'ALTER TABLE event ALTER COLUMN "Docs" TYPE jsonb[];' },
      ],
    },
  ],
});
