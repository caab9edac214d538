import type { Constraint, Index, Table } from '../../../model/catalog.js';
import { chooseName, columnsAddition } from '../../../model/names.js';
import type { StatementContext } from './context.js';
import { expressionColumnName, uniqueColumnNames } from './indexes.js';

/** The columns PostgreSQL names an index after: key columns (expressions by FigureIndexColname), then INCLUDE. */
function indexColumnNames(index: Index): string[] {
  return uniqueColumnNames([...index.keys.map((k) => ('column' in k ? k.column : expressionColumnName(k.expr.ast))), ...index.include]);
}

const sameKeys = (a: Index, b: Index) =>
  a.unique === b.unique &&
  a.method === b.method &&
  JSON.stringify(a.keys.map((k) => ('column' in k ? k.column : k.expr.text))) === JSON.stringify(b.keys.map((k) => ('column' in k ? k.column : k.expr.text))) &&
  (a.predicate?.text ?? '') === (b.predicate?.text ?? '');

/**
 * Give `target` copies of `source`'s primary key, unique and exclusion constraints and indexes, named
 * afresh for the target as PostgreSQL names them (CREATE TABLE … LIKE … INCLUDING INDEXES, PARTITION OF,
 * ATTACH PARTITION). With `reuse`, an equivalent index the target has already is kept instead (ATTACH).
 */
export function cloneIndexes(ctx: StatementContext, source: Table, target: Table, reuse = false): void {
  const names = ctx.state.names;
  const schema = target.schema;
  const relationTaken = (n: string) => names.hasRelation(schema, n) || names.hasConstraint(schema, n);
  for (const c of source.constraints) {
    if (c.kind !== 'primary key' && c.kind !== 'unique' && c.kind !== 'exclude') continue;
    if (reuse && target.constraints.some((x) => x.kind === c.kind && x.columns.join() === c.columns.join())) continue;
    if (c.kind === 'primary key') {
      if (target.constraints.some((x) => x.kind === 'primary key')) continue;
      for (const col of target.columns) if (c.columns.includes(col.name)) col.notNull = true;
    }
    const label = c.kind === 'primary key' ? 'pkey' : c.kind === 'unique' ? 'key' : 'excl';
    const name = chooseName(target.name, c.kind === 'primary key' ? undefined : columnsAddition(c.columns), label, relationTaken);
    const copy: Constraint = { ...c, name, declaredName: undefined, implicitName: true, loc: target.loc };
    target.constraints.push(copy);
    names.addRelation(schema, name);
    names.addConstraint(schema, name);
  }
  // An index of a partition stands in for one parent index only.
  const used = ctx.state.attachedIndexes;
  for (const i of source.indexes) {
    const match = reuse ? target.indexes.find((x) => !used.has(x) && sameKeys(x, i)) : undefined;
    if (match) {
      used.add(match);
      continue;
    }
    const name = chooseName(target.name, columnsAddition(indexColumnNames(i)), 'idx', (n) => names.hasRelation(schema, n));
    const copy = { ...i, name, declaredName: undefined, loc: target.loc };
    if (reuse) used.add(copy);
    target.indexes.push(copy);
    names.addRelation(schema, name);
    ctx.state.indexOwner.set(schema, name, target);
  }
}

/** CHECK constraints copied by name (LIKE … INCLUDING CONSTRAINTS, a new partition); foreign keys too for partitions. */
export function cloneConstraints(ctx: StatementContext, source: Table, target: Table, kinds: ReadonlySet<Constraint['kind']>): void {
  for (const c of source.constraints) {
    if (!kinds.has(c.kind) || target.constraints.some((x) => x.name === c.name)) continue;
    target.constraints.push({ ...c, columns: [...c.columns], loc: target.loc });
    ctx.state.names.addConstraint(target.schema, c.name);
  }
}
