import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'identifier-max-length',
    category: 'naming',
    description: 'TODO',
    severity: 'error',
    compliance: [],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {},
});
