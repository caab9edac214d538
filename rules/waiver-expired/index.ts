import { defineRule } from '../../src/engine/rule.js';
import { SOURCE_MESSAGES } from '../../src/engine/source-messages.js';

export default defineRule({
  meta: {
    id: 'waiver-expired',
    category: 'meta',
    description: 'Every waiver in a schema.json is still within its expiry date; an expired waiver silences nothing until it is renewed or removed.',
    severity: 'error',
    compliance: ['ISO 27001 A.5.36', 'NIST CSF ID.RA-6'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
    messages: SOURCE_MESSAGES['waiver-expired'],
  },
  // A source rule: src/sources/schema-json/waivers.ts reports it while it reads each schema.json.
  check() {},
});
