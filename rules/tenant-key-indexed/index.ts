import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'tenant-key-indexed',
    category: 'tenancy',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
