import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'rls-enabled-no-policy',
    category: 'rls',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
