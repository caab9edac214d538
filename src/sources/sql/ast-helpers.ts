import type { Node } from '@pgsql/types';

/** Every key of the Node union: the parse-tree node kinds. */
type NodeKey = Node extends infer N ? (N extends unknown ? keyof N : never) : never;
type NodeOf<K extends NodeKey> = Extract<Node, Record<K, unknown>>[K];

/** The kind of a parse-tree node: its one key (`SelectStmt`, `ColumnRef` …). */
export function nodeKind(node: Node | undefined | null): NodeKey | undefined {
  if (!node) return undefined;
  for (const k in node) return k as NodeKey;
  return undefined;
}

/** The payload of a node when it is of the given kind, else undefined. */
export function field<K extends NodeKey>(node: Node | undefined | null, kind: K): NodeOf<K> | undefined {
  return node ? ((node as Record<string, unknown>)[kind] as NodeOf<K> | undefined) : undefined;
}
