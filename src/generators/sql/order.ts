import type { Constraint, Table } from '../../model/catalog.js';
import { tableKey } from '../../model/catalog.js';

const byKey = (a: Table, b: Table): number => {
  const x = tableKey(a.schema, a.name);
  const y = tableKey(b.schema, b.name);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Creation order: a table after the tables of its module that its foreign keys reference
 * (topological, ties broken by schema-qualified name). Where foreign keys form a cycle, its first
 * table by name goes next and its keys to later tables are added afterwards by ALTER TABLE.
 */
export function creationOrder(tables: Table[]): Table[] {
  const inModule = new Map(tables.map((t) => [tableKey(t.schema, t.name), t]));
  const deps = new Map<Table, Set<Table>>();
  for (const t of tables) {
    const d = new Set<Table>();
    for (const c of t.constraints) {
      const target = c.kind === 'foreign key' && c.references ? inModule.get(tableKey(c.references.schema, c.references.table)) : undefined;
      if (target && target !== t) d.add(target);
    }
    deps.set(t, d);
  }
  const remaining = [...tables].sort(byKey);
  const done = new Set<Table>();
  const order: Table[] = [];
  while (remaining.length > 0) {
    let i = remaining.findIndex((t) => [...deps.get(t)!].every((d) => done.has(d)));
    // Stuck: break a cycle at its first table by name, not at a table that merely waits for one.
    if (i === -1)
      i = Math.max(
        0,
        remaining.findIndex((t) => onCycle(t, deps, done)),
      );
    const [next] = remaining.splice(i, 1);
    done.add(next!);
    order.push(next!);
  }
  return order;
}

/** The table can reach itself through foreign keys to tables not yet created. */
function onCycle(start: Table, deps: Map<Table, Set<Table>>, done: Set<Table>): boolean {
  const seen = new Set<Table>();
  const stack = [...deps.get(start)!];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t === start) return true;
    if (seen.has(t) || done.has(t)) continue;
    seen.add(t);
    stack.push(...deps.get(t)!);
  }
  return false;
}

/**
 * A foreign key can be written inside CREATE TABLE when its target exists by then: the table itself,
 * a table created earlier, or a table of another module (whose SQL is applied first). NOT VALID
 * constraints exist only through ALTER TABLE.
 */
export function isInline(c: Constraint, table: Table, created: Set<string>, moduleTables: Set<string>): boolean {
  if (c.notValid) return false;
  if (c.kind !== 'foreign key' || !c.references) return true;
  const target = tableKey(c.references.schema, c.references.table);
  return target === tableKey(table.schema, table.name) || created.has(target) || !moduleTables.has(target);
}
