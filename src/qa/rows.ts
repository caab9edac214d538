/**
 * Test rows generated from the model, not written per table: every NOT NULL column gets a value valid
 * for its type and its single-column CHECKs, every foreign key points at a row of the parent (of the
 * same organisation where the parent has a tenant key), and each row gets values no other row has, so
 * unique keys hold. A foreign key that is part of a unique key points, in every new row, at a parent row
 * of its own (a spare, seeded in the setup), so composite keys over foreign keys stay distinct however
 * many rows a suite inserts; so does a second foreign key to the same table, for `a <> b` CHECKs.
 * Values are SQL expressions with quoted literals.
 */
import type { Catalog, Column, Constraint, Table } from '../model/catalog.js';
import { foreignKeys, primaryKey, tableKey } from '../model/catalog.js';
import { BUILTIN_TYPE_NAMES, storedTypeName } from '../model/types.js';
import type { Standard } from '../engine/standard.js';
import { classifyTable } from '../engine/rule.js';
import { literal, qualified, ident } from './runtime/sql.js';
import { checkChoices, checkPatterns } from './checks.js';
import { sampleRegex } from './regex-sample.js';

export type Org = 'A' | 'B';

export interface TestRow {
  table: Table;
  org?: Org;
  /** Column → SQL expression, in table column order. */
  values: Map<string, string>;
}

const BASE_TIME = Date.UTC(2026, 0, 1);

