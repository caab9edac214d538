import type { Constraint, Table } from '../../src/model/catalog.js';
import { foreignKeys } from '../../src/model/catalog.js';
import { referencedColumns, referenceText } from '../../src/model/queries.js';
import { defineRule } from '../../src/engine/rule.js';
import { singularTableName } from '../table-name-inflection/inflect.js';

type Style = 'suffix' | 'table' | 'role-table';

interface Options extends Record<string, unknown> {
  style: Style;
}

export default defineRule<Options>({
  meta: {
    id: 'foreign-key-column-name',
    category: 'naming',
    description: 'Foreign-key columns end in `_id` (or, as configured, are named `<referenced table singular>_id`), audit `*_by` columns excepted.',
    severity: 'warn',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        style: {
          description:
            '`suffix`: the column ends in `_id`; `table`: it is `<referenced table singular>_id`; `role-table`: it is `<referenced table singular>_id` or `<role>_<referenced table singular>_id`.',
          enum: ['suffix', 'table', 'role-table'],
          default: 'suffix',
        },
      },
    },
    defaultOptions: { style: 'suffix' },
    messages: {
      badName: 'foreign-key column "{{column}}" on table "{{table}}" (references {{reference}}) {{advice}}',
    },
  },
  check(ctx) {
    const { style } = ctx.options;
    const { auditColumns, tenantKey, defaultSchema } = ctx.standard;
    const actors = new Set([auditColumns.createdBy, auditColumns.updatedBy, auditColumns.deletedBy]);
    for (const table of ctx.tables) {
      const judged = new Set<string>();
      for (const fk of ctx.derived(table, foreignKeys)) {
        const targetColumns = referencedColumns(fk, ctx.lookupTable);
        fk.columns.forEach((column, i) => {
          if (judged.has(column) || actors.has(column) || column.endsWith('_by')) return;
          // The tenant key rides along in composite keys that keep references inside one tenant.
          if (fk.columns.length > 1 && column === tenantKey) return;
          judged.add(column);
          const target = targetColumns?.[i] ?? 'id';
          const advice = judge(style, column, target, singularTableName(fk.references!.table));
          if (!advice) return;
          const reference = referenceText(fk, defaultSchema, ctx.lookupTable);
          ctx.report({ table, node: nodeFor(table, column, fk), messageId: 'badName', data: { column, table: table.name, reference, advice } });
        });
      }
    }
  },
});

/** What is wrong with the column's name and what to call it, or undefined when the name fits the style. */
function judge(style: Style, column: string, target: string, singular: string): string | undefined {
  const own = `${singular}_${target}`;
  if (style === 'suffix') {
    // `_id` always fits; a key to another column may also be named after it (country_code → countries (code)).
    if (column.endsWith('_id') || (target !== 'id' && (column === target || column.endsWith(`_${target}`)))) return undefined;
    return `does not end in "_id": rename it, e.g. to "${withIdSuffix(column, singular)}"`;
  }
  if (column === own) return undefined;
  if (style === 'table') return `is not named after the table it references: rename it to "${own}"`;
  const role = column.endsWith(`_${own}`) ? column.slice(0, -own.length - 1) : undefined;
  if (role && /^[a-z][a-z0-9_]*$/.test(role)) return undefined;
  const stem = column.endsWith(`_${target}`) ? column.slice(0, -target.length - 1) : column.replace(KEY_SUFFIX, '');
  const roleGuess = stem.replace(new RegExp(`_?${escapeRegExp(singular)}$`), '');
  const example = roleGuess && roleGuess !== singular ? `, e.g. "${roleGuess}_${own}"` : '';
  return `is not named after the table it references: rename it to "${own}" or "<role>_${own}"${example}`;
}

/** Endings people give key columns instead of `_id`. */
const KEY_SUFFIX = /_(fk|ref|key|uuid|guid)$/;

/** owner → owner_id, vendor_fk → vendor_id, and the folded `vendorId` (vendorid) → vendor_id. */
function withIdSuffix(column: string, singular: string): string {
  if (column === `${singular}id`) return `${singular}_id`;
  return `${column.replace(KEY_SUFFIX, '')}_id`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function nodeFor(table: Table, column: string, fk: Constraint): { name: string; loc: Constraint['loc'] } {
  return table.columns.find((c) => c.name === column) ?? fk;
}
