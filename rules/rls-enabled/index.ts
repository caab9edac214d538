import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'rls-enabled',
    category: 'rls',
    description: 'Every tenant table has row-level security enabled once all migrations have run.',
    severity: 'error',
    compliance: ['ISO 27001 A.5.15', 'ISO 27001 A.8.3', 'GDPR Art. 32', 'POPIA s19', 'NIST CSF PR.AC-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    for (const table of ctx.tables) {
      const kind = ctx.kindOf(table);
      if (kind === 'global' || table.rls.enabled) continue;
      const disabledLater = table.rls.loc !== undefined;
      // Disabled later: the finding sits on the statement that disabled it, naming where the table was made.
      ctx.report({
        table,
        loc: disabledLater ? table.rls.loc : undefined,
        message: disabledLater
          ? `row-level security on "${table.name}" (created at ${table.loc.file}:${table.loc.line}) is disabled by this later migration`
          : `table "${table.name}" does not enable row-level security: add ALTER TABLE ${table.name} ENABLE ROW LEVEL SECURITY`,
      });
    }
  },
});
