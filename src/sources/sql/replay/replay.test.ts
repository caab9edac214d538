/**
 * The replay's PostgreSQL semantics, proved against PostgreSQL itself (PGlite): each script runs on a real
 * server and through buildModel, and the names PostgreSQL chose (constraints, indexes) and the column types
 * it stores (format_type) must be what the model says.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../model/catalog.js';
import { buildModel } from '../../build.js';
import { loadParser } from '../parser.js';

interface Case {
  name: string;
  sql: string;
  /** Names the case is about, so a reader sees them (the comparison with PostgreSQL is the proof). */
  expect?: string[];
}

const long = (prefix: string, n: number) => prefix + 'x'.repeat(n - prefix.length);
const T70 = long('tbl_', 70);
const C70 = long('col_', 70);

const CASES: Case[] = [
  {
    name: 'implicit primary key, foreign key, unique and check names',
    sql: `CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE, qty int CHECK (qty > 0));
          CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id), a int, b int,
            UNIQUE (a, b), CHECK (a < b), FOREIGN KEY (a) REFERENCES parent (id));`,
    expect: ['parent.parent_pkey', 'parent.parent_code_key', 'parent.parent_qty_check', 'child.child_parent_id_fkey', 'child.child_a_b_key', 'child.child_check', 'child.child_a_fkey'],
  },
  {
    name: 'a check on one column, written at table level or on another column',
    sql: `CREATE TABLE t (a int CHECK (a > 0), b int CHECK (a <> 1), c int, CHECK (c > 0 AND c < 10), CHECK (a > b), CHECK (true));`,
    expect: ['t.t_a_check', 't.t_a_check1', 't.t_c_check', 't.t_check', 't.t_check1'],
  },
  {
    name: 'multi-column foreign key',
    sql: `CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
          CREATE TABLE c (x int, y int, FOREIGN KEY (x, y) REFERENCES p (a, b));`,
    expect: ['c.c_x_y_fkey'],
  },
  {
    name: 'unnamed CREATE INDEX, unique index, expression index and INCLUDE',
    sql: `CREATE TABLE t (id int, email text, org int, other int);
          CREATE INDEX ON t (org);
          CREATE UNIQUE INDEX ON t (org, email);
          CREATE INDEX ON t (lower(email));
          CREATE INDEX ON t ((org + 1));
          CREATE INDEX ON t (org) INCLUDE (other);
          CREATE INDEX ON t (org, org);
          CREATE INDEX ON t ((email::text));
          CREATE INDEX ON t (((org + 1)::text));
          CREATE INDEX ON t ((coalesce(email, '')), (CASE WHEN org > 0 THEN 1 END), (lower(email) COLLATE "C"));
          CREATE UNIQUE INDEX ON t (email) WHERE other > 0;`,
    expect: [
      't.t_org_idx',
      't.t_org_email_idx',
      't.t_lower_idx',
      't.t_expr_idx',
      't.t_org_other_idx',
      't.t_org_org1_idx',
      't.t_email_idx',
      't.t_text_idx',
      't.t_coalesce_case_lower_idx',
      't.t_email_idx1',
    ],
  },
  {
    name: 'name conflicts get a number',
    sql: `CREATE TABLE t (a int UNIQUE, b int);
          ALTER TABLE t ADD UNIQUE (a);
          CREATE INDEX ON t (a);
          CREATE INDEX ON t (a);
          CREATE UNIQUE INDEX ON t (b);
          ALTER TABLE t ADD CONSTRAINT t_b_check1 CHECK (b > 1);
          ALTER TABLE t ADD CHECK (b > 0);
          ALTER TABLE t ADD CHECK (b > 2);`,
    expect: ['t.t_a_key', 't.t_a_key1', 't.t_a_idx', 't.t_a_idx1', 't.t_b_idx', 't.t_b_check', 't.t_b_check2'],
  },
  {
    name: 'checks are named before keys, and check names are unique across the schema',
    sql: `CREATE TABLE t (a int UNIQUE, CONSTRAINT t_a_key CHECK (a > 0));
          CREATE TABLE u (a int, CONSTRAINT v_a_check CHECK (a > 0));
          CREATE TABLE v (a int CHECK (a > 1));`,
    expect: ['t.t_a_key', 't.t_a_key1', 'v.v_a_check1'],
  },
  {
    name: 'an index name taken by a constraint, and a constraint name taken by a table',
    sql: `CREATE TABLE t (a int);
          CREATE TABLE t_a_key (x int);
          ALTER TABLE t ADD UNIQUE (a);
          CREATE TABLE t_pkey (x int);
          ALTER TABLE t ADD PRIMARY KEY (a);`,
    expect: ['t.t_a_key1', 't.t_pkey1'],
  },
  {
    name: 'duplicate index constraints in one CREATE TABLE are merged',
    sql: `CREATE TABLE t (a int PRIMARY KEY UNIQUE, b int UNIQUE, UNIQUE (b), c int, UNIQUE (c), CONSTRAINT named_c UNIQUE (c), d int,
            UNIQUE (d) INCLUDE (c), UNIQUE (c, d), UNIQUE (d, c));
          CREATE TABLE u (a int PRIMARY KEY, CONSTRAINT u_named UNIQUE (a));`,
    expect: ['t.t_pkey', 't.t_b_key', 't.named_c', 't.t_d_c_key', 't.t_c_d_key', 't.t_d_c_key1', 'u.u_named'],
  },
  {
    name: 'identifiers over 63 bytes are truncated',
    sql: `CREATE TABLE ${T70} (${C70} int PRIMARY KEY);
          CREATE INDEX ${long('idx_', 80)} ON ${T70} (${C70});`,
  },
  {
    name: 'implicit names of long tables and columns are shortened, the longer part first',
    sql: `CREATE TABLE ${long('parent_', 60)} (${long('id_', 40)} int PRIMARY KEY);
          CREATE TABLE ${long('child_', 50)} (
            ${long('parent_ref_', 50)} int REFERENCES ${long('parent_', 60)},
            ${long('other_', 20)} int UNIQUE,
            ${long('third_', 40)} int CHECK (${long('third_', 40)} > 0),
            a int, b int, c int, UNIQUE (a, ${long('other_', 20)}, b, c));
          CREATE INDEX ON ${long('child_', 50)} (${long('parent_ref_', 50)}, a);
          CREATE INDEX ON ${long('child_', 50)} (${long('parent_ref_', 50)}, a);`,
  },
  {
    name: 'long names with a conflict: the number is part of the 63 bytes',
    sql: `CREATE TABLE ${long('t_', 62)} (${long('c_', 62)} int UNIQUE);
          ALTER TABLE ${long('t_', 62)} ADD UNIQUE (${long('c_', 62)});
          CREATE INDEX ON ${long('t_', 62)} (${long('c_', 62)});
          CREATE INDEX ON ${long('t_', 62)} (${long('c_', 62)});`,
  },
  {
    name: 'multi-byte UTF-8 names are cut on character boundaries',
    sql: `CREATE TABLE "${'ü'.repeat(40)}" ("${'日'.repeat(30)}" int PRIMARY KEY, "é" int UNIQUE);
          CREATE INDEX ON "${'ü'.repeat(40)}" ("é", "${'日'.repeat(30)}");
          CREATE TABLE "tâble_${'ö'.repeat(31)}" (id int PRIMARY KEY);`,
  },
  {
    name: 'quoted mixed case is kept, unquoted folds to lower case',
    sql: `CREATE TABLE "Vendor" ("VendorId" int PRIMARY KEY, "Email" text UNIQUE, Code text UNIQUE);
          CREATE TABLE Contact ("vendorId" int REFERENCES "Vendor");
          CREATE INDEX ON Contact ("vendorId");`,
    expect: ['Vendor.Vendor_pkey', 'Vendor.Vendor_Email_key', 'Vendor.Vendor_code_key', 'contact.contact_vendorId_fkey', 'contact.contact_vendorId_idx'],
  },
  {
    name: 'RENAME COLUMN and RENAME TO keep the names already chosen, new ones use the new names',
    sql: `CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE);
          CREATE INDEX ON t (b);
          ALTER TABLE t RENAME COLUMN b TO c;
          ALTER TABLE t RENAME TO u;
          ALTER TABLE u ADD UNIQUE (c);
          CREATE INDEX ON u (c);
          ALTER TABLE u ADD COLUMN d int CHECK (d > 0);
          ALTER TABLE u RENAME CONSTRAINT u_d_check TO d_positive;
          ALTER INDEX t_b_idx RENAME TO idx_u_c;`,
    expect: ['u.t_pkey', 'u.t_b_key', 'u.u_c_key', 'u.u_c_idx', 'u.d_positive', 'u.idx_u_c'],
  },
  {
    name: 'DROP COLUMN drops its indexes and constraints, and frees their names',
    sql: `CREATE TABLE p (id int PRIMARY KEY);
          CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE, b int REFERENCES p, c int CHECK (c > 0), d int, CHECK (c < d));
          CREATE INDEX ON t (a);
          CREATE INDEX ON t (d) WHERE a > 0;
          CREATE INDEX ON t (lower(a::text));
          CREATE INDEX t_keep ON t (d) INCLUDE (b);
          ALTER TABLE t DROP COLUMN a;
          ALTER TABLE t DROP COLUMN b;
          ALTER TABLE t DROP COLUMN c;
          ALTER TABLE t ADD COLUMN a int UNIQUE;
          CREATE INDEX ON t (a);`,
    expect: ['t.t_a_key', 't.t_a_idx'],
  },
  {
    name: 'DROP CONSTRAINT, DROP INDEX and DROP TABLE free names',
    sql: `CREATE TABLE t (a int UNIQUE, b int);
          CREATE INDEX ON t (b);
          ALTER TABLE t DROP CONSTRAINT t_a_key;
          DROP INDEX t_b_idx;
          ALTER TABLE t ADD UNIQUE (a);
          CREATE INDEX ON t (b);
          CREATE TABLE gone (a int PRIMARY KEY);
          DROP TABLE gone;
          CREATE TABLE gone (a int PRIMARY KEY);`,
    expect: ['t.t_a_key', 't.t_b_idx', 'gone.gone_pkey'],
  },
  {
    name: 'DROP INDEX and ALTER INDEX find the index after its table was renamed',
    sql: `CREATE TABLE t (a int, b int);
          CREATE INDEX t_a ON t (a);
          CREATE INDEX t_b ON t (b);
          ALTER TABLE t RENAME TO u;
          DROP INDEX t_b;
          ALTER INDEX t_a RENAME TO u_a;`,
    expect: ['u.u_a'],
  },
  {
    name: 'ADD CONSTRAINT … USING INDEX takes the index name, or renames it',
    sql: `CREATE TABLE t (a int NOT NULL, b int, c int);
          CREATE UNIQUE INDEX t_a_uq ON t (a);
          ALTER TABLE t ADD PRIMARY KEY USING INDEX t_a_uq;
          CREATE UNIQUE INDEX t_b_uq ON t (b);
          ALTER TABLE t ADD CONSTRAINT uq_t_b UNIQUE USING INDEX t_b_uq;
          CREATE UNIQUE INDEX ON t (c);
          ALTER TABLE t ADD UNIQUE USING INDEX t_c_idx;`,
    expect: ['t.t_a_uq', 't.uq_t_b', 't.t_c_idx'],
  },
  {
    name: 'exclusion constraints',
    sql: `CREATE TABLE t (a int, b int, EXCLUDE USING btree (a WITH =), EXCLUDE (b WITH =, a WITH =));`,
    expect: ['t.t_a_excl', 't.t_b_a_excl'],
  },
  {
    name: 'schema-qualified tables and search_path',
    sql: `CREATE SCHEMA s;
          CREATE TABLE s.t (id int PRIMARY KEY, r int REFERENCES s.t);
          CREATE TABLE t (id int PRIMARY KEY);
          CREATE INDEX ON s.t (r);
          SET search_path TO s, public;
          CREATE TABLE u (id int PRIMARY KEY, t_id int REFERENCES t);
          CREATE INDEX ON u (t_id);`,
  },
  {
    name: 'inherited and partition columns',
    sql: `CREATE TABLE base (id int, note text);
          CREATE TABLE child (note text NOT NULL, extra int, PRIMARY KEY (id), CHECK (note <> '')) INHERITS (base);
          CREATE TABLE part (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
          CREATE TABLE part_2024 PARTITION OF part (at WITH OPTIONS NOT NULL) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
          ALTER TABLE child ADD CHECK (extra > 0), ADD COLUMN later int, ADD UNIQUE (later);`,
    expect: ['child.child_pkey', 'child.child_note_check', 'child.child_extra_check', 'child.child_later_key'],
  },
  // serial types are left out: PostgreSQL stores integer with a sequence default, and the model keeps
  // `serial` as written because primary-key-uuid-v7 reports it.
  {
    name: 'column types as format_type prints them',
    sql: `CREATE TYPE mood AS ENUM ('ok', 'sad');
          CREATE TABLE t (
            a int, b int4, c integer, d smallint, e int2, f bigint, g int8,
            h real, i float4, j float8, k double precision, l float, m float(10), n float(30),
            o numeric, p numeric(10, 2), q decimal(5), r decimal,
            s bool, t boolean,
            u varchar, v varchar(255), w character varying(10), x char, y char(3), z character(2),
            aa text, ab "char", ac name,
            ad timestamptz, ae timestamp, af timestamp(3), ag timestamptz(3), ah timestamp with time zone,
            ai timestamp without time zone, aj time, ak timetz, al time(2), am time(2) with time zone,
            an interval, ao interval(3), ap interval day, aq interval day to second, ar interval hour to second(2),
            as_ interval year to month, at_ interval minute,
            au bit, av bit(3), aw varbit, ax bit varying(5),
            ay json, az jsonb, ba uuid, bb date, bc bytea, bd inet, be cidr, bf macaddr, bg money,
            bh text[], bi int[], bj integer[][], bk varchar(20)[], bl int[3], bm timestamptz(3)[],
            bn mood, bo mood[], bp public.mood, bq pg_catalog.int4, br "timestamp", bs tsvector, bt xml, bu oid,
            bv character varying, bw national character varying(4), bx char varying(5)
          );
          ALTER TABLE t ALTER COLUMN a TYPE bigint;
          ALTER TABLE t ALTER COLUMN v SET DATA TYPE text;
          ALTER TABLE t ADD COLUMN bz numeric(12);`,
  },
];

