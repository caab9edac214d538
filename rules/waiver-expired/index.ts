import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'waiver-expired',
    category: 'meta',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
  },
  check() {},
});
