import { defineRule } from '../../src/engine/rule.js';
import { SOURCE_MESSAGES } from '../../src/engine/source-messages.js';

export default defineRule({
  meta: {
    id: 'suppression-reason-required',
    category: 'meta',
    description: 'Every suppression comment says why the finding is acceptable, after `--`.',
    severity: 'error',
    compliance: ['ISO 27001 A.5.36', 'ISO 27001 A.8.32'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
    messages: SOURCE_MESSAGES['suppression-reason-required'],
  },
  // A source rule: src/engine/suppressions.ts reports its findings when it applies the suppressions.
  check() {},
});
