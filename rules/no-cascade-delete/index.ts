import { defineRule } from '../../src/engine/rule.js';
import type { ReferentialAction } from '../../src/model/catalog.js';
import { foreignKeys } from '../../src/model/catalog.js';

type FlaggedAction = Extract<ReferentialAction, 'cascade' | 'set null' | 'set default'>;

interface Options extends Record<string, unknown> {
  actions: FlaggedAction[];
}

/** What each action does to the referencing rows when a referenced row is hard-deleted. */
const EFFECT: Record<FlaggedAction, string> = {
  cascade: 'deletes its rows in',
  'set null': 'erases the link (sets it to NULL) in its rows of',
  'set default': 'rewrites the link (to the column default) in its rows of',
};

export default defineRule<Options>({
  meta: {
    id: 'no-cascade-delete',
    category: 'integrity',
    description: 'Foreign keys do not use ON DELETE CASCADE (or the other configured actions): the standard deletes softly and keeps the evidence.',
    severity: 'warn',
    compliance: ['ISO 27001 A.5.33', 'ISO 27001 A.8.15', 'GDPR Art. 5(2)', 'POPIA s14', 'NIST CSF PR.PT-1', 'NIST CSF RS.AN-1'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        actions: {
          type: 'array',
          items: { enum: ['cascade', 'set null', 'set default'] },
          uniqueItems: true,
          description: 'ON DELETE actions to report.',
          default: ['cascade'],
        },
      },
    },
    defaultOptions: { actions: ['cascade'] },
    messages: {
      cascade:
        'foreign key "{{fk}}" uses ON DELETE {{action}}: a hard delete of a "{{target}}" row silently {{effect}} "{{table}}", destroying audit evidence the standard keeps through soft deletes ({{deletedAt}}); use ON DELETE RESTRICT and soft-delete instead',
    },
  },
  check(ctx) {
    const flagged = new Set<ReferentialAction>(ctx.options.actions);
    const deletedAt = ctx.standard.auditColumns.deletedAt;
    for (const table of ctx.tables) {
      for (const fk of ctx.derived(table, foreignKeys)) {
        const action = fk.references!.onDelete;
        if (!flagged.has(action)) continue;
        const target = fk.references!.table;
        ctx.report({
          table,
          node: fk,
          messageId: 'cascade',
          data: { fk: fk.name, action: action.toUpperCase(), target, effect: EFFECT[action as FlaggedAction], table: table.name, deletedAt },
        });
      }
    }
  },
});
