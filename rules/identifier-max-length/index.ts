import { defineRule } from '../../src/engine/rule.js';
import { byteLength, MAX_IDENTIFIER_BYTES } from '../../src/model/names.js';
import { namedObjects } from '../name-snake-case/named-objects.js';

interface Options extends Record<string, unknown> {
  max: number;
}

export default defineRule<Options>({
  meta: {
    id: 'identifier-max-length',
    category: 'naming',
    description: "Names fit PostgreSQL's 63-byte identifier limit (or a stricter configured one), so none is silently truncated.",
    severity: 'error',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        max: {
          description: 'Longest name allowed, in UTF-8 bytes; lower it to leave room for the names PostgreSQL derives (e.g. `<table>_<column>_fkey`).',
          type: 'integer',
          minimum: 1,
          maximum: MAX_IDENTIFIER_BYTES,
          default: MAX_IDENTIFIER_BYTES,
        },
      },
    },
    defaultOptions: { max: MAX_IDENTIFIER_BYTES },
    messages: {
      truncated:
        '{{label}} name "{{declared}}"{{where}} is {{bytes}} bytes, longer than PostgreSQL\'s {{limit}}: PostgreSQL silently truncates it to "{{name}}"; give it a name of at most {{max}} bytes',
      tooLong: '{{label}} name "{{name}}"{{where}} is {{bytes}} bytes, longer than the {{max}} bytes allowed: give it a shorter name',
    },
  },
  check(ctx) {
    const { max } = ctx.options;
    for (const table of ctx.tables) {
      for (const obj of ctx.derived(table, namedObjects)) {
        // Names PostgreSQL derives are cut by PostgreSQL on purpose; the names they derive from are judged.
        if (obj.implicit || obj.label === 'trigger') continue;
        if (obj.declaredName === undefined && byteLength(obj.name) <= max) continue;
        const where = obj.node ? ` on table "${table.name}"` : '';
        if (obj.declaredName !== undefined) {
          ctx.report({
            table,
            node: obj.node,
            messageId: 'truncated',
            data: { label: obj.label, declared: obj.declaredName, where, bytes: byteLength(obj.declaredName), limit: MAX_IDENTIFIER_BYTES, name: obj.name, max },
          });
        } else {
          ctx.report({
            table,
            node: obj.node,
            messageId: 'tooLong',
            data: { label: obj.label, name: obj.name, where, bytes: byteLength(obj.name), max },
          });
        }
      }
    }
  },
});
