import { defineRule } from '../../src/engine/rule.js';
import { SOURCE_MESSAGES } from '../../src/engine/source-messages.js';

export default defineRule({
  meta: {
    id: 'schema-definition-invalid',
    category: 'meta',
    description:
      "A module's schema.json follows the published JSON Schema and describes tables PostgreSQL would accept: valid types, parseable SQL expressions, keys and indexes over existing columns.",
    severity: 'error',
    compliance: ['ISO 27001 A.5.37', 'ISO 27001 A.8.9', 'NIST CSF PR.IP-1'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
    messages: SOURCE_MESSAGES['schema-definition-invalid'],
  },
  // A source rule: src/sources/schema-json/ reports its findings while it reads each schema.json.
  check() {},
});
