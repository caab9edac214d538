/**
 * Typed access to libpg-query parse trees (`@pgsql/types`). A node is an object with one key, its
 * kind (`{ TypeCast: { arg, typeName } }`); `Expr.ast` keeps such trees as `unknown`.
 */
import type { Node, TypeCast } from '@pgsql/types';

/** Every node kind: `'TypeCast'`, `'A_Const'`, `'FuncCall'` … */
export type NodeKind = Node extends infer N ? (N extends unknown ? keyof N : never) : never;

/** The fields of a node of that kind, e.g. `NodeOf<'TypeCast'>` is `TypeCast`. */
export type NodeOf<K extends NodeKind> = Extract<Node, Record<K, unknown>> extends infer N ? (N extends Record<K, infer P> ? P : never) : never;

/** The node's fields when it is of the kind, else undefined. */
export function nodeAs<K extends NodeKind>(node: unknown, kind: K): NodeOf<K> | undefined {
  if (node === null || typeof node !== 'object' || !(kind in node)) return undefined;
  return (node as Record<K, NodeOf<K>>)[kind];
}

/** The expression inside any number of casts (`x::text::uuid` → `x`), and the casts, outermost first. */
export function peelCasts(node: unknown): { node: unknown; casts: TypeCast[] } {
  const casts: TypeCast[] = [];
  let cast = nodeAs(node, 'TypeCast');
  while (cast) {
    casts.push(cast);
    node = cast.arg;
    cast = nodeAs(node, 'TypeCast');
  }
  return { node, casts };
}

/** The expression inside any number of casts. */
export function withoutCasts(node: unknown): unknown {
  let cast = nodeAs(node, 'TypeCast');
  while (cast) {
    node = cast.arg;
    cast = nodeAs(node, 'TypeCast');
  }
  return node;
}

/** The strings of a name list (`funcname`, `ColumnRef.fields`, `TypeName.names`), e.g. ['pg_catalog', 'now']. */
export function nameParts(list: Node[] | undefined): (string | undefined)[] {
  return (list ?? []).map((n) => nodeAs(n, 'String')?.sval);
}

/** The last name of such a list: a function's, a column's or a type's own name without its qualifier. */
export function lastName(list: Node[] | undefined): string | undefined {
  return list && list.length > 0 ? nodeAs(list[list.length - 1], 'String')?.sval : undefined;
}

/** A tree kept as `unknown` (`Expr.ast`) as a node, or undefined when it is not one (a list, a scalar). */
export function asNode(value: unknown): Node | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
}
