import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOBAL_PRELUDE } from '../../../rules/test-harness.js';
import { withoutKeys } from '../../../test/support/without-keys.js';
import type { Table } from '../../model/catalog.js';
import { buildModel, type BuiltModel, type InputModule } from '../build.js';
import { createSchemaJsonLoader, readSchemaJson } from './index.js';

const enc = new TextEncoder();
const GLOBAL: InputModule = { name: 'global', dir: 'global', migrations: [{ path: 'global/migrations/000_prelude.sql', bytes: enc.encode(GLOBAL_PRELUDE) }] };

function fromSql(sql: string): BuiltModel {
  return buildModel([GLOBAL, { name: 'app', dir: 'app', migrations: [{ path: 'app/migrations/001.sql', bytes: enc.encode(sql) }] }], 'global');
}

function fromJson(json: unknown): BuiltModel {
  const text = typeof json === 'string' ? json : JSON.stringify(json, null, 2);
  return buildModel([GLOBAL, { name: 'app', dir: 'app', schemaJson: { path: 'app/schema.json', bytes: enc.encode(text) }, migrations: [] }], 'global', createSchemaJsonLoader({ today: '2026-01-01' }));
}

function def(tables: unknown[]): Record<string, unknown> {
  return { module: 'app', tables };
}

/** A table without what differs by nature between the two sources: places, module, documentation. */
function shape(t: Table | undefined): unknown {
  return withoutKeys(t, ['loc', 'module', 'kind', 'description', 'comment', 'jsonPath']);
}

const appTables = (m: BuiltModel) => [...m.catalog.tables.values()].filter((t) => t.module !== 'global');

