import type { Table } from '../../src/model/catalog.js';
import type { Location } from '../../src/model/location.js';

/** A named thing of a table as the naming rules see it: the table itself or something inside it. */
export interface NamedObject {
  /** For messages: `table`, `column`, `unique constraint`, `index`, `policy`, `trigger`. */
  label: string;
  name: string;
  /** The name as written, where PostgreSQL truncated it. */
  declaredName?: string;
  /** True when PostgreSQL chose the name (it derives from names that are checked themselves). */
  implicit: boolean;
  /** What to report on; undefined for the table itself. */
  node?: { name: string; loc: Location };
}

/** The table, its own columns, constraints, indexes, policies and (on request) triggers, in that order. */
export function namedObjects(table: Table, options: { triggers?: boolean } = {}): NamedObject[] {
  const out: NamedObject[] = [{ label: 'table', name: table.name, declaredName: table.declaredName, implicit: false }];
  // A partition's columns are its parent's, and judged there.
  if (!table.partitionOf) for (const c of table.columns) out.push({ label: 'column', name: c.name, declaredName: c.declaredName, implicit: false, node: c });
  for (const c of table.constraints) out.push({ label: `${c.kind} constraint`, name: c.name, declaredName: c.declaredName, implicit: c.implicitName, node: c });
  for (const i of table.indexes) out.push({ label: 'index', name: i.name, declaredName: i.declaredName, implicit: false, node: i });
  for (const p of table.policies) out.push({ label: 'policy', name: p.name, declaredName: p.declaredName, implicit: false, node: p });
  if (options.triggers) for (const t of table.triggers) out.push({ label: 'trigger', name: t.name, implicit: false, node: t });
  return out;
}
