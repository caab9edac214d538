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
  },
  check(ctx) {
    const modules = new Set(ctx.catalog.modules.map((m) => m.name));
    for (const table of ctx.tables) {
      for (const column of table.columns) {
        const ref = column.crossModuleReference;
        if (!ref) continue;
        const what = `cross-module reference of "${table.name}.${column.name}" to ${ref.module}.${ref.table}.${ref.column}`;
        const report = (problem: string) => ctx.report({ table, node: column, loc: ref.loc, message: `${what}: ${problem}` });
        if (ref.module === table.module) {
          report(`"${ref.table}" is in the column's own module: use a foreign key ("references") instead`);
          continue;
        }
        if (!modules.has(ref.module)) {
          report(`there is no module "${ref.module}"; known modules: ${[...modules].sort().join(', ')}`);
          continue;
        }
        const target = ctx.lookupTable(ref.schema, ref.table);
        if (!target || target.module !== ref.module) {
          report(target ? `table "${ref.table}" belongs to module "${target.module}", not "${ref.module}"` : `module "${ref.module}" has no table "${ref.table}"`);
          continue;
        }
        const refColumn = target.columns.find((c) => c.name === ref.column);
        if (!refColumn) {
          report(`table "${ref.table}" has no column "${ref.column}"`);
          continue;
        }
        if (typeText(refColumn) !== typeText(column)) {
          report(`"${column.name}" is ${typeText(column)} but "${ref.table}.${ref.column}" is ${typeText(refColumn)}: make them the same type`);
          continue;
        }
        if (!identifiesRow(target, ref.column)) report(`"${ref.table}.${ref.column}" is not the primary key or a unique key, so a value may match several rows`);
      }
    }
  },
});