describe('schema.json → tables, as the equivalent DDL replays', () => {
  it('the vendor_risk fixture builds the same tables from schema.json as from its migration', () => {
    const dir = 'fixtures/schema-json/vendor_risk';
    const json = readFileSync(`${dir}/schema.json`, 'utf8');
    const sql = readFileSync(`${dir}/migrations/001_init.sql`, 'utf8');
    const a = fromJson(json);
    const b = fromSql(sql);
    expect(a.findings).toEqual([]);
    expect(b.findings).toEqual([]);
    expect(appTables(a).map((t) => t.name)).toEqual(['vendor', 'vendor_contact']);
    for (const t of appTables(b)) expect(shape(a.catalog.tables.get(`public.${t.name}`))).toEqual(shape(t));
  });

  const types = [
    'int4',
    'integer',
    'int',
    'int8',
    'bigint',
    'int2',
    'smallint',
    'serial',
    'bigserial',
    'bool',
    'boolean',
    'varchar(255)',
    'character varying(255)',
    'varchar',
    'char(2)',
    'character(2)',
    'numeric(10,2)',
    'decimal(10, 2)',
    'numeric',
    'timestamptz',
    'timestamp with time zone',
    'timestamp(3) with time zone',
    'timestamptz(3)',
    'timestamp',
    'timestamp without time zone',
    'time',
    'timetz',
    'double precision',
    'float8',
    'float4',
    'real',
    'float',
    'text[]',
    'integer[][]',
    'int4[3]',
    'jsonb',
    'json',
    'uuid',
    'risk_level',
    'public.risk_level',
    'bit varying(5)',
    'interval',
    'bytea',
    'inet',
    'TEXT',
    'Text[]',
  ];
  it.each(types)('type %s normalises as in DDL', (type) => {
    // An enum type must exist before a column uses it, in DDL and schema.json alike.
    const enumType = type.includes('risk_level');
    const ddl = fromSql(`${enumType ? "CREATE TYPE risk_level AS ENUM ('low');" : ''} CREATE TABLE t (c ${type});`).catalog.tables.get('public.t')!.columns[0]!.type;
    const json = fromJson({ ...def([{ name: 't', columns: [{ name: 'c', type }] }]), ...(enumType ? { enums: [{ name: 'risk_level', values: ['low'] }] } : {}) });
    expect(json.findings).toEqual([]);
    expect(json.catalog.tables.get('public.t')!.columns[0]!.type).toEqual(ddl);
  });

  it('a type that does not exist is schema-definition-invalid at its "type"', () => {
    const m = fromJson(
      def([
        {
          name: 't',
          columns: [
            { name: 'c', type: 'strng' },
            { name: 'd', type: 'public.citext' },
            { name: 'e', type: 'character varying(10)[]' },
          ],
        },
      ]),
    );
    const messages = m.findings.filter((f) => f.ruleId === 'schema-definition-invalid').map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/"type" "strng": type "strng" does not exist/);
    expect(messages[1]).toMatch(/type "public\.citext" does not exist/);
  });

  it('aliases reach the names format_type() prints', () => {
    const m = fromJson(def([{ name: 't', columns: ['int4', 'timestamptz', 'varchar(255)', 'text[]', 'decimal(10,2)'].map((type, i) => ({ name: `c${i}`, type })) }]));
    expect(m.catalog.tables.get('public.t')!.columns.map((c) => c.type.text)).toEqual(['integer', 'timestamp with time zone', 'character varying(255)', 'text[]', 'numeric(10,2)']);
  });

  it('implicit names follow PostgreSQL, including clashes and 63-byte truncation', () => {
    const long = 'a_table_name_that_is_long_enough_to_force_postgresql_to_shorten_it';
    const sql = `
      CREATE TABLE ${long} (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        code text UNIQUE,
        email text,
        amount integer,
        UNIQUE (organisation_id, email),
        UNIQUE (organisation_id, email),
        CHECK (amount > 0 AND code <> ''),
        CHECK (amount < 100),
        FOREIGN KEY (organisation_id) REFERENCES organisations (id)
      );
      CREATE INDEX ON ${long} (organisation_id);
      CREATE INDEX ON ${long} (organisation_id);
      CREATE UNIQUE INDEX ON ${long} (lower(email)) INCLUDE (code);
      CREATE INDEX ON ${long} (code, code);
      CREATE TABLE t2_pkey (id uuid);
      CREATE TABLE t2 (id uuid PRIMARY KEY);`;
    const json = def([
      {
        name: long,
        columns: [
          { name: 'id', type: 'uuid', primaryKey: true },
          { name: 'organisation_id', type: 'uuid', nullable: false, references: { table: 'organisations', column: 'id' } },
          { name: 'code', type: 'text', unique: true },
          { name: 'email', type: 'text' },
          { name: 'amount', type: 'integer' },
        ],
        unique: [{ columns: ['organisation_id', 'email'] }, { columns: ['organisation_id', 'email'] }],
        checks: [{ expression: "amount > 0 AND code <> ''" }, { expression: 'amount < 100' }],
        foreignKeys: [{ columns: ['organisation_id'], references: { table: 'organisations', columns: ['id'] } }],
        indexes: [{ columns: ['organisation_id'] }, { columns: ['organisation_id'] }, { columns: [{ expression: 'lower(email)' }], unique: true, include: ['code'] }, { columns: ['code', 'code'] }],
      },
      { name: 't2_pkey', columns: [{ name: 'id', type: 'uuid' }] },
      { name: 't2', columns: [{ name: 'id', type: 'uuid' }], primaryKey: ['id'] },
    ]);
    const a = fromJson(json);
    const b = fromSql(sql);
    expect(a.findings).toEqual([]);
    const names = (m: BuiltModel) =>
      appTables(m).map((t) => ({ table: t.name, declared: t.declaredName, constraints: t.constraints.map((c) => c.name).sort(), indexes: t.indexes.map((i) => i.name) }));
    expect(names(a)).toEqual(names(b));
    const t = appTables(a)[0]!;
    expect(t.name).toBe(long.slice(0, 63));
    expect(t.declaredName).toBe(long);
    expect(t.constraints.map((c) => c.name)).toContain(`${long.slice(0, 58)}_pkey`);
    expect(appTables(a)[2]!.constraints[0]!.name).toBe('t2_pkey1');
  });

  it('a primary key makes its columns NOT NULL, on the column or on the table', () => {
    const m = fromJson(
      def([
        {
          name: 't',
          columns: [
            { name: 'a', type: 'int' },
            { name: 'b', type: 'int', primaryKey: true },
          ],
        },
        {
          name: 'u',
          columns: [
            { name: 'a', type: 'int' },
            { name: 'b', type: 'int' },
          ],
          primaryKey: ['a', 'b'],
        },
      ]),
    );
    expect(m.catalog.tables.get('public.t')!.columns.map((c) => c.notNull)).toEqual([false, true]);
    expect(m.catalog.tables.get('public.u')!.columns.map((c) => c.notNull)).toEqual([true, true]);
    expect(m.catalog.tables.get('public.u')!.constraints[0]).toMatchObject({ name: 'u_pkey', kind: 'primary key', columns: ['a', 'b'], implicitName: true });
  });

  it('a qualified table name sets the schema; unqualified references resolve to public', () => {
    const m = fromJson(
      def([{ name: 'audit.entry', columns: [{ name: 'organisation_id', type: 'uuid', references: { table: 'organisations', column: 'id', onDelete: 'cascade', onUpdate: 'set null' } }] }]),
    );
    const t = m.catalog.tables.get('audit.entry')!;
    expect(t).toMatchObject({ schema: 'audit', name: 'entry', module: 'app' });
    expect(t.constraints[0]!.references).toEqual({ schema: 'public', table: 'organisations', columns: ['id'], onDelete: 'cascade', onUpdate: 'set null' });
  });

  it('kind, descriptions, RLS, policies and hypertable are carried over', () => {
    const m = fromJson(
      def([
        {
          name: 'event',
          kind: 'log',
          description: 'What happened.',
          columns: [
            { name: 'timestamp', type: 'timestamptz', nullable: false, description: 'When.' },
            { name: 'organisation_id', type: 'uuid' },
          ],
          hypertable: { timeColumn: 'timestamp' },
          rls: {
            enabled: true,
            policies: [
              { name: 'read_own', command: 'select', roles: ['app_user', 'auditor'], using: "organisation_id = current_setting('app.current_organisation_id')::uuid" },
              { name: 'no_delete', command: 'delete', permissive: false, roles: ['PUBLIC'], using: 'false' },
            ],
          },
        },
      ]),
    );
    const t = m.catalog.tables.get('public.event')!;
    expect(t).toMatchObject({ kind: 'log', description: 'What happened.', rls: { enabled: true, forced: false }, hypertable: { timeColumn: 'timestamp' } });
    expect(t.columns[0]!.comment).toBe('When.');
    expect(t.policies.map((p) => [p.name, p.command, p.permissive, p.roles, p.using?.text, p.withCheck])).toEqual([
      ['read_own', 'select', true, ['app_user', 'auditor'], "organisation_id = current_setting('app.current_organisation_id')::uuid", undefined],
      ['no_delete', 'delete', false, ['public'], 'false', undefined],
    ]);
    expect(m.catalog.tables.get('public.event')!.kind).toBe('log');
    const plain = fromJson(def([{ name: 'x', columns: [{ name: 'a', type: 'int' }] }])).catalog.tables.get('public.x')!;
    expect(plain.kind).toBeUndefined();
  });

  it('places tables, columns, constraints, indexes and policies in schema.json', () => {
    const text = [
      '{',
      '  "module": "app",',
      '  "tables": [',
      '    {',
      '      "name": "vendor",',
      '      "columns": [',
      '        { "name": "id", "type": "uuid", "primaryKey": true },',
      '        { "name": "organisation_id", "type": "uuid", "references": { "table": "organisations", "column": "id" } }',
      '      ],',
      '      "checks": [{ "name": "ok", "expression": "id IS NOT NULL" }],',
      '      "indexes": [{ "columns": ["organisation_id"] }],',
      '      "rls": { "enabled": true, "policies": [{ "name": "p", "using": "true" }] }',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const t = fromJson(text).catalog.tables.get('public.vendor')!;
    const at = (l: { file: string; line: number; column: number }) => `${l.file}:${l.line}:${l.column}`;
    expect(at(t.loc)).toBe('app/schema.json:5:15');
    expect(t.columns.map((c) => at(c.loc))).toEqual(['app/schema.json:7:19', 'app/schema.json:8:19']);
    const byName = Object.fromEntries(t.constraints.map((c) => [c.name, at(c.loc)]));
    expect(byName).toEqual({ vendor_pkey: 'app/schema.json:7:41', ok: 'app/schema.json:10:28', vendor_organisation_id_fkey: 'app/schema.json:8:54' });
    expect(at(t.indexes[0]!.loc)).toBe('app/schema.json:11:19');
    expect(at(t.policies[0]!.loc)).toBe('app/schema.json:12:56');
    expect(at(t.policies[0]!.using!.loc)).toBe('app/schema.json:12:70');
    expect(at(t.rls.loc!)).toBe('app/schema.json:12:27');
  });
});

