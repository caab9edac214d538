/**
 * Rows for any schema model, made from the model alone: foreign keys point at rows seeded before, CHECK
 * constraints of the usual shapes (IN lists, bounds, regular expressions) are met, NOT NULL columns are
 * filled. Tests that need data in every table (tenant isolation, generated QA suites) seed with it
 * instead of writing rows per table, so they keep up with the schemas. Pure and deterministic.
 */
import type { Catalog, Column, Constraint, Table } from '../model/catalog.js';
import { tableKey } from '../model/catalog.js';
import { lastName, nodeAs } from '../model/ast.js';
import { constantValue } from '../model/queries.js';

export type SeedValue = string | number | boolean;

export interface SeedRow {
  table: Table;
  tenant: string;
  /** Which of the tenant's rows of this table it is, from 0. */
  index: number;
  /** Column → value, in column order; columns left out take their default (or NULL). */
  values: Map<string, SeedValue>;
}

export interface SeedOptions {
  /** Tenant ids (the tenant root's `id`), one set of rows each. */
  tenants: string[];
  /** Rows per table and tenant (default 2: enough for `a <> b` checks between two keys to one table). */
  rowsPerTable?: number;
  tenantRoot?: string;
  tenantKey?: string;
  /** Keys made so far: pass the same one to seedRow for further rows that reference these. */
  ids?: IdMaker;
}

/** A column's constraints, as read from the table's CHECKs. */
interface ColumnRules {
  values?: SeedValue[];
  min?: number;
  minExclusive?: boolean;
  max?: number;
  patterns: string[];
}

export class SeedError extends Error {}

/** Rows for every table of `tables`, parents before children, tenant by tenant. */
export function seedRows(catalog: Catalog, tables: Table[], options: SeedOptions): SeedRow[] {
  const perTable = options.rowsPerTable ?? 2;
  const root = options.tenantRoot ?? 'organisations';
  const ids = options.ids ?? new IdMaker();
  const order = dependencyOrder(tables);
  const rows: SeedRow[] = [];
  for (const tenant of options.tenants) {
    for (const table of order) {
      // The tenant root has one row per tenant: the tenant itself.
      const count = table.name === root ? 1 : perTable;
      ids.seeded(table, tenant, count);
      for (let i = 0; i < count; i++) rows.push(seedRow(catalog, table, tenant, i, { ids, root, tenantKey: options.tenantKey ?? 'organisation_id' }));
    }
  }
  return rows;
}

/** One more row of `table` for `tenant` (index `index`), e.g. a row a test expects to be refused. */
export function seedRow(catalog: Catalog, table: Table, tenant: string, index: number, ctx: { ids: IdMaker; root: string; tenantKey: string }): SeedRow {
  const values = new Map<string, SeedValue>();
  const rules = columnRules(table);
  const fks = table.constraints.filter((c): c is Constraint & { references: NonNullable<Constraint['references']> } => c.kind === 'foreign key' && c.references !== undefined);
  const pk = table.constraints.find((c) => c.kind === 'primary key');
  const perTarget = new Map<string, number>();
  const isRoot = table.name === ctx.root;
  const ownId = isRoot ? tenant : ctx.ids.rowId(table, tenant, index);
  for (const column of table.columns) {
    if (column.identity || column.generated) continue;
    const fk = fks.find((f) => f.columns.length === 1 && f.columns[0] === column.name);
    if (isRoot && pk?.columns.length === 1 && pk.columns[0] === column.name) {
      values.set(column.name, tenant);
    } else if (column.name === ctx.tenantKey && !isRoot) {
      values.set(column.name, tenant);
    } else if (pk?.columns.includes(column.name) && column.type.name === 'uuid' && !fk) {
      values.set(column.name, ownId);
    } else if (fk && (column.notNull || fk.references.table === table.name)) {
      if (fk.references.table === table.name && fk.references.schema === table.schema) {
        // A NOT NULL self-reference (users.created_by) points at the row itself; a nullable one stays NULL.
        if (column.notNull) values.set(column.name, ownId);
        continue;
      }
      const target = catalog.tables.get(tableKey(fk.references.schema, fk.references.table));
      if (!target) throw new SeedError(`${table.name}.${column.name} references ${fk.references.table}, which is not in the model`);
      if (target.name === ctx.root) {
        values.set(column.name, tenant);
        continue;
      }
      // Keys to one table take different parent rows, so that `a <> b` checks between them hold.
      const k = perTarget.get(target.name) ?? 0;
      perTarget.set(target.name, k + 1);
      values.set(column.name, ctx.ids.rowId(target, tenant, (index + k) % ctx.ids.rowsOf(target, tenant)));
    } else if (column.notNull && !column.default) {
      values.set(column.name, valueFor(catalog, table, column, rules.get(column.name), index, ctx.ids, tenant));
    }
  }
  return { table, tenant, index, values };
}

