import { defineRule } from '../../src/engine/rule.js';
import type { Constraint, Index, IndexKey, Table } from '../../src/model/catalog.js';
import { ident } from '../../src/model/names.js';

interface Options extends Record<string, unknown> {
  prefix: boolean;
}

/** An index or an index-backed constraint, reduced to what decides whether two are the same. */
interface Entry {
  name: string;
  node: Index | Constraint;
  kind: 'primary key' | 'unique constraint' | 'unique index' | 'index';
  /** Lower ranks are kept when several are identical: constraints declare intent, unique ones enforce it. */
  rank: number;
  /** Position in the table's replay order, within constraints and within indexes. */
  order: number;
  method: string;
  partial: boolean;
  keys: string[];
  /** The keys as they would be written, for messages only. */
  indexKeys: IndexKey[];
  columnKeys: (string | undefined)[];
  include: string[];
  signature: string;
}

function keySignature(k: IndexKey): string {
  // The common case, a plain column: its JSON string cannot be mistaken for the JSON object of the others.
  if ('column' in k && !k.opclass && !k.collation && !k.descending && k.nullsFirst === undefined) return JSON.stringify(k.column);
  return JSON.stringify({
    column: 'column' in k ? k.column : undefined,
    expr: 'expr' in k ? k.expr.ast : undefined,
    opclass: k.opclass,
    collation: k.collation,
    descending: k.descending,
    nullsFirst: k.nullsFirst,
  });
}

function keyText(k: IndexKey): string {
  let s = 'column' in k ? ident(k.column) : `(${k.expr.text})`;
  if (k.collation) s += ` COLLATE ${ident(k.collation)}`;
  if (k.opclass) s += ` ${k.opclass}`;
  if (k.descending) s += ' DESC';
  if (k.nullsFirst !== undefined) s += k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
  return s;
}

function signatureOf(method: string, keys: string[], include: string[], node: Index | Constraint): string {
  return `${method}|${keys.join(',')}|${include.join(',')}|${predicateSignature(node)}`;
}

function entries(table: Table): Entry[] {
  const out: Entry[] = [];
  const constraints = table.constraints;
  for (let order = 0; order < constraints.length; order++) {
    const c = constraints[order]!;
    if (c.kind !== 'primary key' && c.kind !== 'unique') continue;
    const indexKeys: IndexKey[] = c.columns.map((column) => ({ column }));
    const keys = indexKeys.map(keySignature);
    const primary = c.kind === 'primary key';
    out.push({
      name: c.name,
      node: c,
      kind: primary ? 'primary key' : 'unique constraint',
      rank: primary ? 0 : 1,
      order,
      method: 'btree',
      partial: false,
      keys,
      indexKeys,
      columnKeys: c.columns,
      include: [],
      signature: signatureOf('btree', keys, [], c),
    });
  }
  const indexes = table.indexes;
  for (let order = 0; order < indexes.length; order++) {
    const i = indexes[order]!;
    const keys = i.keys.map(keySignature);
    // INCLUDE columns only ride along: their order changes nothing.
    const include = i.include.length > 1 ? [...i.include].sort() : i.include;
    out.push({
      name: i.name,
      node: i,
      kind: i.unique ? 'unique index' : 'index',
      rank: i.unique ? 2 : 3,
      order,
      method: i.method,
      partial: Boolean(i.predicate),
      keys,
      indexKeys: i.keys,
      columnKeys: i.keys.map((k) => ('column' in k ? k.column : undefined)),
      include,
      signature: signatureOf(i.method, keys, include, i),
    });
  }
  return out;
}

function predicateSignature(node: Index | Constraint): string {
  const predicate = 'predicate' in node ? node.predicate : undefined;
  return predicate ? JSON.stringify(predicate.ast) : '';
}

const before = (a: Entry, b: Entry) => a.rank - b.rank || a.order - b.order;

export default defineRule<Options>({
  meta: {
    id: 'duplicate-index',
    category: 'integrity',
    description: 'No index (or primary key or unique constraint) duplicates another on the same table.',
    severity: 'warn',
    compliance: ['ISO 27001 A.8.6', 'NIST CSF PR.DS-4'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        prefix: {
          type: 'boolean',
          description: 'Also report a plain btree index whose keys are a leading prefix of another non-partial btree index on the same table.',
          default: false,
        },
      },
    },
    defaultOptions: { prefix: false },
    materializedViews: true,
    messages: {
      duplicate: '{{index}} ({{keys}}) duplicates {{kept}} on "{{table}}" (same keys, method, predicate and INCLUDE): every write maintains both for nothing',
      prefix: '{{index}} ({{keys}}) is redundant: its keys are a leading prefix of {{longer}} ({{longerKeys}}), which serves the same lookups',
    },
  },
  check(ctx) {
    const qualified = (table: Table, name: string) => (table.schema === ctx.standard.defaultSchema ? ident(name) : `${ident(table.schema)}.${ident(name)}`);
    const dropSql = (table: Table, e: Entry) =>
      e.kind === 'index' || e.kind === 'unique index' ? `DROP INDEX ${qualified(table, e.name)}` : `ALTER TABLE ${qualified(table, table.name)} DROP CONSTRAINT ${ident(e.name)}`;
    const describe = (e: Entry) => `${e.kind} "${e.name}"`;

    for (const table of ctx.tables) {
      const all = entries(table);
      const reported = new Set<Entry>();
      const groups = new Map<string, Entry[]>();
      let repeated = false;
      for (const e of all) {
        const g = groups.get(e.signature);
        if (g) {
          g.push(e);
          repeated = true;
        } else groups.set(e.signature, [e]);
      }
      for (const group of repeated ? groups.values() : []) {
        if (group.length < 2) continue;
        const [kept, ...rest] = [...group].sort(before);
        for (const dup of rest) {
          reported.add(dup);
          ctx.report({
            table,
            node: dup.node,
            messageId: 'duplicate',
            data: { index: describe(dup), keys: dup.indexKeys.map(keyText).join(', '), kept: describe(kept!), table: table.name },
            fix: { sql: dropSql(table, dup) },
          });
        }
      }
      if (ctx.options.prefix) reportPrefixes(table, all, reported);
    }

    function reportPrefixes(table: Table, all: Entry[], reported: Set<Entry>): void {
      const candidates = all.filter((e) => e.method === 'btree' && !e.partial);
      for (const short of candidates) {
        // A unique key enforces something a longer index does not.
        if (short.kind !== 'index' || reported.has(short)) continue;
        const covering = new Set<string | undefined>();
        const long = candidates.find((l) => {
          if (l === short || l.keys.length <= short.keys.length) return false;
          if (!short.keys.every((k, i) => k === l.keys[i])) return false;
          covering.clear();
          [...l.columnKeys, ...l.include].forEach((c) => covering.add(c));
          return short.include.every((c) => covering.has(c));
        });
        if (!long) continue;
        ctx.report({
          table,
          node: short.node,
          messageId: 'prefix',
          data: { index: describe(short), keys: short.indexKeys.map(keyText).join(', '), longer: describe(long), longerKeys: long.indexKeys.map(keyText).join(', ') },
          fix: { sql: dropSql(table, short) },
        });
      }
    }
  },
});
