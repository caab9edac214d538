import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'foreign-key-column-name',
    category: 'naming',
    description: 'TODO',
    severity: 'warn',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
