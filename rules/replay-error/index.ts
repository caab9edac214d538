import { defineRule } from '../../src/engine/rule.js';
import { SOURCE_MESSAGES } from '../../src/engine/source-messages.js';

export default defineRule({
  meta: {
    id: 'replay-error',
    category: 'meta',
    description: 'Replayed in order, every migration statement is one PostgreSQL would accept at that point: the table exists, a new column or name is not taken, a key names existing columns.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.32', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-3'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
    messages: SOURCE_MESSAGES['replay-error'],
  },
  // A source rule: src/sources/sql/load.ts reports its findings while it reads and replays each migration.
  check() {},
});
