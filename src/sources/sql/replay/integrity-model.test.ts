/**
 * Replay details the integrity rules depend on: index key options, renamed columns inside
 * expressions, partitions, and DROP TABLE … CASCADE.
 */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../model/catalog.js';
import { buildModel } from '../../build.js';
import { loadParser } from '../parser.js';

await loadParser();

function replay(...files: string[]): Map<string, Table> {
  const migrations = files.map((text, i) => ({ path: `app/migrations/${i + 1}_m.sql`, bytes: new TextEncoder().encode(text) }));
  const model = buildModel([{ name: 'app', dir: 'app', migrations }], 'global');
  expect(model.findings, JSON.stringify(model.findings)).toHaveLength(0);
  return model.catalog.tables;
}

describe('replay for the integrity rules', () => {
  it('keeps operator class, collation and sort order of index keys, leaving defaults out', () => {
    const t = replay(`CREATE TABLE t (a text, b text, c int);
CREATE INDEX i1 ON t (a text_pattern_ops, b COLLATE "C" DESC, c NULLS FIRST);
CREATE INDEX i2 ON t (a ASC NULLS LAST, b DESC NULLS FIRST);`).get('public.t')!;
    expect(t.indexes[0]!.keys).toEqual([
      { column: 'a', opclass: 'text_pattern_ops' },
      { column: 'b', collation: 'C', descending: true },
      { column: 'c', nullsFirst: true },
    ]);
    expect(t.indexes[1]!.keys).toEqual([{ column: 'a' }, { column: 'b', descending: true }]);
  });

  it('finds an index named in DROP INDEX by its schema, the first on the search_path when unqualified', () => {
    const tables = replay(`CREATE TABLE t (a int);
CREATE TABLE other.t (a int);
CREATE INDEX same ON t (a);
CREATE INDEX same ON other.t (a);
DROP INDEX other.same;`);
    expect(tables.get('public.t')!.indexes.map((i) => i.name)).toEqual(['same']);
    expect(tables.get('other.t')!.indexes).toEqual([]);
    expect(replay('CREATE TABLE t (a int);\nCREATE TABLE other.t (a int);\nCREATE INDEX same ON t (a);\nCREATE INDEX same ON other.t (a);\nDROP INDEX same;').get('public.t')!.indexes).toEqual([]);
  });

  it('renames columns inside checks, index expressions, predicates and policies, but not in subqueries', () => {
    const t = replay(
      `CREATE TABLE t (id int, state text CHECK (state IN ('a', 'b')), deleted_at timestamptz);
CREATE INDEX i ON t (lower(state) text_pattern_ops) WHERE t.state <> 'a';
CREATE POLICY p ON t USING (state = 'a' AND EXISTS (SELECT 1 FROM u WHERE u.state = 'x'));`,
      'ALTER TABLE t RENAME COLUMN state TO status;',
    ).get('public.t')!;
    expect(t.constraints[0]!.check!.text).toBe("status IN ('a', 'b')");
    expect(t.indexes[0]!.keys[0]).toMatchObject({ opclass: 'text_pattern_ops' });
    expect(JSON.stringify(t.indexes[0]!.keys[0])).toContain('"sval":"status"');
    expect(t.indexes[0]!.predicate!.text).toBe("t.status <> 'a'");
    expect(JSON.stringify(t.policies[0]!.using!.ast)).toContain('"sval":"status"');
    expect(JSON.stringify(t.policies[0]!.using!.ast)).toContain('u"}},{"String":{"sval":"state"');
  });

  it('marks partitions with their parent, and follows a rename of the parent', () => {
    const tables = replay(
      `CREATE TABLE log (id uuid, at timestamptz, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE log_2025 PARTITION OF log FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
      'ALTER TABLE log RENAME TO event;',
    );
    expect(tables.get('public.log_2025')!.partitionOf).toEqual({ schema: 'public', table: 'event' });
    expect(tables.get('public.event')!.partitionOf).toBeUndefined();
  });

  it('DROP TABLE … CASCADE drops the foreign keys that reference the table', () => {
    const tables = replay(
      `CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY);
CREATE TABLE c (a_id int REFERENCES a, b_id int REFERENCES b, CHECK (a_id > 0));`,
      'DROP TABLE a CASCADE;',
    );
    expect(tables.get('public.c')!.constraints.map((c) => c.name)).toEqual(['c_a_id_check', 'c_b_id_fkey']);
    expect(tables.has('public.a')).toBe(false);
  });
});
