import { ruleTester } from '../test-harness.js';
import rule from './index.js';

function withWaiver(expires: string, column?: string): string {
  const on = column ? `"column": "${column}", ` : '';
  return `{
  "module": "app",
  "tables": [
    {
      "name": "audit_event",
      "columns": [{ "name": "id", "type": "uuid", "primaryKey": true }, { "name": "timestamp", "type": "timestamptz" }],
      "waivers": [
        { "rule": "timestamp-column-suffix", ${on}"reason": "TimescaleDB convention", "approvedBy": "Data governance board", "expires": "${expires}" }
      ]
    }
  ]
}`;
}

ruleTester(rule, {
  valid: [
    { name: 'expires in the future', schemaJson: { 'app/schema.json': withWaiver('2027-06-30', 'timestamp') }, today: '2026-06-30' },
    { name: 'expires today: still valid on its last day', schemaJson: { 'app/schema.json': withWaiver('2026-06-30') }, today: '2026-06-30' },
  ],
  invalid: [
    {
      name: 'expired yesterday, table waiver',
      schemaJson: { 'app/schema.json': withWaiver('2026-06-29') },
      today: '2026-06-30',
      errors: [
        {
          message:
            'waiver of timestamp-column-suffix for "audit_event" (approved by Data governance board) expired on 2026-06-29: fix what it silenced, or renew it with a new expiry date and approval',
          line: 8,
          column: 132,
          logical: 'public.audit_event',
          file: 'app/schema.json',
        },
      ],
    },
    {
      name: 'expired column waiver',
      schemaJson: { 'app/schema.json': withWaiver('2025-01-01', 'timestamp') },
      today: '2026-06-30',
      errors: [{ messageId: 'expired', data: { rule: 'timestamp-column-suffix', target: '"audit_event.timestamp"', expires: '2025-01-01' }, logical: 'public.audit_event.timestamp' }],
    },
  ],
});
