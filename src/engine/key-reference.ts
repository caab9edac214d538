import type { Column, Table } from '../model/catalog.js';
import { ident, sqlTableName } from '../model/names.js';
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
  const add = `ADD FOREIGN KEY (${ident(column.name)}) REFERENCES ${targetSql} (id)`;
  switch (ref.kind) {
    case 'not valid':
      ctx.report({
        table,
        node: ref.fk,
        messageId: 'keyNotValid',
        data: { fk: ref.fk.name, what },
        fix: { sql: `${alterTable} VALIDATE CONSTRAINT ${ident(ref.fk.name)}` },
      });
      return;
    case 'elsewhere':
      ctx.report({
        table,
        node: ref.fk,
        messageId: 'keyElsewhere',
        data: { fk: ref.fk.name, what, reference: referenceText(ref.fk, defaultSchema, ctx.lookupTable), target: target.name },
        fix: { sql: `${alterTable} DROP CONSTRAINT ${ident(ref.fk.name)}, ${add}` },
      });
      return;
    case 'composite':
      ctx.report({
        table,
        node: column,
        messageId: 'keyComposite',
        data: { what, fk: ref.fk.name, columns: ref.fk.columns.join(', '), target: target.name },
        fix: { sql: `${alterTable} ${add}` },
      });
      return;
    case 'none':
      ctx.report({ table, node: column, messageId: 'keyMissing', data: { what, target: target.name }, fix: { sql: `${alterTable} ${add}` } });
      return;
  }
}

/** The messages `reportKeyReference` reports with: a rule that calls it declares them. */
export const KEY_REFERENCE_MESSAGES = {
  keyNotValid: 'foreign key "{{fk}}" of {{what}} is NOT VALID, so rows written before it was added are not checked',
  keyElsewhere: 'foreign key "{{fk}}" of {{what}} references {{reference}}, not "{{target}}" ("id")',
  keyComposite: '{{what}} is only part of the composite foreign key "{{fk}}" ({{columns}}), which does not reference "{{target}}" on its own',
  keyMissing: '{{what}} has no foreign key to "{{target}}"',
};