let db: PGlite;

beforeAll(async () => {
  await loadParser();
  db = new PGlite();
  await db.waitReady;
});

afterAll(async () => {
  await db?.close();
});

async function resetDatabase(): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS s CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public; SET search_path TO public;`);
}

const USER_SCHEMAS = `n.nspname IN ('public', 's')`;

/** What PostgreSQL holds after the script: constraint names (NOT NULL aside), index names and column types, per table. */
async function postgresState(): Promise<{ constraints: string[]; indexes: string[]; columns: string[] }> {
  const constraints = await db.query<{ k: string }>(
    `SELECT n.nspname || '.' || c.relname || '.' || con.conname AS k FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_SCHEMAS} AND con.contype <> 'n' AND NOT c.relispartition`,
  );
  const indexes = await db.query<{ k: string }>(
    `SELECT n.nspname || '.' || c.relname || '.' || i.relname AS k FROM pg_index x
       JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_SCHEMAS} AND NOT c.relispartition`,
  );
  const columns = await db.query<{ k: string }>(
    `SELECT n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) AS k FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_SCHEMAS} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const sorted = (r: { rows: { k: string }[] }) => r.rows.map((x) => x.k).sort();
  return { constraints: sorted(constraints), indexes: sorted(indexes), columns: sorted(columns) };
}

