import type { Column, Table } from '../model/catalog.js';
import { quoteIdent, sqlTableName } from '../model/names.js';
import { keyReference, referenceText } from '../model/queries.js';
import type { RuleContext } from './rule.js';

/**
 * Report why `column` lacks a valid single-column foreign key to the id of the standard's table
 * `target` (the tenant root, the users table); nothing when it has one. `what` names the column in
 * messages, e.g. `tenant key "organisation_id" of "vendor"`.
 */
export function reportKeyReference(ctx: RuleContext, table: Table, column: Column, target: { name: string; table?: Table }, what: string): void {
  const ref = keyReference(table, column.name, target, ctx.lookupTable);
  // Nearly every column passes: the fix SQL is written only for one that does not.
  if (ref.kind === 'ok') return;
  const { defaultSchema } = ctx.standard;
  const alterTable = `ALTER TABLE ${sqlTableName(table, defaultSchema)}`;
  const targetSql = sqlTableName(target.table ?? { schema: defaultSchema, name: target.name }, defaultSchema);
  const add = `ADD FOREIGN KEY (${quoteIdent(column.name)}) REFERENCES ${targetSql} (id)`;
  switch (ref.kind) {
    case 'not valid':
      ctx.report({
        table,
        node: ref.fk,
        message: `foreign key "${ref.fk.name}" of ${what} is NOT VALID, so rows written before it was added are not checked: ${alterTable} VALIDATE CONSTRAINT ${quoteIdent(ref.fk.name)}`,
      });
      return;
    case 'elsewhere':
      ctx.report({
        table,
        node: ref.fk,
        message: `foreign key "${ref.fk.name}" of ${what} references ${referenceText(ref.fk, defaultSchema, ctx.lookupTable)}, not "${target.name}" ("id"): ${alterTable} DROP CONSTRAINT ${quoteIdent(ref.fk.name)}, ${add}`,
      });
      return;
    case 'composite':
      ctx.report({
        table,
        node: column,
        message: `${what} is only part of the composite foreign key "${ref.fk.name}" (${ref.fk.columns.join(', ')}), which does not reference "${target.name}" on its own: ${alterTable} ${add}`,
      });
      return;
    case 'none':
      ctx.report({ table, node: column, message: `${what} has no foreign key to "${target.name}": ${alterTable} ${add}` });
      return;
  }
}