describe('definitions PostgreSQL would reject', () => {
  const problems = (json: unknown) => fromJson(json).findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column} ${f.message}`);

  it('a syntax error in an expression points at the character inside the JSON string', () => {
    const text = '{\n  "module": "app",\n  "tables": [{ "name": "t", "columns": [{ "name": "a", "type": "text", "default": "lower(\\"x\\" ||)" }] }]\n}';
    const [f] = fromJson(text).findings;
    expect(f).toMatchObject({ ruleId: 'schema-definition-invalid', loc: { file: 'app/schema.json', line: 3, column: 98 } });
    expect(f!.message).toBe('tables[0].columns[0]: "default" is not a valid SQL expression: syntax error at or near ")"');
    expect(text.split('\n')[2]![97]).toBe(')');
  });

  it('each kind of expression is parsed: checks, index keys and predicates, policies', () => {
    expect(
      problems(
        def([
          {
            name: 't',
            columns: [{ name: 'a', type: 'int' }],
            checks: [{ expression: 'a >' }],
            indexes: [{ columns: [{ expression: 'lower(' }] }, { columns: ['a'], where: 'a = = 1' }],
            rls: {
              enabled: true,
              policies: [
                { name: 'p', using: 'a IN (1,' },
                { name: 'q', withCheck: 'SELECT 1 FROM x' },
              ],
            },
          },
        ]),
      ),
    ).toEqual([
      expect.stringMatching(/^schema-definition-invalid \d+:\d+ tables\[0\]\.checks\[0\]: "expression" is not a valid SQL expression: syntax error at end of input$/),
      expect.stringMatching(/tables\[0\]\.indexes\[0\]\.columns\[0\]: "expression" is not a valid SQL expression: syntax error at end of input$/),
      expect.stringMatching(/tables\[0\]\.indexes\[1\]: "where" is not a valid SQL expression: syntax error at or near "="$/),
      expect.stringMatching(/tables\[0\]\.rls\.policies\[0\]: "using" is not a valid SQL expression: syntax error at end of input$/),
      expect.stringMatching(/tables\[0\]\.rls\.policies\[1\]: "withCheck" is not a valid SQL expression: syntax error at or near "SELECT"$/),
    ]);
  });

  it('a bad type is reported at the type string', () => {
    const text = '{"module": "app", "tables": [{"name": "t", "columns": [{"name": "a", "type": "varchar(255"}, {"name": "b", "type": "int DEFAULT 1"}, {"name": "c", "type": "int, d int"}]}]}';
    const found = fromJson(text).findings.map((f) => [f.loc.column, f.message]);
    expect(found).toEqual([
      [text.indexOf('varchar(255') + 11 + 1, 'tables[0].columns[0]: "type" "varchar(255" is not a PostgreSQL type (syntax error at end of input)'],
      [text.indexOf('DEFAULT 1') + 9, 'tables[0].columns[1]: "type" "int DEFAULT 1" is not a PostgreSQL type (syntax error at or near "1")'],
      [text.indexOf('"int, d int"') + 1, 'tables[0].columns[2]: "type" "int, d int" is not a PostgreSQL type (expected a single SQL expression)'],
    ]);
  });

  it('a DEFAULT that names a column is the classic missing-quotes mistake', () => {
    expect(problems(def([{ name: 't', columns: [{ name: 'status', type: 'text', default: 'draft' }] }]))).toEqual([
      expect.stringContaining(`tables[0].columns[0]: "default" cannot refer to column "draft": a DEFAULT is evaluated without a row; for the text 'draft' write "'draft'"`),
    ]);
  });

  it('keys, indexes and the hypertable must name existing columns', () => {
    expect(
      problems(
        def([
          {
            name: 't',
            columns: [{ name: 'a', type: 'int' }],
            primaryKey: ['b'],
            unique: [{ columns: ['c'] }],
            foreignKeys: [
              { columns: ['d'], references: { table: 'organisations', columns: ['id'] } },
              { columns: ['a'], references: { table: 'x', columns: ['p', 'q'] } },
            ],
            indexes: [{ columns: ['e'] }, { columns: ['a'], include: ['f'] }, { columns: ['lower(a)'] }],
            hypertable: { timeColumn: 'g' },
          },
        ]),
      ).map((p) => p.replace(/^\S+ \d+:\d+ /, '')),
    ).toEqual([
      'tables[0].foreignKeys[1]: 1 referencing and 2 referenced columns: a foreign key needs as many of each',
      'tables[0].primaryKey: primary key names column "b", which "t" does not have',
      'tables[0].unique[0]: unique names column "c", which "t" does not have',
      'tables[0].foreignKeys[0]: foreign key names column "d", which "t" does not have',
      'tables[0].indexes[0]: index key "e" is not a column of "t"',
      'tables[0].indexes[1]: INCLUDE column "f" is not a column of "t"',
      'tables[0].indexes[2]: index key "lower(a)" is not a column of "t": for an expression write {"expression": "lower(a)"}',
      'tables[0].hypertable.timeColumn: hypertable time column "g" is not a column of "t"',
    ]);
  });

  it('duplicates, two primary keys, contradictory nullability, misplaced policy clauses', () => {
    expect(
      problems(
        def([
          {
            name: 't',
            columns: [
              { name: 'a', type: 'int', primaryKey: true, nullable: true },
              { name: 'a', type: 'text' },
              { name: 'b', type: 'int', primaryKey: true },
            ],
            checks: [
              { name: 'c1', expression: 'a > 0' },
              { name: 'c1', expression: 'a < 9' },
            ],
            indexes: [{ name: 't_pkey', columns: ['b'] }],
            rls: { policies: [{ name: 'p', command: 'insert', using: 'true' }, { name: 'q', command: 'select', withCheck: 'true' }, { name: 'r' }, { name: 'r' }] },
          },
          { name: 't', columns: [{ name: 'a', type: 'int' }] },
          { name: 'users', columns: [{ name: 'a', type: 'int' }] },
          { name: 'a.b.c', columns: [{ name: 'a', type: 'int' }] },
        ]),
      ).map((p) => p.replace(/^\S+ \d+:\d+ /, '')),
    ).toEqual([
      'tables[0].columns[0]: "nullable": true contradicts "primaryKey": true: primary-key columns are NOT NULL',
      'tables[0].columns[1].name: column "a" of "t" is defined more than once',
      'tables[0].checks[1]: constraint "c1" of "t" is defined more than once',
      'tables[0].columns[2].primaryKey: "t" has more than one primary key: declare it once, with "primaryKey" on the table for several columns',
      'tables[0].indexes[0]: index name "t_pkey" is already taken by another index, key or table in schema "public"',
      'tables[0].rls.policies[0]: an insert policy cannot have "using" (PostgreSQL allows only WITH CHECK for INSERT): move the condition to "withCheck"',
      'tables[0].rls.policies[1]: a select policy cannot have "withCheck" (PostgreSQL applies WITH CHECK to new rows only): use "using"',
      'tables[0].rls.policies[3]: policy "r" of "t" is defined more than once',
      'tables[1].name: table "public.t" is already defined by module "app" (app/schema.json:5): table names must be unique within a schema',
      'tables[2].name: table "public.users" is already defined by module "global" (global/migrations/000_prelude.sql:14): table names must be unique within a schema',
      'tables[3].name: table name "a.b.c" must be "table" or "schema.table"',
    ]);
  });
});

describe('module names and the standalone reader', () => {
  it('the tables take the module named in schema.json, and so does the module list', () => {
    const m = fromJson({ module: 'vendor_risk', tables: [{ name: 't', columns: [{ name: 'a', type: 'int' }] }] });
    expect(m.catalog.tables.get('public.t')!.module).toBe('vendor_risk');
    expect(m.catalog.modules.map((x) => x.name)).toEqual(['global', 'vendor_risk']);
    const fallback = fromJson({ module: 'Vendor Risk', tables: [] });
    expect(fallback.catalog.modules.map((x) => x.name)).toEqual(['global', 'app']);
    expect(fallback.findings.map((f) => f.module)).toEqual(['app']);
  });

  it('readSchemaJson builds a definition on its own, named like its neighbours would make it', () => {
    const neighbours = fromSql('CREATE TABLE vendor_note (id int);');
    const file = { path: 'vendor_risk/schema.json', bytes: enc.encode(JSON.stringify(def([{ name: 'vendor', columns: [{ name: 'id', type: 'int', primaryKey: true }] }]))) };
    const alone = readSchemaJson(file, 'vendor_risk');
    expect(alone.module).toBe('app');
    expect(alone.definition?.tables[0]?.name).toBe('vendor');
    expect(alone.tables.map((t) => [t.name, t.constraints[0]!.name])).toEqual([['vendor', 'vendor_pkey']]);
    const clash = { path: 'x/schema.json', bytes: enc.encode(JSON.stringify(def([{ name: 'vendor_note_pkey', columns: [{ name: 'id', type: 'int', primaryKey: true }] }]))) };
    expect(readSchemaJson(clash, 'x', { catalog: neighbours.catalog }).findings).toEqual([]);
    const beside = fromSql('CREATE TABLE vendor_note (id int);\nCREATE TABLE pk_clash (id int);\nCREATE INDEX vendor_pkey ON pk_clash (id);');
    expect(readSchemaJson(file, 'vendor_risk', { catalog: beside.catalog }).tables[0]!.constraints[0]!.name).toBe('vendor_pkey1');
    expect(neighbours.catalog.tables.has('public.vendor')).toBe(false);
  });
});
