import { defineRule } from '../../src/engine/rule.js';
import { isReservedWord } from '../../src/model/keywords.js';
import { ident, sqlTableName } from '../../src/model/names.js';
import { claimRelationName } from '../../src/model/suggested-names.js';
import { isPlural, isSingular, lastWord, pluralize, singularize } from './inflect.js';

interface Options extends Record<string, unknown> {
  form: 'singular' | 'plural';
  allow: string[];
  allowStandardTables: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'table-name-inflection',
    category: 'naming',
    description: 'Table names are singular (or plural, if so configured), judged on the last word of the name.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        form: { description: 'Grammatical number table names must have.', enum: ['singular', 'plural'], default: 'singular' },
        allow: {
          description: 'Further table names accepted as they are.',
          type: 'array',
          items: { type: 'string', minLength: 1 },
          uniqueItems: true,
          default: [],
        },
        allowStandardTables: {
          description: "Accept the standard's tenant root and users table (by default the plural `organisations` and `users`) as they are.",
          type: 'boolean',
          default: true,
        },
      },
    },
    defaultOptions: { form: 'singular', allow: [], allowStandardTables: true },
    messages: {
      rename: 'table "{{table}}" has a {{found}} name; table names are {{form}}: rename it to "{{suggestion}}"',
      reservedSuggestion:
        'table "{{table}}" has a {{found}} name; table names are {{form}}: its {{form}} "{{suggestion}}" is a reserved word in PostgreSQL, so rename it to a more specific {{form}} name such as "<qualifier>_{{suggestion}}"',
    },
  },
  check(ctx) {
    const { form, allow, allowStandardTables } = ctx.options;
    const allowed = new Set(allow);
    if (allowStandardTables) allowed.add(ctx.standard.tenantRoot).add(ctx.standard.usersTable);
    for (const table of ctx.tables) {
      if (allowed.has(table.name)) continue;
      const { head, word } = lastWord(table.name);
      // Only lower-case words can be inflected; other spellings are name-snake-case's to report.
      if (!/^[a-z]+$/.test(word)) continue;
      const ok = form === 'singular' ? isSingular(word) : isPlural(word);
      if (ok) continue;
      const suggestion = head + (form === 'singular' ? singularize(word) : pluralize(word));
      const data = { table: table.name, found: form === 'singular' ? 'plural' : 'singular', form, suggestion };
      if (isReservedWord(suggestion)) {
        ctx.report({ table, messageId: 'reservedSuggestion', data });
        continue;
      }
      // A rename onto a table that exists would fail: then the name is advice only.
      const free = claimRelationName(ctx.catalog, table.schema, suggestion);
      const fix = { sql: `ALTER TABLE ${sqlTableName(table, ctx.standard.defaultSchema)} RENAME TO ${ident(suggestion)}`, phase: 'rename-table' as const };
      ctx.report({ table, messageId: 'rename', data, ...(free ? { fix } : {}) });
    }
  },
});