function modelState(catalog: Catalog): { constraints: string[]; indexes: string[]; columns: string[] } {
  const constraints: string[] = [];
  const indexes: string[] = [];
  const columns: string[] = [];
  for (const t of catalog.tables.values()) {
    const at = `${t.schema}.${t.name}.`;
    for (const c of t.columns) columns.push(`${at}${c.name} ${c.type.text}`);
    // A partition's keys and indexes are its parent's in the model (PostgreSQL clones them under new names).
    if (t.partitionOf) continue;
    for (const c of t.constraints) {
      constraints.push(at + c.name);
      // Primary keys, unique and exclusion constraints are backed by an index of the same name.
      if (c.kind === 'primary key' || c.kind === 'unique' || c.kind === 'exclude') indexes.push(at + c.name);
    }
    for (const i of t.indexes) indexes.push(at + i.name);
  }
  return { constraints: constraints.sort(), indexes: indexes.sort(), columns: columns.sort() };
}

function replay(sql: string) {
  return buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/migrations/001_case.sql', bytes: new TextEncoder().encode(sql) }] }], 'global');
}

describe('replay names and types as PostgreSQL does', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      await resetDatabase();
      await db.exec(c.sql);
      const pg = await postgresState();
      const model = replay(c.sql);
      expect(model.findings.map((f) => `${f.loc.line}:${f.loc.column} ${f.ruleId}: ${f.message}`)).toEqual([]);
      const ours = modelState(model.catalog);
      expect(ours.constraints, 'constraint names').toEqual(pg.constraints);
      expect(ours.indexes, 'index names').toEqual(pg.indexes);
      expect(ours.columns, 'column types').toEqual(pg.columns);
      for (const name of c.expect ?? []) expect([...pg.constraints, ...pg.indexes], name).toContain(`public.${name}`);
    });
  }
});

