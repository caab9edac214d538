import { defineRule } from '../../src/engine/rule.js';
import { SOURCE_MESSAGES } from '../../src/engine/source-messages.js';

export default defineRule({
  meta: {
    id: 'parse-error',
    category: 'meta',
    description: 'Every migration file is readable PostgreSQL: each syntax error, and each file that is not UTF-8 text, is reported where it occurs.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.32', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-3'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
    messages: SOURCE_MESSAGES['parse-error'],
  },
  // A source rule: src/sources/sql/load.ts reports its findings while it reads and replays each migration.
  check() {},
});
