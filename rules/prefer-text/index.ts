import { defineRule } from '../../src/engine/rule.js';
import type { Column } from '../../src/model/catalog.js';
import { ident, sqlIdent, sqlTableName } from '../../src/model/names.js';
import { typeText } from '../../src/model/types.js';

interface Options extends Record<string, unknown> {
  allowFixedLength: boolean;
}

export default defineRule({
  meta: {
    id: 'prefer-text',
    category: 'types',
    description: 'Strings are stored as text (with a CHECK where a length limit is a business rule), not as character varying or character.',
    severity: 'warn',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowFixedLength: {
          type: 'boolean',
          description: 'Allow character(n) columns, e.g. for fixed-length codes such as ISO 3166 country codes.',
          default: false,
        },
      },
    },
    defaultOptions: { allowFixedLength: false } as Options,
    messages: {
      unboundedVarchar: 'column "{{column}}" is {{type}}, which without a length is text under another name: write {{better}}, the standard\'s string type',
      varchar: 'column "{{column}}" is {{type}}: the length in the type buys nothing in PostgreSQL (text is stored the same way) and changing it later takes a migration; use {{better}}{{check}}',
      character: 'column "{{column}}" is {{type}}: character pads values with spaces, ignores trailing spaces when comparing and drops them when cast to text; use {{better}}{{check}}{{allow}}',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      for (const column of table.columns) {
        const found = problem(column, ctx.options.allowFixedLength);
        if (!found) continue;
        // Only varchar without a length has a fix: it is text by another name (binary-coercible, so
        // PostgreSQL does not rewrite the table). A length may be a business rule, which the author decides.
        const fix =
          found.messageId === 'unboundedVarchar'
            ? {
                sql: `ALTER TABLE ${sqlTableName(table, ctx.standard.defaultSchema)} ALTER COLUMN ${sqlIdent(column.name)} TYPE ${found.data.better}`,
                json: { op: 'set' as const, path: ['type'], value: found.data.better, of: 'node' as const },
              }
            : undefined;
        ctx.report({ table, node: column, ...found, ...(fix ? { fix } : {}) });
      }
    }
  },
});

function problem(column: Column, allowFixedLength: boolean): { messageId: string; data: Record<string, string> } | undefined {
  const { name, mods, arrayDims, text } = column.type;
  const better = typeText('text', [], arrayDims);
  const limit = mods[0];
  // A CHECK keeps the limit where it is a business rule; on arrays it would need a different shape.
  const check = limit !== undefined && arrayDims === 0 ? `, with CHECK (char_length(${ident(column.name)}) <= ${limit}) if the limit is a business rule` : '';
  const data = { column: column.name, type: text, better };
  if (name === 'character varying') {
    if (limit === undefined) return { messageId: 'unboundedVarchar', data };
    return { messageId: 'varchar', data: { ...data, check } };
  }
  if (name === 'character') {
    if (allowFixedLength && limit !== undefined) return undefined;
    return { messageId: 'character', data: { ...data, check, allow: limit !== undefined ? ' (or set allowFixedLength for fixed-length codes)' : '' } };
  }
  return undefined;
}
