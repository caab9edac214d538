import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'rls-tenant-policy',
    category: 'rls',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
