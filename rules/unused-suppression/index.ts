import { defineRule } from '../../src/engine/rule.js';
import { SOURCE_MESSAGES } from '../../src/engine/source-messages.js';

export default defineRule({
  meta: {
    id: 'unused-suppression',
    category: 'meta',
    description: 'Every suppression names known rules and silences at least one finding of each.',
    severity: 'warn',
    compliance: ['ISO 27001 A.5.36', 'ISO 27001 A.8.32'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
    messages: SOURCE_MESSAGES['unused-suppression'],
  },
  // A source rule: src/engine/suppressions.ts reports its findings when it applies the suppressions.
  check() {},
});
