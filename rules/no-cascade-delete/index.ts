import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'no-cascade-delete',
    category: 'integrity',
    description: 'TODO',
    severity: 'warn',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
