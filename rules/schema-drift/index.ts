import { defineRule } from '../../src/engine/rule.js';
import { SOURCE_MESSAGES } from '../../src/engine/source-messages.js';

export default defineRule({
  meta: {
    id: 'schema-drift',
    category: 'meta',
    description: "A module's schema.json and the final state of its migrations describe the same tables, columns, keys, indexes, checks, row-level security and policies.",
    severity: 'error',
    compliance: ['ISO 27001 A.8.32', 'ISO 27001 A.8.9', 'NIST CSF PR.IP-1', 'NIST CSF PR.IP-3'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
    messages: SOURCE_MESSAGES['schema-drift'],
  },
  // A source rule: src/sources/schema-json/drift.ts compares the two models while the workspace is loaded.
  check() {},
});
