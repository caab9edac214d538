import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'table-name-inflection',
    category: 'naming',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
