import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const THREAT = { 'threat/migrations/001_threat.sql': 'CREATE TABLE threat (id uuid PRIMARY KEY, code text, score integer);' };

function integration(ref: string, type = 'uuid'): Record<string, string> {
  return {
    'integration/schema.json': JSON.stringify(
      {
        module: 'integration',
        tables: [
          {
            name: 'threat_link',
            columns: [
              { name: 'id', type: 'uuid', primaryKey: true },
              { name: 'threat_id', type, nullable: false, crossModuleReference: JSON.parse(ref) },
            ],
          },
        ],
      },
      null,
      2,
    ),
  };
}

ruleTester(rule, {
  valid: [
    { name: 'existing module, table and key column', sql: THREAT, schemaJson: integration('{"module": "threat", "table": "threat"}') },
    { name: 'explicit column', sql: THREAT, schemaJson: integration('{"module": "threat", "table": "threat", "column": "id"}') },
    {
      name: "declared in schema.json, migrated by the module's migrations",
      sql: { ...THREAT, 'integration/migrations/001_init.sql': 'CREATE TABLE threat_link (id uuid PRIMARY KEY, threat_id uuid NOT NULL);' },
      schemaJson: integration('{"module": "threat", "table": "threat"}'),
    },
  ],
  invalid: [
    {
      name: 'unknown module',
      sql: THREAT,
      schemaJson: integration('{"module": "threats", "table": "threat"}'),
      errors: [
        {
          message: /^cross-module reference of "threat_link.threat_id" to threats.threat.id: there is no module "threats"; known modules: global, integration, threat$/,
          file: 'integration/schema.json',
          line: 16,
        },
      ],
    },
    {
      name: 'table not in the named module',
      sql: THREAT,
      schemaJson: integration('{"module": "threat", "table": "users"}'),
      errors: [{ message: /table "users" belongs to module "global", not "threat"$/ }],
    },
    { name: 'missing table', sql: THREAT, schemaJson: integration('{"module": "threat", "table": "threat_actor"}'), errors: [{ message: /module "threat" has no table "threat_actor"$/ }] },
    { name: 'missing column', sql: THREAT, schemaJson: integration('{"module": "threat", "table": "threat", "column": "uuid"}'), errors: [{ message: /table "threat" has no column "uuid"$/ }] },
    {
      name: 'type mismatch',
      sql: THREAT,
      schemaJson: integration('{"module": "threat", "table": "threat", "column": "score"}'),
      errors: [{ message: /"threat_id" is uuid but "threat.score" is integer: make them the same type$/ }],
    },
    {
      name: 'not a key',
      sql: THREAT,
      schemaJson: integration('{"module": "threat", "table": "threat", "column": "code"}', 'text'),
      errors: [{ message: /"threat.code" is not the primary key or a unique key/ }],
    },
    {
      name: 'declared in schema.json of a module with migrations: the declaration is carried onto the migrated column',
      sql: { ...THREAT, 'integration/migrations/001_init.sql': 'CREATE TABLE threat_link (id uuid PRIMARY KEY, threat_id uuid NOT NULL);' },
      schemaJson: integration('{"module": "threat", "table": "threats"}'),
      errors: [{ message: /module "threat" has no table "threats"$/, file: 'integration/schema.json', line: 16 }],
    },
    {
      name: 'own module: should be a foreign key',
      schemaJson: integration('{"module": "integration", "table": "threat_link"}'),
      errors: [{ message: /"threat_link" is in the column's own module: use a foreign key \("references"\) instead$/ }],
    },
  ],
});
