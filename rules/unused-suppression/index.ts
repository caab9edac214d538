import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'unused-suppression',
    category: 'meta',
    description: 'TODO',
    severity: 'warn',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
  },
  check() {},
});