/** `INSERT INTO … (…) VALUES ($1, …)` with its parameters; names are quoted. */
export function insertStatement(row: SeedRow, qualify?: (t: Table) => string): { text: string; params: SeedValue[] } {
  const cols = [...row.values.keys()];
  const name = qualify ? qualify(row.table) : quoteIdent(row.table.name);
  return {
    text: `INSERT INTO ${name} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    params: cols.map((c) => row.values.get(c)!),
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Deterministic ids: the same model and options give the same rows. */
export class IdMaker {
  private readonly ids = new Map<string, string[]>();
  private counter = 0;

  rowId(table: Table, tenant: string, index: number): string {
    const key = `${tableKey(table.schema, table.name)}\u0000${tenant}`;
    let list = this.ids.get(key);
    if (!list) this.ids.set(key, (list = []));
    while (list.length <= index) list.push(this.next());
    return list[index]!;
  }

  private readonly counts = new Map<string, number>();

  /** Records that rows 0 … count-1 of the table are seeded for the tenant: children pick their parents among them. */
  seeded(table: Table, tenant: string, count: number): void {
    this.counts.set(`${tableKey(table.schema, table.name)}\u0000${tenant}`, count);
  }

  rowsOf(table: Table, tenant: string): number {
    return Math.max(1, this.counts.get(`${tableKey(table.schema, table.name)}\u0000${tenant}`) ?? 1);
  }

  /** A version-7-shaped UUID with a counter for its time, so seeded keys also sort in creation order. */
  next(): string {
    const hex = (++this.counter).toString(16).padStart(12, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${(this.counter * 2654435761 % 2 ** 48).toString(16).padStart(12, '0')}`;
  }
}

