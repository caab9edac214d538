import { defineRule } from '../../src/engine/rule.js';
import type { Column, Table } from '../../src/model/catalog.js';
import { indexLikes } from '../../src/model/queries.js';

function typeText(c: Column): string {
  return c.type.name + '[]'.repeat(c.type.arrayDims);
}

/** Whether `column` alone is the primary key or a unique, non-partial key of `table`: one row per value. */
function identifiesRow(table: Table, column: string): boolean {
  return indexLikes(table).some((i) => i.unique && !i.partial && i.keys.length === 1 && i.keys[0] === column);
}

export default defineRule({
  meta: {
    id: 'integration-reference-exists',
    category: 'integrity',
    description: 'Every cross-module reference declared in a schema.json names an existing module, a table of that module and a key column of the same type.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.27', 'NIST CSF ID.AM-3'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      ownModule: '{{what}}: "{{table}}" is in the column\'s own module: use a foreign key ("references") instead',
      noModule: '{{what}}: there is no module "{{module}}"; known modules: {{modules}}',
      otherModule: '{{what}}: table "{{table}}" belongs to module "{{actual}}", not "{{module}}"',
      noTable: '{{what}}: module "{{module}}" has no table "{{table}}"',
      noColumn: '{{what}}: table "{{table}}" has no column "{{column}}"',
      typeMismatch: '{{what}}: "{{column}}" is {{type}} but "{{table}}.{{refColumn}}" is {{refType}}: make them the same type',
      notKey: '{{what}}: "{{table}}.{{refColumn}}" is not the primary key or a unique key, so a value may match several rows',
    },
  },
  check(ctx) {
    const modules = new Set(ctx.catalog.modules.map((m) => m.name));
    for (const table of ctx.tables) {
      for (const column of table.columns) {
        const ref = column.crossModuleReference;
        if (!ref) continue;
        const what = `cross-module reference of "${table.name}.${column.name}" to ${ref.module}.${ref.table}.${ref.column}`;
        const report = (messageId: string, data: Record<string, string>) => ctx.report({ table, node: column, loc: ref.loc, messageId, data: { what, table: ref.table, module: ref.module, ...data } });
        if (ref.module === table.module) {
          report('ownModule', {});
          continue;
        }
        if (!modules.has(ref.module)) {
          report('noModule', { modules: [...modules].sort().join(', ') });
          continue;
        }
        const target = ctx.lookupTable(ref.schema, ref.table);
        if (!target || target.module !== ref.module) {
          if (target) report('otherModule', { actual: target.module });
          else report('noTable', {});
          continue;
        }
        const refColumn = target.columns.find((c) => c.name === ref.column);
        if (!refColumn) {
          report('noColumn', { column: ref.column });
          continue;
        }
        if (typeText(refColumn) !== typeText(column)) {
          report('typeMismatch', { column: column.name, type: typeText(column), refColumn: ref.column, refType: typeText(refColumn) });
          continue;
        }
        if (!identifiesRow(target, ref.column)) report('notKey', { refColumn: ref.column });
      }
    }
  },
});
