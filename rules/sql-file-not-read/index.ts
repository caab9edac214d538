import { defineRule } from '../../src/engine/rule.js';
import { SOURCE_MESSAGES } from '../../src/engine/source-messages.js';

export default defineRule({
  meta: {
    id: 'sql-file-not-read',
    category: 'meta',
    description: 'Every SQL file in a module directory is read as a migration, or deliberately excluded: none is skipped without notice.',
    severity: 'warn',
    compliance: ['ISO 27001 A.8.32', 'NIST CSF PR.IP-3'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    source: true,
    messages: SOURCE_MESSAGES['sql-file-not-read'],
  },
  // A source rule: src/sources/workspace.ts finds the files while it discovers each module's migrations.
  check() {},
});
