import { defineRule } from '../../src/engine/rule.js';
import { isSnakeCase } from '../../src/model/names.js';
import { namedObjects } from './named-objects.js';
import { toSnakeCase } from './to-snake-case.js';

export default defineRule({
  meta: {
    id: 'name-snake-case',
    category: 'naming',
    description: 'Tables, columns, constraints, indexes, policies and triggers have snake_case names as PostgreSQL stores them.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      rename: '{{label}} "{{name}}"{{where}} is not snake_case: rename it to "{{suggestion}}"',
      renameFreely: '{{label}} "{{name}}"{{where}} is not snake_case: rename it to lower-case letters, digits and single underscores, starting with a letter',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      for (const obj of ctx.derived(table, namedObjects)) {
        if (obj.implicit || isSnakeCase(obj.name)) continue;
        const suggestion = toSnakeCase(obj.name);
        const where = obj.node ? ` on table "${table.name}"` : '';
        const data = { label: obj.label, name: obj.name, where };
        ctx.report({ table, node: obj.node, ...(suggestion ? { messageId: 'rename', data: { ...data, suggestion } } : { messageId: 'renameFreely', data }) });
      }
    }
  },
});