/**
 * Scripts PostgreSQL rejects in places: run one statement (one line) at a time on PostgreSQL, and the
 * lines it rejects must be exactly the lines with a replay-error.
 */
const REJECTED: { name: string; lines: string[] }[] = [
  {
    name: 'ALTER TABLE of a table created later, and errors that leave the table as it was',
    lines: [
      'ALTER TABLE vendor ADD COLUMN note text;',
      'CREATE TABLE vendor (id int PRIMARY KEY, name text, code text);',
      'ALTER TABLE vendor ADD COLUMN name text;',
      'ALTER TABLE vendor DROP COLUMN nope;',
      'ALTER TABLE vendor ALTER COLUMN nope SET NOT NULL;',
      'ALTER TABLE vendor RENAME COLUMN name TO code;',
      'ALTER TABLE vendor ADD PRIMARY KEY (code);',
      "ALTER TABLE vendor ADD CONSTRAINT code_set CHECK (code <> '');",
      'ALTER TABLE vendor ADD CONSTRAINT code_set CHECK (code IS NOT NULL);',
      'ALTER TABLE vendor DROP CONSTRAINT nope;',
      'ALTER TABLE vendor ADD UNIQUE (nope);',
      'ALTER TABLE vendor ADD FOREIGN KEY (nope) REFERENCES vendor (id);',
      'ALTER TABLE vendor ADD CHECK (nope > 0);',
      "ALTER TABLE vendor ADD CHECK (vendor.name <> '');",
      'ALTER TABLE vendor ADD UNIQUE USING INDEX nope;',
      'CREATE INDEX ON vendor (nope);',
      'CREATE INDEX idx_vendor_name ON vendor (name);',
      'CREATE INDEX idx_vendor_name ON vendor (code);',
      'DROP INDEX vendor_pkey;',
      'DROP INDEX nope;',
      'DROP TABLE nope;',
      'CREATE TABLE vendor (id int);',
      'CREATE TABLE other (id int);',
      'ALTER TABLE other RENAME TO vendor;',
      "COMMENT ON COLUMN vendor.nope IS 'x';",
      'CREATE POLICY p ON nope USING (true);',
      'DROP POLICY nope ON vendor;',
    ],
  },
  {
    name: 'CREATE TABLE errors, and MySQL inline INDEX read as a column named "index"',
    lines: [
      'CREATE TABLE dup (a int, a int);',
      'CREATE TABLE keyless (a int, PRIMARY KEY (b));',
      'CREATE TABLE twice (a int PRIMARY KEY, b int, PRIMARY KEY (b));',
      'CREATE TABLE event (id int PRIMARY KEY, source text, INDEX idx_event_source (source));',
      'CREATE TABLE fine (a int UNIQUE CHECK (a > 0), b int REFERENCES fine (a));',
    ],
  },
  {
    name: 'DROP TABLE refused while a foreign key of another table depends on it',
    lines: [
      'CREATE TABLE parent (id int PRIMARY KEY);',
      'CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));',
      'CREATE TABLE selfref (id int PRIMARY KEY, up int REFERENCES selfref (id));',
      'DROP TABLE parent;',
      'DROP TABLE selfref;',
      'DROP TABLE child, parent;',
      'CREATE TABLE parent2 (id int PRIMARY KEY);',
      'CREATE TABLE child2 (id int PRIMARY KEY, p int REFERENCES parent2 (id));',
      'DROP TABLE parent2 CASCADE;',
      'ALTER TABLE child2 DROP CONSTRAINT child2_p_fkey;',
      'DROP TABLE child2;',
    ],
  },
];