/** A deterministic UUID with version nibble 7, distinct per n. */
export function testUuid(n: number): string {
  return `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

export class RowFactory {
  readonly orgIds: Record<Org, string> = { A: testUuid(0xa), B: testUuid(0xb) };
  private counter = 0x100;
  private readonly seeds = new Map<string, TestRow>();
  /** Columns some foreign key reads: always given explicitly, so children can copy them. */
  private readonly referenced = new Set<string>();
  readonly tables: Table[];
  readonly unseedable = new Map<string, string>();
  /** Spare parent rows made since the last call of spares(), parents first. */
  private pending: TestRow[] = [];
  private spareDepth = 0;

  constructor(
    readonly catalog: Catalog,
    readonly standard: Standard,
    moduleTables: Table[],
  ) {
    this.tables = closure(catalog, moduleTables);
    for (const t of this.tables) for (const fk of foreignKeys(t)) for (const c of targetColumns(catalog, fk)) this.referenced.add(`${tableKey(fk.references!.schema, fk.references!.table)}.${c}`);
  }

  isTenantRoot(table: Table): boolean {
    return classifyTable(table, this.standard) === 'tenant-root';
  }

  /** The column that says which organisation owns a row; undefined for shared tables. */
  tenantColumn(table: Table): string | undefined {
    if (this.isTenantRoot(table)) return primaryKey(table)?.columns.length === 1 ? primaryKey(table)!.columns[0] : undefined;
    return table.columns.some((c) => c.name === this.standard.tenantKey) ? this.standard.tenantKey : undefined;
  }

  /** The seed rows, parents first: one per organisation for tenant tables, one for shared tables. */
  world(): TestRow[] {
    const out: TestRow[] = [];
    for (const org of ['A', 'B'] as Org[]) {
      for (const t of this.tables) {
        if (!this.tenantColumn(t) && org === 'B') continue;
        const key = this.seedKey(t, org);
        try {
          const row = this.makeRow(t, org, true);
          this.seeds.set(key, row);
          out.push(...this.spares(), row);
        } catch (e) {
          this.pending = [];
          this.unseedable.set(tableKey(t.schema, t.name), (e as Error).message);
        }
      }
    }
    return out;
  }

  /** The spare parent rows made since the last call, parents first: the setup inserts them after the world. */
  spares(): TestRow[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  seed(table: Table, org: Org): TestRow | undefined {
    return this.seeds.get(this.seedKey(table, org));
  }

  /** A new row of the table for the organisation, with values no other row has. */
  fresh(table: Table, org: Org, overrides: Record<string, string | null> = {}, omit: string[] = []): TestRow {
    const row = this.makeRow(table, org, false);
    for (const c of omit) row.values.delete(c);
    for (const [c, v] of Object.entries(overrides)) {
      if (v === null) row.values.set(c, 'NULL');
      else row.values.set(c, v);
    }
    return row;
  }

  nextId(): string {
    return testUuid(this.counter++);
  }

  private seedKey(table: Table, org: Org): string {
    return `${tableKey(table.schema, table.name)}#${this.tenantColumn(table) ? org : '-'}`;
  }

  private makeRow(table: Table, org: Org, seeding: boolean): TestRow {
    const n = this.counter++;
    const values = new Map<string, string>();
    const tenant = this.tenantColumn(table);
    const choices = checkChoices(table);
    const patterns = checkPatterns(table);
    for (const col of table.columns) {
      if (col.identity || col.generated) continue;
      const v = this.columnValue(table, col, n, tenant, choices.get(col.name), patterns.get(col.name));
      if (v !== undefined) values.set(col.name, v);
    }
    const keyed = uniqueColumns(table);
    const targets = new Set<Table>();
    for (const fk of foreignKeys(table)) {
      const ref = fk.references!;
      const parent = this.catalog.tables.get(tableKey(ref.schema, ref.table));
      const cols = targetColumns(this.catalog, fk);
      if (!parent || cols.length !== fk.columns.length) throw new Error(`foreign key ${fk.name} points at a table outside the loaded modules`);
      const self = parent === table;
      const again = targets.has(parent);
      targets.add(parent);
      const own = !self && !this.isTenantRoot(parent) && this.seed(parent, org) !== undefined && (again || (!seeding && fk.columns.some((c) => keyed.has(c))));
      const parentRow = own ? this.spare(parent, org) : self && seeding ? { values } : this.seed(parent, org);
      if (!parentRow) {
        if (fk.columns.every((c) => !table.columns.find((x) => x.name === c)?.notNull)) {
          for (const c of fk.columns) values.delete(c);
          continue;
        }
        throw new Error(`no test row of ${parent.name} for foreign key ${fk.name}`);
      }
      fk.columns.forEach((c, i) => {
        const v = parentRow.values.get(cols[i]!);
        if (v === undefined) throw new Error(`the test row of ${parent.name} has no value for ${cols[i]}`);
        values.set(c, v);
      });
    }
    // A new row of the tenant root is a new organisation; any other row belongs to the organisation.
    if (tenant) values.set(tenant, this.uuidLiteral(this.isTenantRoot(table) && !seeding ? testUuid(n) : this.orgIds[org]));
    const ordered = new Map<string, string>();
    for (const col of table.columns) if (values.has(col.name)) ordered.set(col.name, values.get(col.name)!);
    return { table, org: tenant ? org : undefined, values: ordered };
  }

  /**
   * A new parent row for one row's foreign key. Spares of spares stop at a depth where seeds do: only a
   * cycle of unique keys over foreign keys gets that deep.
   */
  private spare(parent: Table, org: Org): TestRow {
    if (this.spareDepth >= 4) return this.seed(parent, org)!;
    this.spareDepth++;
    try {
      const row = this.makeRow(parent, org, false);
      this.pending.push(row);
      return row;
    } finally {
      this.spareDepth--;
    }
  }

  private columnValue(table: Table, col: Column, n: number, tenant: string | undefined, choice: string | undefined, pattern: string | undefined): string | undefined {
    if (col.name === tenant) return undefined;
    const explicit = col.name === 'id' || this.referenced.has(`${tableKey(table.schema, table.name)}.${col.name}`) || inKey(table, col.name);
    if (col.default && !explicit) return undefined;
    if (!col.notNull && !explicit) return undefined;
    if (choice !== undefined) return choice;
    if (pattern !== undefined && TEXT_TYPES.has(col.type.name) && col.type.arrayDims === 0) return `${literal(patternValue(col, pattern, n))}::${col.type.text}`;
    const v = columnValue(this.catalog, col, n);
    if (v === undefined) {
      if (col.default) return undefined;
      if (!col.notNull) return undefined;
      throw new Error(`no test value for column ${col.name} of type ${col.type.text}`);
    }
    return v;
  }

  uuidLiteral(u: string): string {
    return `${literal(u)}::uuid`;
  }

  insertSql(row: TestRow): string {
    const cols = [...row.values.keys()];
    const name = qualified(row.table.schema, row.table.name);
    if (cols.length === 0) return `INSERT INTO ${name} DEFAULT VALUES`;
    return `INSERT INTO ${name} (${cols.map(ident).join(', ')}) VALUES (${[...row.values.values()].join(', ')})`;
  }

  /** A condition that finds exactly this row (by id, else by its whole primary key); undefined when it cannot. */
  whereSql(row: TestRow): string | undefined {
    const id = row.values.get('id');
    if (id !== undefined) return `${ident('id')} = ${id}`;
    const pk = primaryKey(row.table);
    if (!pk || pk.columns.some((c) => !row.values.has(c))) return undefined;
    return pk.columns.map((c) => `${ident(c)} = ${row.values.get(c)}`).join(' AND ');
  }
}

function inKey(table: Table, column: string): boolean {
  return uniqueColumns(table).has(column);
}

/** The columns of the table's primary key, unique constraints and unique indexes (partial ones too). */
function uniqueColumns(table: Table): Set<string> {
  const out = new Set<string>();
  for (const c of table.constraints) if (c.kind === 'primary key' || c.kind === 'unique') c.columns.forEach((x) => out.add(x));
  for (const i of table.indexes) if (i.unique) for (const k of i.keys) if ('column' in k) out.add(k.column);
  return out;
}

const TEXT_TYPES = new Set(['text', 'character varying', 'citext']);

/** The columns a foreign key reads in its parent (the parent's primary key when not named). */
export function targetColumns(catalog: Catalog, fk: Constraint): string[] {
  const ref = fk.references!;
  if (ref.columns.length) return ref.columns;
  return primaryKey(catalog.tables.get(tableKey(ref.schema, ref.table)) ?? ({ constraints: [] } as unknown as Table))?.columns ?? [];
}

