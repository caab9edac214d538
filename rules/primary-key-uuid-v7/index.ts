import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'primary-key-uuid-v7',
    category: 'integrity',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