describe('replay-error where PostgreSQL rejects a statement', () => {
  for (const c of REJECTED) {
    it(c.name, async () => {
      await resetDatabase();
      const rejected: number[] = [];
      for (const [i, line] of c.lines.entries()) {
        try {
          await db.exec(line);
        } catch {
          rejected.push(i + 1);
        }
      }
      const model = replay(c.lines.join('\n'));
      const reported = [...new Set(model.findings.filter((f) => f.ruleId === 'replay-error').map((f) => f.loc.line))];
      expect(reported, model.findings.map((f) => `${f.loc.line}: ${f.message}`).join('\n')).toEqual(rejected);
      expect(rejected.length).toBeGreaterThan(0);
    });
  }
});

describe('create_hypertable names its table as a regclass literal', () => {
  const cases: [string, string][] = [
    ["SELECT create_hypertable('audit_log', 'created_at');", 'public.audit_log'],
    ["SELECT create_hypertable('Audit_Log', 'created_at');", 'public.audit_log'],
    ["SELECT create_hypertable('\"Audit Log\"', 'created_at');", 'public.Audit Log'],
    ["SELECT create_hypertable('ops.\"Event\"', by_range('created_at'));", 'ops.Event'],
  ];
  for (const [sql, key] of cases) {
    it(sql, async () => {
      await loadParser();
      const ddl =
        'CREATE SCHEMA ops; CREATE TABLE audit_log (created_at timestamptz NOT NULL); CREATE TABLE "Audit Log" (created_at timestamptz NOT NULL); CREATE TABLE ops."Event" (created_at timestamptz NOT NULL);';
      const model = buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/1.sql', bytes: new TextEncoder().encode(ddl + '\n' + sql) }] }], 'global');
      expect(model.findings).toEqual([]);
      const hyper = [...model.catalog.tables.values()].filter((t) => t.hypertable).map((t) => `${t.schema}.${t.name}`);
      expect(hyper).toEqual([key]);
    });
  }
});
