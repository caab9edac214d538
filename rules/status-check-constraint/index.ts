import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'status-check-constraint',
    category: 'integrity',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
