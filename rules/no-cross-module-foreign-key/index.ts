import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'no-cross-module-foreign-key',
    category: 'integrity',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
