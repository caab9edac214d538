import { defineRule } from '../../src/engine/rule.js';
import { SOURCE_MESSAGES } from '../../src/engine/source-messages.js';

export default defineRule({
  meta: {
    id: 'empty-file',
    category: 'meta',
    description: 'Every migration file holds at least one SQL statement.',
    severity: 'warn',
    compliance: ['ISO 27001 A.8.32', 'NIST CSF PR.IP-3'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
    messages: SOURCE_MESSAGES['empty-file'],
  },
  // A source rule: src/sources/sql/load.ts reports its findings while it reads and replays each migration.
  check() {},
});
