import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'audit-columns-required',
    category: 'audit',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
