import type { PartitionCmd } from '@pgsql/types';
import type { Constraint, Table } from '../../../model/catalog.js';
import { cloneConstraints, cloneIndexes } from './clone.js';
import type { StatementContext } from './context.js';

const INHERITED: ReadonlySet<Constraint['kind']> = new Set(['foreign key']);

/**
 * ALTER TABLE parent ATTACH PARTITION part: the partition must have the parent's columns and CHECK
 * constraints; it gains the parent's keys and indexes (an equivalent index it has already is used
 * instead) and foreign keys, as CREATE TABLE … PARTITION OF gives them.
 */
export function attachPartition(ctx: StatementContext, parent: Table, cmd: PartitionCmd | undefined): void {
  const rv = cmd?.name;
  if (!rv?.relname) return;
  if (!parent.partitioned) {
    ctx.problem(`table "${parent.name}" is not partitioned`);
    return;
  }
  const part = ctx.table({ schemaname: rv.schemaname, relname: rv.relname, location: rv.location });
  if (!part) return;
  if (part.partitionOf) {
    ctx.problem(`"${part.name}" is already a partition`, ctx.nameAt(rv.location));
    return;
  }
  for (const c of parent.columns) {
    const own = part.columns.find((x) => x.name === c.name);
    if (!own) {
      ctx.problem(`table "${part.name}" contains no column "${c.name}" of the parent "${parent.name}": a partition must have all of its parent's columns`, ctx.nameAt(rv.location));
      return;
    }
    if (own.type.text !== c.type.text) {
      ctx.problem(`child table "${part.name}" has different type for column "${c.name}"`, ctx.nameAt(rv.location));
      return;
    }
  }
  const extra = part.columns.find((x) => !parent.columns.some((c) => c.name === x.name));
  if (extra) {
    ctx.problem(`table "${part.name}" contains column "${extra.name}" not found in parent "${parent.name}"`, ctx.nameAt(rv.location));
    return;
  }
  const missingCheck = parent.constraints.find((c) => c.kind === 'check' && !part.constraints.some((x) => x.kind === 'check' && x.name === c.name));
  if (missingCheck) {
    ctx.problem(`child table is missing constraint "${missingCheck.name}"`, ctx.nameAt(rv.location));
    return;
  }
  for (const c of parent.columns) {
    const own = part.columns.find((x) => x.name === c.name)!;
    if (c.notNull && !own.notNull) own.notNull = true;
    // PostgreSQL 17+: a partition's column shares its parent's identity.
    if (c.identity) own.identity = c.identity;
  }
  part.partitionOf = { schema: parent.schema, table: parent.name };
  cloneIndexes(ctx, parent, part, true);
  cloneConstraints(ctx, parent, part, INHERITED);
}

/** DETACH PARTITION: the table stands alone again, keeping the indexes and constraints it got (as PostgreSQL does). */
export function detachPartition(ctx: StatementContext, parent: Table, cmd: PartitionCmd | undefined): void {
  const rv = cmd?.name;
  if (!rv?.relname) return;
  const part = ctx.table({ schemaname: rv.schemaname, relname: rv.relname, location: rv.location });
  if (!part) return;
  if (part.partitionOf?.schema !== parent.schema || part.partitionOf.table !== parent.name) {
    ctx.problem(`relation "${part.name}" is not a partition of relation "${parent.name}"`, ctx.nameAt(rv.location));
    return;
  }
  part.partitionOf = undefined;
  for (const c of parent.columns) {
    const own = c.identity ? part.columns.find((x) => x.name === c.name) : undefined;
    if (own) own.identity = undefined;
  }
}
