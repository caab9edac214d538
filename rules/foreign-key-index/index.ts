import { defineRule } from '../../src/engine/rule.js';
import type { Catalog, Constraint, Index, Table } from '../../src/model/catalog.js';
import { foreignKeys } from '../../src/model/catalog.js';
import { isReservedWord } from '../../src/model/keywords.js';
import { chooseName, columnsAddition, quoteIdent } from '../../src/model/names.js';
import type { IndexLike } from '../../src/model/queries.js';
import { coveringIndex, indexLikes, leadsWith } from '../../src/model/queries.js';

const ident = (name: string) => quoteIdent(name, isReservedWord);

/** Columns an expression mentions. */
function mentionedColumns(ast: unknown): Set<string> {
  const out = new Set<string>();
  const visit = (n: any): void => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      const fields = n.ColumnRef?.fields;
      if (fields) out.add(fields[fields.length - 1]?.String?.sval);
      else Object.values(n).forEach(visit);
    }
  };
  visit(ast);
  return out;
}

/** Why an index on the foreign key's columns still does not serve it, or undefined when it is unrelated. */
function whyNotUsable(index: IndexLike, columns: string[]): string | undefined {
  const lead = index.keys.slice(0, columns.length);
  if (index.partial && leadsWith({ ...index, partial: false }, columns)) {
    const where = (index.source as Index).predicate?.text;
    return `"${index.name}" does not count: it is partial (WHERE ${where}), and the checks PostgreSQL runs when a referenced row is deleted or updated look rows up without that condition`;
  }
  const source = index.source as Index;
  if ('keys' in source && Array.isArray(source.keys)) {
    const exprs = source.keys.slice(0, columns.length).flatMap((k) => ('expr' in k ? [k.expr] : []));
    if (exprs.some((e) => columns.some((c) => mentionedColumns(e.ast).has(c)))) {
      return `"${index.name}" does not count: it indexes the expression ${exprs.map((e) => e.text).join(', ')}, which lookups by the column value cannot use`;
    }
  }
  if (leadsWith({ ...index, method: 'btree', partial: false }, columns)) {
    return `"${index.name}" does not count: a ${index.method} index cannot serve the foreign key's equality lookups`;
  }
  if (columns.every((c) => index.keys.includes(c)) && !lead.every((k) => k !== undefined && columns.includes(k))) {
    return `"${index.name}" (${index.keys.map((k) => k ?? '(expression)').join(', ')}) does not count: it does not lead with the foreign key's columns`;
  }
  return undefined;
}

/** Names PostgreSQL keeps unique per schema: tables, indexes and index-backed constraints. */
function relationNames(catalog: Catalog, schema: string): Set<string> {
  const names = new Set<string>();
  for (const t of catalog.tables.values()) {
    if (t.schema !== schema) continue;
    names.add(t.name);
    for (const i of indexLikes(t)) names.add(i.name);
  }
  return names;
}

export default defineRule({
  meta: {
    id: 'foreign-key-index',
    category: 'integrity',
    description: 'Every foreign key has an index whose leading columns are exactly its columns.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.6', 'NIST CSF PR.DS-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    const taken = new Map<string, Set<string>>();
    // Foreign keys on the same columns share one suggested index.
    const suggested = new Map<string, string>();
    const suggest = (table: Table, fk: Constraint): string => {
      const key = JSON.stringify([table.schema, table.name, fk.columns]);
      let sql = suggested.get(key);
      if (sql) return sql;
      let names = taken.get(table.schema);
      if (!names) taken.set(table.schema, (names = relationNames(ctx.catalog, table.schema)));
      const name = chooseName(`idx_${table.name}`, columnsAddition(fk.columns), '', (n) => names.has(n));
      names.add(name);
      const tableRef = table.schema === ctx.standard.defaultSchema ? ident(table.name) : `${ident(table.schema)}.${ident(table.name)}`;
      sql = `CREATE INDEX ${ident(name)} ON ${tableRef} (${fk.columns.map(ident).join(', ')})`;
      suggested.set(key, sql);
      return sql;
    };

    for (const table of ctx.tables) {
      const likes = ctx.derived(table, indexLikes);
      for (const fk of ctx.derived(table, foreignKeys)) {
        if (fk.columns.length === 0 || coveringIndex(table, fk.columns, likes)) continue;
        const reasons = likes
          .map((i) => whyNotUsable(i, fk.columns))
          .filter((r): r is string => r !== undefined);
        // An index that covered the key and was dropped later: the finding sits on the DROP INDEX.
        const dropped = table.droppedIndexes?.findLast((d) => d.columns.length >= fk.columns.length && fk.columns.every((c) => d.columns.slice(0, fk.columns.length).includes(c)));
        const head = dropped
          ? `foreign key "${fk.name}" (${fk.columns.join(', ')}) has no index: this migration drops "${dropped.name}" (created at ${dropped.definedAt.file}:${dropped.definedAt.line})`
          : `foreign key "${fk.name}" (${fk.columns.join(', ')}) has no index`;
        ctx.report({
          table,
          node: fk,
          loc: dropped?.loc,
          message: reasons.length ? `${head} (${reasons.join('; ')}): ${suggest(table, fk)}` : `${head}: ${suggest(table, fk)}`,
        });
      }
    }
  },
});