/** Parents first (self-references aside); a cycle is an error, as no insert order could satisfy it. */
function dependencyOrder(tables: Table[]): Table[] {
  const byKey = new Map(tables.map((t) => [tableKey(t.schema, t.name), t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Table[] = [];
  const visit = (t: Table) => {
    const key = tableKey(t.schema, t.name);
    if (done.has(key)) return;
    if (visiting.has(key)) throw new SeedError(`foreign keys form a cycle through ${t.name}: no insert order satisfies them`);
    visiting.add(key);
    for (const c of t.constraints) {
      const ref = c.kind === 'foreign key' ? c.references : undefined;
      if (!ref) continue;
      const target = byKey.get(tableKey(ref.schema, ref.table));
      if (target && target !== t) visit(target);
    }
    visiting.delete(key);
    done.add(key);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

function columnName(node: unknown): string | undefined {
  return lastName(nodeAs(node, 'ColumnRef')?.fields);
}

const FLIP: Record<string, string> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>' };

/** What the CHECKs of `table` require of single columns: AND-ed IN lists, bounds and `~` patterns. */
function columnRules(table: Table): Map<string, ColumnRules> {
  const out = new Map<string, ColumnRules>();
  const get = (c: string) => out.get(c) ?? (out.set(c, { patterns: [] }), out.get(c)!);
  const visit = (node: unknown): void => {
    const b = nodeAs(node, 'BoolExpr');
    if (b?.boolop === 'AND_EXPR') return (b.args ?? []).forEach(visit);
    const e = nodeAs(node, 'A_Expr');
    if (!e) return;
    const op = lastName(e.name);
    if (e.kind === 'AEXPR_IN' && op === '=') {
      const col = columnName(e.lexpr);
      const values = (nodeAs(e.rexpr, 'List')?.items ?? []).map((i) => constantValue(i));
      if (col && values.length && values.every((v) => v !== undefined)) get(col).values = values as SeedValue[];
      return;
    }
    if (e.kind !== 'AEXPR_OP') return;
    let col = columnName(e.lexpr);
    let value = constantValue(e.rexpr);
    let operator = op;
    if (!col) {
      col = columnName(e.rexpr);
      value = constantValue(e.lexpr);
      operator = (op === undefined ? undefined : FLIP[op]) ?? op;
    }
    if (!col || value === undefined) return;
    const r = get(col);
    if (operator === '~' && typeof value === 'string') r.patterns.push(value);
    else if (typeof value === 'number' && (operator === '>=' || operator === '>')) {
      r.min = value;
      r.minExclusive = operator === '>';
    } else if (typeof value === 'number' && (operator === '<=' || operator === '<')) r.max = operator === '<' ? value - 1 : value;
    else if (operator === '=') r.values = [value];
  };
  for (const c of table.constraints) if (c.kind === 'check' && c.check) visit(c.check.ast);
  return out;
}

const NUMERIC = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);

function valueFor(catalog: Catalog, table: Table, column: Column, rules: ColumnRules | undefined, index: number, ids: IdMaker, tenant: string): SeedValue {
  const type = column.type.name;
  if (rules?.values?.length) return rules.values[index % rules.values.length]!;
  if (column.type.arrayDims > 0) return '{}';
  const enumType = [...catalog.enums.values()].find((e) => e.name === type || `${e.schema}.${e.name}` === type);
  if (enumType) return enumType.values[index % enumType.values.length]!;
  if (NUMERIC.has(type)) {
    const base = rules?.min !== undefined ? rules.min + (rules.minExclusive ? 1 : 0) : Math.min(1, rules?.max ?? 1);
    return rules?.max === undefined || base + index <= rules.max ? base + index : base;
  }
  switch (type) {
    case 'text':
    case 'character varying':
    case 'character':
    case 'citext':
      if (rules?.patterns.length) return sampleRegex(rules.patterns[0]!, index);
      // Unique keys without the tenant key must still tell the tenants' rows apart.
      return `${column.name}_${index}_${tenant.slice(-12)}`;
    case 'uuid':
      return ids.next();
    case 'boolean':
      return index % 2 === 1;
    case 'date':
      return '2026-01-15';
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return '2026-01-15T10:00:00Z';
    case 'time without time zone':
      return '10:00:00';
    case 'interval':
      return '1 day';
    case 'jsonb':
    case 'json':
      return '{}';
    case 'inet':
    case 'cidr':
      return `192.0.2.${index + 1}`;
    case 'bytea':
      return '\\x00';
  }
  throw new SeedError(`cannot make a value for ${table.name}.${column.name} of type ${type}`);
}

const POOL = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.';
const POSIX: Record<string, string> = { space: ' \t\n', digit: '0123456789', alpha: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', alnum: 'abcdefghijklmnopqrstuvwxyz0123456789', upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', lower: 'abcdefghijklmnopqrstuvwxyz' };

/**
 * A string the (POSIX-style) regular expression matches: literals, escapes, classes with ranges,
 * negation and [:class:], groups with `|`, and the quantifiers ? * + {n} {n,} {n,m}. `variant` picks
 * other class members and longer repetitions, so rows differ where a unique key needs them to.
 */
export function sampleRegex(pattern: string, variant = 0): string {
  let pos = 0;
  const peek = () => pattern[pos];
  const alternatives = (): string => {
    const branches: string[] = [sequence()];
    while (peek() === '|') {
      pos++;
      branches.push(sequence());
    }
    return branches[variant % branches.length]!;
  };
  const sequence = (): string => {
    let out = '';
    while (pos < pattern.length && peek() !== '|' && peek() !== ')') {
      const atom = nextAtom();
      const [min, max] = quantifier();
      const times = max === undefined ? min + (variant % 2) : Math.min(max, min + (min === max ? 0 : variant % 2));
      for (let i = 0; i < times; i++) out += atom(i);
    }
    return out;
  };
  const quantifier = (): [number, number | undefined] => {
    const c = peek();
    if (c === '?') return pos++, [0, 1];
    if (c === '*') return pos++, [0, undefined];
    if (c === '+') return pos++, [1, undefined];
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos));
      if (m) {
        pos += m[0].length;
        const min = Number(m[1]);
        return [min, m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3])];
      }
    }
    return [1, 1];
  };
  const nextAtom = (): ((i: number) => string) => {
    const c = pattern[pos++]!;
    if (c === '^' || c === '$') return () => '';
    if (c === '(') {
      if (pattern.startsWith('?:', pos)) pos += 2;
      const inner = alternatives();
      pos++; // ')'
      return () => inner;
    }
    if (c === '[') {
      const chars = charClass();
      return (i) => chars[(variant + i) % chars.length]!;
    }
    if (c === '.') return (i) => POOL[(variant + i) % 26]!;
    if (c === '\\') {
      const e = pattern[pos++]!;
      if (e === 'd') return (i) => String((variant + i) % 10);
      if (e === 'w') return (i) => POOL[(variant + i) % 26]!;
      if (e === 's') return () => ' ';
      return () => e;
    }
    return () => c;
  };
  const charClass = (): string => {
    let negate = false;
    if (peek() === '^') {
      negate = true;
      pos++;
    }
    let members = '';
    let first = true;
    while (pos < pattern.length && (peek() !== ']' || first)) {
      first = false;
      const posix = /^\[:([a-z]+):\]/.exec(pattern.slice(pos));
      if (posix) {
        members += POSIX[posix[1]!] ?? '';
        pos += posix[0].length;
        continue;
      }
      let c = pattern[pos++]!;
      if (c === '\\') c = pattern[pos++]!;
      if (peek() === '-' && pattern[pos + 1] !== ']' && pos + 1 < pattern.length) {
        const end = pattern[pos + 1]!;
        pos += 2;
        for (let x = c.charCodeAt(0); x <= end.charCodeAt(0); x++) members += String.fromCharCode(x);
      } else members += c;
    }
    pos++; // ']'
    return negate ? [...POOL].filter((ch) => !members.includes(ch)).join('') : members;
  };
  return alternatives();
}
