import type { Catalog, Table } from './catalog.js';
import { chooseName, columnsAddition, ident, sqlTableName } from './names.js';
import { indexLikes } from './queries.js';

interface Suggestions {
  /** Relation names per schema: tables, indexes and index-backed constraints, plus names already suggested. */
  taken: Map<string, Set<string>>;
  bySubject: Map<string, SuggestedIndex>;
}

export interface SuggestedIndex {
  name: string;
  columns: string[];
  sql: string;
}

const perCatalog = new WeakMap<Catalog, Suggestions>();

function stateOf(catalog: Catalog): Suggestions {
  let state = perCatalog.get(catalog);
  if (!state) perCatalog.set(catalog, (state = { taken: new Map(), bySubject: new Map() }));
  return state;
}

function takenIn(state: Suggestions, catalog: Catalog, schema: string): Set<string> {
  let names = state.taken.get(schema);
  if (!names) state.taken.set(schema, (names = relationNames(catalog, schema)));
  return names;
}

/**
 * Forgets the names the fixes of a previous run over this catalog claimed: each run of the rules
 * suggests the same names as on a freshly built catalog, also when several runs share one.
 */
export function forgetSuggestedNames(catalog: Catalog): void {
  perCatalog.delete(catalog);
}

/**
 * Claims a relation name a fix gives (a rename of a table or an index): true when it is free, and it
 * then stays taken for every other fix of this lint, so the statements of one run never collide.
 */
export function claimRelationName(catalog: Catalog, schema: string, name: string): boolean {
  const names = takenIn(stateOf(catalog), catalog, schema);
  if (names.has(name)) return false;
  names.add(name);
  return true;
}

/**
 * The `CREATE INDEX` every rule suggests for these columns of the table: one name per (table, columns)
 * in a lint, chosen as PostgreSQL chooses its own (`idx_<table>_<columns>`, numbered when taken), so
 * that two rules never propose different indexes for the same need, and the fixes of one run never
 * collide with each other or with a relation that exists.
 */
export function suggestedIndex(catalog: Catalog, table: Table, columns: string[], defaultSchema: string): SuggestedIndex {
  const state = stateOf(catalog);
  const subject = JSON.stringify([table.schema, table.name, columns]);
  const known = state.bySubject.get(subject);
  if (known) return known;
  const names = takenIn(state, catalog, table.schema);
  const name = chooseName(`idx_${table.name}`, columnsAddition(columns), '', (n) => names.has(n));
  names.add(name);
  const sql = `CREATE INDEX ${ident(name)} ON ${sqlTableName(table, defaultSchema)} (${columns.map(ident).join(', ')})`;
  const suggestion = { name, columns, sql };
  state.bySubject.set(subject, suggestion);
  return suggestion;
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
