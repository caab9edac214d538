import { defineRule } from '../../src/engine/rule.js';
import { foreignKeys } from '../../src/model/catalog.js';

export default defineRule({
  meta: {
    id: 'no-cross-module-foreign-key',
    category: 'integrity',
    description: 'A foreign key references only tables of its own module or of the global module.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.27', 'ISO 27001 A.8.32', 'NIST CSF ID.AM-3'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      crossModule:
        'foreign key "{{fk}}" on "{{table}}" (module "{{module}}") references "{{target}}" in module "{{targetModule}}": modules may reference only their own tables and module "{{globalModule}}"; keep {{columns}} as a plain uuid without the foreign key (an integration table with denormalised fields) and keep it in sync through events in the event log',
    },
  },
  check(ctx) {
    const globalModule = ctx.standard.globalModule;
    for (const table of ctx.tables) {
      for (const fk of ctx.derived(table, foreignKeys)) {
        const ref = fk.references!;
        const target = ctx.lookupTable(ref.schema, ref.table);
        // A missing target is foreign-key-target-exists' finding.
        if (!target || target.module === table.module || target.module === globalModule) continue;
        const idColumns = fk.columns.join(', ');
        ctx.report({
          table,
          node: fk,
          messageId: 'crossModule',
          data: { fk: fk.name, table: table.name, module: table.module, target: target.name, targetModule: target.module, globalModule, columns: idColumns },
        });
      }
    }
  },
});
