import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'prefer-timestamptz',
    category: 'types',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
