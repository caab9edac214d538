import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'audit-column-definition',
    category: 'audit',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
