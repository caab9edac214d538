import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'hypertable-time-in-primary-key',
    category: 'integrity',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