/**
 * The module's tables and every table their foreign keys reach, parents first along the foreign keys
 * a row must fill (a NOT NULL column); a nullable key closing a cycle is left NULL in the seed rows.
 */
function closure(catalog: Catalog, start: Table[]): Table[] {
  const reached = new Map<string, Table>();
  const parentOf = (fk: Constraint) => catalog.tables.get(tableKey(fk.references!.schema, fk.references!.table));
  const collect = (t: Table) => {
    const key = tableKey(t.schema, t.name);
    if (reached.has(key)) return;
    reached.set(key, t);
    for (const fk of foreignKeys(t)) {
      const parent = parentOf(fk);
      if (parent) collect(parent);
    }
  };
  for (const t of start) collect(t);
  const required = (t: Table, fk: Constraint) => fk.columns.some((c) => t.columns.find((x) => x.name === c)?.notNull);
  const out: Table[] = [];
  const done = new Set<Table>();
  const visiting = new Set<Table>();
  const visit = (t: Table, edges: 'required' | 'all') => {
    if (done.has(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of foreignKeys(t)) {
      const parent = parentOf(fk);
      if (parent && parent !== t && (edges === 'all' || required(t, fk))) visit(parent, 'required');
    }
    visiting.delete(t);
    done.add(t);
    out.push(t);
  };
  // Tables outside the module (the global ones) first, in replay order; then the module's.
  const ordered = [...catalog.tables.values()].filter((t) => reached.has(tableKey(t.schema, t.name)));
  for (const t of ordered) if (!start.includes(t)) visit(t, 'required');
  for (const t of ordered) visit(t, 'required');
  return out;
}

/** A text value distinct for each n, shaped like what the column's name says (for the format CHECKs such columns carry). */
function textValue(col: Column, n: number): string {
  const t = col.type;
  const max = t.mods[0] ?? (t.name === 'character' ? 1 : Infinity);
  const shaped = /email/.test(col.name) ? `v${n.toString(36)}@example.com` : /(^|_)(url|website|uri)($|_)/.test(col.name) ? `https://example.com/v${n.toString(36)}` : undefined;
  if (shaped && shaped.length <= max) return shaped;
  const s = `v${n.toString(36)}`;
  return s.length <= max ? s : n.toString(36).slice(-max);
}

/**
 * A text value distinct for each n that the CHECK's regular expression accepts: the usual value where
 * it matches (JavaScript reads these simple POSIX patterns alike), else a sample of the pattern.
 */
function patternValue(col: Column, pattern: string, n: number): string {
  const usual = textValue(col, n);
  try {
    const js = pattern.replace(/\[:([a-z]+):\]/g, (_, c: string) => POSIX_JS[c] ?? '');
    if (new RegExp(js).test(usual)) return usual;
  } catch {
    // Not a pattern JavaScript reads: sample it.
  }
  return sampleRegex(pattern, n);
}

const POSIX_JS: Record<string, string> = { space: '\\s', digit: '0-9', alpha: 'A-Za-z', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z' };

/** A valid value of the column's type, distinct for each n; undefined for types we cannot produce. */
export function columnValue(catalog: Catalog, col: Column, n: number): string | undefined {
  const t = col.type;
  const builtin = BUILTIN_TYPE_NAMES.has(t.name);
  if (t.arrayDims > 0) return builtin ? `${literal('{}')}::${t.text}` : literal('{}');
  const stored = storedTypeName(t.name);
  const cast = (v: string) => `${literal(v)}::${stored === t.name ? t.text : stored}`;
  switch (stored) {
    case 'uuid':
      return cast(testUuid(n));
    case 'text':
    case 'character varying':
    case 'character':
      return cast(textValue(col, n));
    case 'smallint':
      return cast(String(n % 30000));
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double precision':
      return cast(String(n));
    case 'numeric': {
      const [p, s] = t.mods;
      const limit = p === undefined ? Infinity : 10 ** (p - (s ?? 0));
      return cast(String(limit === Infinity ? n : n % limit));
    }
    case 'boolean':
      return cast('true');
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return cast(
        new Date(BASE_TIME + n * 1000)
          .toISOString()
          .replace('T', ' ')
          .replace('Z', t.name.includes('with time') ? '+00' : ''),
      );
    case 'date':
      return cast(new Date(BASE_TIME + n * 86_400_000).toISOString().slice(0, 10));
    case 'time without time zone':
    case 'time with time zone':
      return cast(`${String(n % 24).padStart(2, '0')}:00:00`);
    case 'interval':
      return cast(`${n} seconds`);
    case 'json':
    case 'jsonb':
      return cast(JSON.stringify({ n }));
    case 'inet':
      return cast(`10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
    case 'cidr':
      return cast(`10.${(n >> 8) & 255}.${n & 255}.0/24`);
    case 'bytea':
      return cast(`\\x${n.toString(16).padStart(2, '0')}`);
  }
  const e = catalog.enums.get(t.name) ?? catalog.enums.get(`public.${t.name}`);
  if (e?.values.length) return `${literal(e.values[0]!)}::${qualified(e.schema, e.name)}`;
  return undefined;
}
