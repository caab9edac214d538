import type { Catalog, Constraint, Table } from '../../model/catalog.js';
import { tableKey } from '../../model/catalog.js';
import { mdCode } from './markdown.js';

export const tableKeyOf = (t: Pick<Table, 'schema' | 'name'>): string => tableKey(t.schema, t.name);

export function byTableName(a: Table, b: Table): number {
  const x = tableKeyOf(a);
  const y = tableKeyOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function moduleTables(catalog: Catalog, moduleName: string): Table[] {
  return [...catalog.tables.values()].filter((t) => t.module === moduleName).sort(byTableName);
}

/** A table as the docs name it: bare in the default schema, schema-qualified elsewhere. */
export function tableLabel(schema: string, name: string, defaultSchema = 'public'): string {
  return schema === defaultSchema ? name : `${schema}.${name}`;
}

export function codeList(names: string[], inTable = false): string {
  return names.map((n) => mdCode(n, inTable)).join(', ');
}

export function foreignKeys(table: Table): Constraint[] {
  return table.constraints.filter((c) => c.kind === 'foreign key' && c.references);
}
