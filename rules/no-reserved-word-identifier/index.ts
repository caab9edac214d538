import { defineRule } from '../../src/engine/rule.js';
import { keywordKind, primeKeywords } from '../../src/model/keywords.js';
import { namedObjects, type NamedObject } from '../name-snake-case/named-objects.js';

interface Options extends Record<string, unknown> {
  allow: string[];
}

/** The keyword categories PostgreSQL will not take as a bare table or column name. */
const RESERVED_KINDS: Record<string, string> = {
  RESERVED_KEYWORD: 'a reserved key word',
  TYPE_FUNC_NAME_KEYWORD: 'a key word reserved except as a function or type name',
};

/** Names that could be key words at all: PostgreSQL's key words are lower-case letters and underscores. */
function candidateWords(lists: NamedObject[][]): Set<string> {
  const words = new Set<string>();
  for (const list of lists) for (const obj of list) if (KEYWORD_SHAPE.test(obj.name)) words.add(obj.name);
  return words;
}

const KEYWORD_SHAPE = /^[a-z_]+$/;

export default defineRule<Options>({
  meta: {
    id: 'no-reserved-word-identifier',
    category: 'naming',
    description: 'Tables, columns, constraints, indexes and policies are not named with a PostgreSQL reserved key word.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: {
          description: 'Reserved words accepted as names all the same.',
          type: 'array',
          items: { type: 'string', minLength: 1 },
          uniqueItems: true,
          default: [],
        },
      },
    },
    defaultOptions: { allow: [] },
    messages: {
      reserved: '{{label}} "{{name}}"{{where}} is {{kind}} in PostgreSQL, so every statement must quote it as "{{name}}": rename it to a more specific name',
    },
  },
  check(ctx) {
    const allowed = new Set(ctx.options.allow);
    const objects = ctx.tables.map((table) => ({ table, named: ctx.derived(table, namedObjects) }));
    primeKeywords(candidateWords(objects.map((o) => o.named)));
    for (const { table, named } of objects) {
      for (const obj of named) {
        if (obj.label === 'trigger') continue;
        const kind = RESERVED_KINDS[keywordKind(obj.name)];
        if (!kind || allowed.has(obj.name)) continue;
        const where = obj.node ? ` on table "${table.name}"` : '';
        ctx.report({
          table,
          node: obj.node,
          messageId: 'reserved',
          data: { label: obj.label, name: obj.name, where, kind },
        });
      }
    }
  },
});
