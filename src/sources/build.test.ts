import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, naturalCompare, replayOrder, type InputModule } from './build.js';
import { loadParser } from './sql/parser.js';

beforeAll(() => loadParser());

const sorted = (names: string[]) => [...names].sort(naturalCompare);
const enc = new TextEncoder();

describe('naturalCompare', () => {
  it('orders numbered migrations by number, not by text', () => {
    expect(sorted(['10_b.sql', '2_a.sql', '1_c.sql', '100_d.sql'])).toEqual(['1_c.sql', '2_a.sql', '10_b.sql', '100_d.sql']);
  });

  it("orders Flyway's V<n>__ names by version", () => {
    expect(sorted(['V10__x.sql', 'V2__y.sql', 'V1_1__z.sql', 'V1__a.sql'])).toEqual(['V1__a.sql', 'V1_1__z.sql', 'V2__y.sql', 'V10__x.sql']);
  });

  it('orders timestamps beyond the precision of a double exactly', () => {
    expect(sorted(['20240101120000123456_b.sql', '20240101120000123455_a.sql', '20231231235959000000_c.sql'])).toEqual([
      '20231231235959000000_c.sql',
      '20240101120000123455_a.sql',
      '20240101120000123456_b.sql',
    ]);
  });

  it('zero-padded and plain numbers sort by value, the shorter spelling first when equal', () => {
    expect(sorted(['010_x.sql', '9_x.sql', '001_x.sql', '1_x.sql'])).toEqual(['1_x.sql', '001_x.sql', '9_x.sql', '010_x.sql']);
  });

  it('a name that is a prefix of another sorts first; otherwise by character', () => {
    expect(sorted(['001_init_b.sql', '001_init.sql', '001_Init.sql'])).toEqual(['001_Init.sql', '001_init.sql', '001_init_b.sql']);
  });

  it('is a consistent order: antisymmetric and zero only for equal names', () => {
    const names = ['1.sql', '01.sql', 'a1.sql', 'a01.sql', 'a10.sql', 'a2.sql', 'b.sql', 'V1__a.sql', 'V1_1__a.sql', 'V01__a.sql', 'V1__b.sql'];
    for (const a of names) {
      for (const b of names) {
        expect(Math.sign(naturalCompare(a, b)) + Math.sign(naturalCompare(b, a))).toBe(0);
        if (a !== b) expect(naturalCompare(a, b)).not.toBe(0);
      }
    }
  });
});

describe('replayOrder and buildModel', () => {
  const mod = (name: string, files: Record<string, string> = {}): InputModule => ({
    name,
    dir: `schemas/${name}`,
    migrations: Object.entries(files).map(([f, sql]) => ({ path: `schemas/${name}/migrations/${f}`, bytes: enc.encode(sql) })),
  });

  it('replays the global module first, then the others by name', () => {
    expect(replayOrder([mod('vendor'), mod('core'), mod('audit'), mod('zeta')], 'core').map((m) => m.name)).toEqual(['core', 'audit', 'vendor', 'zeta']);
  });

  it("replays each module's migrations in natural file order, whatever order they were found in", () => {
    const model = buildModel(
      [
        mod('app', {
          '10_drop.sql': 'DROP TABLE scratch;',
          '2_create.sql': 'CREATE TABLE scratch (id int);\nCREATE TABLE vendor (id int);',
          '9_alter.sql': 'ALTER TABLE vendor ADD COLUMN name text;',
        }),
        mod('base', { '1_org.sql': 'CREATE TABLE organisations (id int PRIMARY KEY);' }),
      ],
      'base',
    );
    expect(model.findings).toEqual([]);
    expect(model.catalog.modules.map((m) => [m.name, m.files.map((f) => f.split('/').pop())])).toEqual([
      ['base', ['1_org.sql']],
      ['app', ['2_create.sql', '9_alter.sql', '10_drop.sql']],
    ]);
    expect([...model.catalog.tables.keys()]).toEqual(['public.organisations', 'public.vendor']);
    expect(model.catalog.tables.get('public.vendor')!.columns.map((c) => c.name)).toEqual(['id', 'name']);
  });

  it('a table the global module creates can be altered by a module named before it', () => {
    const model = buildModel([mod('aaa', { '1.sql': 'ALTER TABLE organisations ADD COLUMN code text;' }), mod('global', { '1.sql': 'CREATE TABLE organisations (id int);' })], 'global');
    expect(model.findings).toEqual([]);
    expect(model.catalog.tables.get('public.organisations')!.module).toBe('global');
  });
});
