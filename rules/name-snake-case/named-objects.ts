import type { ConstraintKind, Table } from '../../src/model/catalog.js';
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

const CONSTRAINT_LABELS: Record<ConstraintKind, string> = {
  'primary key': 'primary key constraint',
  unique: 'unique constraint',
  'foreign key': 'foreign key constraint',
  check: 'check constraint',
  exclude: 'exclude constraint',
};

/**
 * The table, its own columns, constraints, indexes, policies and triggers, in that order. Several
 * rules judge the same list: get it through `ctx.derived(table, namedObjects)` to build it once.
 */
export function namedObjects(table: Table): NamedObject[] {
  const out: NamedObject[] = [{ label: 'table', name: table.name, declaredName: table.declaredName, implicit: false, node: undefined }];
  // A partition's columns are its parent's, and judged there.
  if (!table.partitionOf) for (const c of table.columns) out.push({ label: 'column', name: c.name, declaredName: c.declaredName, implicit: false, node: c });
  for (const c of table.constraints) out.push({ label: CONSTRAINT_LABELS[c.kind], name: c.name, declaredName: c.declaredName, implicit: c.implicitName, node: c });
  for (const i of table.indexes) out.push({ label: 'index', name: i.name, declaredName: i.declaredName, implicit: false, node: i });
  for (const p of table.policies) out.push({ label: 'policy', name: p.name, declaredName: p.declaredName, implicit: false, node: p });
  for (const t of table.triggers) out.push({ label: 'trigger', name: t.name, declaredName: undefined, implicit: false, node: t });
  return out;
}
