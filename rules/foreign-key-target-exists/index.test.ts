import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const VENDOR = 'CREATE TABLE vendor (id uuid PRIMARY KEY, organisation_id uuid NOT NULL, code text NOT NULL, legacy_id integer, UNIQUE (organisation_id, code));\n';

ruleTester(rule, {
  valid: [
    {
      name: 'a later DROP TABLE without CASCADE is refused by PostgreSQL (replay-error), so the target stays',
      sql: { 'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor);', 'app/migrations/002_b.sql': 'DROP TABLE vendor;' },
    },
    { name: 'primary key, named', sql: VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor (id));' },
    { name: 'primary key, implied', sql: VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor);' },
    { name: 'unique constraint in another column order', sql: VENDOR + 'CREATE TABLE contact (org uuid, vendor_code text, FOREIGN KEY (vendor_code, org) REFERENCES vendor (code, organisation_id));' },
    { name: 'unique index', sql: VENDOR + 'CREATE UNIQUE INDEX uq_vendor_legacy_id ON vendor (legacy_id);\nCREATE TABLE contact (vendor_legacy_id int4 REFERENCES vendor (legacy_id));' },
    { name: 'serial key referenced by integer', sql: 'CREATE TABLE country (id serial PRIMARY KEY);\nCREATE TABLE city (country_id integer REFERENCES country);' },
    { name: 'the global users table from another module', sql: 'CREATE TABLE contact (created_by uuid REFERENCES users (id));' },
    { name: 'quoted mixed-case table referenced quoted', sql: 'CREATE TABLE "Vendor" (id uuid PRIMARY KEY);\nCREATE TABLE contact (vendor_id uuid REFERENCES "Vendor");' },
    { name: 'schema-qualified reference', sql: 'CREATE SCHEMA crm;\nCREATE TABLE crm.vendor (id uuid PRIMARY KEY);\nCREATE TABLE contact (vendor_id uuid REFERENCES crm.vendor (id));' },
    {
      name: 'unqualified reference through search_path',
      sql: 'CREATE SCHEMA crm;\nSET search_path TO crm, public;\nCREATE TABLE vendor (id uuid PRIMARY KEY);\nCREATE TABLE contact (vendor_id uuid REFERENCES vendor);',
    },
    {
      name: 'target renamed later: the reference follows',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE supplier (id uuid PRIMARY KEY);\nCREATE TABLE contact (vendor_id uuid REFERENCES supplier);',
        'app/migrations/002_b.sql': 'ALTER TABLE supplier RENAME TO vendor;',
      },
    },
    {
      name: 'referenced column renamed later: the reference follows',
      sql: { 'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor (id));', 'app/migrations/002_b.sql': 'ALTER TABLE vendor RENAME COLUMN id TO vendor_id;' },
    },
    {
      name: 'target dropped with CASCADE takes the foreign key with it',
      sql: { 'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor);', 'app/migrations/002_b.sql': 'DROP TABLE vendor CASCADE;' },
    },
    { name: 'enum types, qualified and not', sql: "CREATE TYPE tier AS ENUM ('a', 'b');\nCREATE TABLE plan (tier public.tier PRIMARY KEY);\nCREATE TABLE offer (tier tier REFERENCES plan);" },
  ],
  invalid: [
    {
      name: 'missing table',
      sql: 'CREATE TABLE contact (\n  vendor_id uuid REFERENCES vendor (id)\n);',
      errors: [
        {
          message: 'foreign key "contact_vendor_id_fkey" references table "vendor", which does not exist once all migrations have run: create the table or correct the reference',
          line: 2,
          column: 18,
          logical: 'public.contact.contact_vendor_id_fkey',
        },
      ],
    },
    {
      name: 'unquoted reference to a quoted mixed-case table',
      sql: 'CREATE TABLE "Vendor" (id uuid PRIMARY KEY);\nCREATE TABLE contact (vendor_id uuid REFERENCES Vendor);',
      errors: [{ message: /references table "vendor", which does not exist .*: did you mean "Vendor" \(created with a quoted name, which keeps its case: write REFERENCES "Vendor"\)\?$/ }],
    },
    {
      name: 'quoted reference to a lower-case table',
      sql: 'CREATE TABLE vendor (id uuid PRIMARY KEY);\nCREATE TABLE contact (vendor_id uuid REFERENCES "VENDOR");',
      errors: [{ message: /references table "VENDOR", .*did you mean "vendor" \(its name is lower case: write REFERENCES vendor without quotes\)\?$/ }],
    },
    {
      name: 'table in another schema',
      sql: 'CREATE SCHEMA crm;\nCREATE TABLE crm.vendor (id uuid PRIMARY KEY);\nCREATE TABLE contact (vendor_id uuid REFERENCES vendor);',
      errors: [{ message: /references table "vendor", .*did you mean "crm"\."vendor" \(in another schema: qualify the reference\)\?$/ }],
    },
    {
      name: 'implied primary key that does not exist',
      sql: 'CREATE TABLE vendor (id uuid);\nCREATE TABLE contact (vendor_id uuid REFERENCES vendor);',
      errors: [{ message: /references "vendor" without naming columns, but "vendor" has no primary key \(PostgreSQL: there is no primary key for referenced table\)/ }],
    },
    {
      name: 'column counts disagree',
      sql: VENDOR + 'CREATE TABLE contact (org uuid, vendor_id uuid, FOREIGN KEY (org, vendor_id) REFERENCES vendor);',
      errors: [{ message: /has 2 column\(s\) \(org, vendor_id\) but references 1 \(id\) \(PostgreSQL: number of referencing and referenced columns for foreign key disagree\)/ }],
    },
    {
      name: 'referenced column missing',
      sql: VENDOR + 'CREATE TABLE contact (vendor_id uuid REFERENCES vendor (uuid));',
      errors: [{ messageId: 'brokenColumns', data: { fk: 'contact_vendor_id_fkey', problems: 'referenced column "uuid" does not exist in "vendor"' } }],
    },
    {
      name: 'not a unique key',
      sql: VENDOR + 'CREATE TABLE contact (vendor_code text REFERENCES vendor (code));',
      errors: [
        {
          message:
            /references "vendor" \(code\), which is neither its primary key nor a unique constraint \(PostgreSQL: there is no unique constraint matching given keys for referenced table\); reference the primary key or add UNIQUE \(code\) to "vendor"$/,
        },
      ],
    },
    {
      name: 'a partial unique index does not count',
      sql: VENDOR + 'CREATE UNIQUE INDEX uq_vendor_legacy_id ON vendor (legacy_id) WHERE legacy_id > 0;\nCREATE TABLE contact (vendor_legacy_id integer REFERENCES vendor (legacy_id));',
      errors: [{ message: /is neither its primary key nor a unique constraint/ }],
    },
    {
      name: 'unique index dropped by a later migration',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE UNIQUE INDEX uq_vendor_legacy_id ON vendor (legacy_id);\nCREATE TABLE contact (vendor_legacy_id integer REFERENCES vendor (legacy_id));',
        'app/migrations/002_b.sql': 'DROP INDEX uq_vendor_legacy_id;',
      },
      errors: [{ message: /is neither its primary key nor a unique constraint/ }],
    },
    {
      name: 'uuid referencing integer',
      sql: 'CREATE TABLE country (id serial PRIMARY KEY);\nCREATE TABLE city (country_id uuid REFERENCES country);',
      errors: [
        {
          messageId: 'typeMismatch',
          data: {
            fk: 'city_country_id_fkey',
            columns: 'country_id',
            target: '"country"',
            problem: '"country_id" is uuid but references "id" of type integer: PostgreSQL rejects it (foreign key constraint cannot be implemented: incompatible types); make it integer',
          },
        },
      ],
    },
    {
      name: 'integer referencing bigint is accepted by PostgreSQL but still a mismatch',
      sql: 'CREATE TABLE ledger (id bigint PRIMARY KEY);\nCREATE TABLE entry (ledger_id int REFERENCES ledger);',
      errors: [{ message: /"ledger_id" is integer but references "id" of type bigint: PostgreSQL accepts it, but .*; make it bigint$/ }],
    },
    {
      name: 'type changed by a later migration, one finding per column pair',
      sql: {
        'app/migrations/001_a.sql': VENDOR + 'CREATE TABLE contact (org uuid, vendor_code text, FOREIGN KEY (org, vendor_code) REFERENCES vendor (organisation_id, code));',
        'app/migrations/002_b.sql': 'ALTER TABLE contact ALTER COLUMN org TYPE text, ALTER COLUMN vendor_code TYPE varchar(20);',
      },
      errors: [
        { message: /"org" is text but references "organisation_id" of type uuid: PostgreSQL rejects it/ },
        { message: /"vendor_code" is character varying but references "code" of type text: PostgreSQL accepts it/ },
      ],
    },
  ],
});

describe('PostgreSQL itself', () => {
  it('rejects uuid → integer and a non-unique target, accepts a unique key in another order and integer → bigint', async () => {
    const pg = new PGlite();
    await pg.exec('CREATE TABLE t (id int PRIMARY KEY, a int, b int, big bigint UNIQUE, UNIQUE (a, b));');
    const attempt = (sql: string) =>
      pg.exec(sql).then(
        () => 'ok',
        (e: Error) => e.message,
      );
    expect(await attempt('CREATE TABLE r1 (t_id uuid REFERENCES t (id));')).toBe('foreign key constraint "r1_t_id_fkey" cannot be implemented');
    expect(await attempt('CREATE TABLE r2 (t_a int REFERENCES t (a));')).toBe('there is no unique constraint matching given keys for referenced table "t"');
    expect(await attempt('CREATE TABLE r3 (x int, y int, FOREIGN KEY (x, y) REFERENCES t (b, a));')).toBe('ok');
    expect(await attempt('CREATE TABLE r4 (t_big int REFERENCES t (big));')).toBe('ok');
    await pg.close();
  });
});
