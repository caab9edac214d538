import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'timestamp-column-suffix',
    category: 'naming',
    description: 'TODO',
    severity: 'warn',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
