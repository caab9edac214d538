/**
 * A location-free, order-normalised dump of the schema model, for tests that compare two models
 * (e.g. a module and the model replayed from the SQL generated for it). Expressions compare by
 * parse tree; constraints, indexes and policies by name.
 */
import type { Catalog, Expr, Table } from '../../src/model/catalog.js';
import { stripPositions } from '../../src/sources/sql/expr.js';

const ast = (e: Expr | undefined) => (e ? JSON.stringify(stripPositions(e.ast)) : undefined);
const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

export function dumpTable(t: Table): unknown {
  return {
    table: `${t.schema}.${t.name}`,
    declaredName: t.declaredName,
    module: t.module,
    kind: t.kind,
    description: t.description,
    columns: t.columns.map((c) => ({
      name: c.name,
      declaredName: c.declaredName,
      type: c.type.text,
      notNull: c.notNull,
      default: ast(c.default),
      identity: c.identity,
      generated: ast(c.generated),
      comment: c.comment,
    })),
    constraints: byName(t.constraints).map((c) => ({
      name: c.name,
      declaredName: c.declaredName,
      kind: c.kind,
      implicitName: c.implicitName,
      columns: c.columns,
      references: c.references,
      check: ast(c.check),
      notValid: c.notValid,
    })),
    indexes: byName(t.indexes).map((i) => ({
      name: i.name,
      declaredName: i.declaredName,
      unique: i.unique,
      method: i.method,
      keys: i.keys.map((k) => ('column' in k ? { ...k } : { ...k, expr: ast(k.expr) })),
      include: i.include,
      predicate: ast(i.predicate),
    })),
    policies: byName(t.policies).map((p) => ({
      name: p.name,
      command: p.command,
      permissive: p.permissive,
      roles: p.roles,
      using: ast(p.using),
      withCheck: ast(p.withCheck),
    })),
    rls: { enabled: t.rls.enabled, forced: t.rls.forced },
    hypertable: t.hypertable?.timeColumn,
    privileges: t.privileges.map(({ loc: _loc, ...rest }) => rest),
    partitioned: t.partitioned,
  };
}

export function dumpCatalog(catalog: Catalog, modules?: string[]): unknown {
  const keep = (m: string) => !modules || modules.includes(m);
  const tables = [...catalog.tables.values()].filter((t) => keep(t.module)).sort((a, b) => (`${a.schema}.${a.name}` < `${b.schema}.${b.name}` ? -1 : 1));
  const enums = [...catalog.enums.values()].filter((e) => keep(e.module)).map(({ loc: _loc, ...rest }) => rest);
  return { tables: tables.map(dumpTable), enums };
}
