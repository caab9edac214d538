import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'prefer-text',
    category: 'types',
    description: 'TODO',
    severity: 'warn',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
