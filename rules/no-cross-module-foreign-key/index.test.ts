import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const WRAC = { 'wrac/migrations/001_wrac.sql': 'CREATE TABLE personnel (id uuid PRIMARY KEY);' };

ruleTester(rule, {
  valid: [
    { name: 'own module', sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY);\nCREATE TABLE contact (vendor_id uuid REFERENCES vendor);' },
    { name: 'global module', sql: 'CREATE TABLE contact (organisation_id uuid REFERENCES organisations (id), created_by uuid REFERENCES users (id));' },
    {
      name: 'integration table stores the id without a foreign key',
      sql: { ...WRAC, 'pit/migrations/001_pit.sql': 'CREATE TABLE project_personnel (id uuid PRIMARY KEY, personnel_id uuid NOT NULL, personnel_name text);' },
    },
    { name: 'missing target is left to foreign-key-target-exists', sql: 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor);' },
    {
      name: 'configured global module name',
      sql: { 'core/migrations/001_core.sql': 'CREATE TABLE country (id uuid PRIMARY KEY);', 'app/migrations/001_app.sql': 'CREATE TABLE address (country_id uuid REFERENCES country);' },
      standard: { globalModule: 'core' },
      global: false,
    },
    {
      name: 'foreign key dropped by a later migration',
      sql: {
        ...WRAC,
        'pit/migrations/001_pit.sql': 'CREATE TABLE project_personnel (id uuid PRIMARY KEY, personnel_id uuid REFERENCES personnel);',
        'pit/migrations/002_pit.sql': 'ALTER TABLE project_personnel DROP CONSTRAINT project_personnel_personnel_id_fkey;',
      },
    },
  ],
  invalid: [
    {
      name: 'into another module',
      sql: { ...WRAC, 'pit/migrations/001_pit.sql': 'CREATE TABLE project_personnel (\n  id uuid PRIMARY KEY,\n  personnel_id uuid REFERENCES personnel (id)\n);' },
      errors: [
        {
          message:
            'foreign key "project_personnel_personnel_id_fkey" on "project_personnel" (module "pit") references "personnel" in module "wrac": modules may reference only their own tables and module "global"; keep personnel_id as a plain uuid without the foreign key (an integration table with denormalised fields) and keep it in sync through events in the event log',
          file: 'pit/migrations/001_pit.sql',
          line: 3,
          column: 21,
          logical: 'public.project_personnel.project_personnel_personnel_id_fkey',
        },
      ],
    },
    {
      name: 'added by ALTER TABLE in a later migration, to a quoted schema-qualified table',
      sql: {
        'wrac/migrations/001_wrac.sql': 'CREATE SCHEMA wrac;\nCREATE TABLE wrac."Personnel" (id uuid PRIMARY KEY);',
        'pit/migrations/001_pit.sql': 'CREATE TABLE assignment (id uuid PRIMARY KEY, person uuid);',
        'pit/migrations/002_pit.sql': 'ALTER TABLE assignment ADD CONSTRAINT assignment_person_fk FOREIGN KEY (person) REFERENCES wrac."Personnel";',
      },
      errors: [{ message: /^foreign key "assignment_person_fk" on "assignment" \(module "pit"\) references "Personnel" in module "wrac"/, file: 'pit/migrations/002_pit.sql' }],
    },
    {
      name: 'the global module must not depend on a module',
      sql: { 'app/migrations/001_app.sql': 'CREATE TABLE plan (id uuid PRIMARY KEY);', 'global/migrations/001_global.sql': 'ALTER TABLE organisations ADD COLUMN plan_id uuid REFERENCES plan;' },
      errors: [{ message: /on "organisations" \(module "global"\) references "plan" in module "app"/ }],
    },
    {
      name: 'with a configured global module, "global" is just another module',
      sql: 'CREATE TABLE contact (created_by uuid REFERENCES users (id));',
      standard: { globalModule: 'core' },
      errors: [{ message: /references "users" in module "global": modules may reference only their own tables and module "core"/ }],
    },
  ],
});
