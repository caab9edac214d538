import { defineRule } from '../../src/engine/rule.js';
import type { Column } from '../../src/model/catalog.js';
import { isReservedWord } from '../../src/model/keywords.js';
import { quoteIdent } from '../../src/model/names.js';
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
  },
  check(ctx) {
    for (const table of ctx.tables) {
      for (const column of table.columns) {
        const message = problem(column, ctx.options.allowFixedLength);
        if (message) ctx.report({ table, node: column, message });
      }
    }
  },
});

function problem(column: Column, allowFixedLength: boolean): string | undefined {
  const { name, mods, arrayDims, text } = column.type;
  const useText = `use ${typeText('text', [], arrayDims)}`;
  const limit = mods[0];
  // A CHECK keeps the limit where it is a business rule; on arrays it would need a different shape.
  const check = limit !== undefined && arrayDims === 0 ? `, with CHECK (char_length(${quoteIdent(column.name, isReservedWord)}) <= ${limit}) if the limit is a business rule` : '';
  if (name === 'character varying') {
    if (limit === undefined) return `column "${column.name}" is ${text}, which without a length is text under another name: write ${typeText('text', [], arrayDims)}, the standard's string type`;
    return `column "${column.name}" is ${text}: the length in the type buys nothing in PostgreSQL (text is stored the same way) and changing it later takes a migration; ${useText}${check}`;
  }
  if (name === 'character') {
    if (allowFixedLength && limit !== undefined) return undefined;
    return (
      `column "${column.name}" is ${text}: character pads values with spaces, ignores trailing spaces when comparing and drops them when cast to text; ` +
      `${useText}${check}${limit !== undefined ? ' (or set allowFixedLength for fixed-length codes)' : ''}`
    );
  }
  return undefined;
}
