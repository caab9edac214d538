import { ruleTester } from '../test-harness.js';
import rule from './index.js';

const HT = "\nSELECT create_hypertable('metric', 'recorded_at');";

ruleTester(rule, {
  valid: [
    { name: 'time column first in the key', sql: 'CREATE TABLE metric (id uuid NOT NULL, recorded_at timestamptz NOT NULL, PRIMARY KEY (recorded_at, id));' + HT },
    {
      name: 'the seed audit_log: "timestamp" column, unique index with the time column',
      sql: 'CREATE TABLE audit_log (id uuid NOT NULL, "timestamp" timestamptz NOT NULL DEFAULT now(), entity_id uuid, PRIMARY KEY ("timestamp", id));\nCREATE UNIQUE INDEX uq_audit_log_entity ON audit_log (entity_id, "timestamp");\nSELECT create_hypertable(\'audit_log\', \'timestamp\');',
    },
    { name: 'integer time; no unique keys at all', sql: 'CREATE TABLE metric (recorded_at bigint NOT NULL, value numeric);' + HT },
    {
      name: 'TimescaleDB 2.13 by_range and a qualified name',
      sql: "CREATE TABLE metric (id uuid, recorded_at date NOT NULL, PRIMARY KEY (id, recorded_at));\nSELECT create_hypertable('public.metric', by_range('recorded_at'));",
    },
    { name: 'not a hypertable', sql: 'CREATE TABLE metric (id uuid PRIMARY KEY, recorded_at text);' },
    {
      name: 'time column renamed later: the hypertable follows it',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE metric (id uuid, ts timestamptz NOT NULL, PRIMARY KEY (ts, id));\n' + "SELECT create_hypertable('metric', 'ts');",
        'app/migrations/002_b.sql': 'ALTER TABLE metric RENAME COLUMN ts TO recorded_at;',
      },
    },
    {
      name: 'primary key fixed by a later migration',
      sql: {
        'app/migrations/001_a.sql': 'CREATE TABLE metric (id uuid, recorded_at timestamptz NOT NULL, CONSTRAINT metric_pkey PRIMARY KEY (id));' + HT,
        'app/migrations/002_b.sql': 'ALTER TABLE metric DROP CONSTRAINT metric_pkey, ADD PRIMARY KEY (recorded_at, id);',
      },
    },
  ],
  invalid: [
    {
      name: 'primary key without the time column',
      sql: 'CREATE TABLE metric (\n  id uuid PRIMARY KEY,\n  recorded_at timestamptz NOT NULL\n);' + HT,
      errors: [
        {
          message:
            'primary key "metric_pkey" (id) of hypertable "metric" does not include its time column "recorded_at": TimescaleDB refuses it (a unique index must contain the partitioning column); use (recorded_at, id)',
          line: 2,
          column: 11,
          logical: 'public.metric.metric_pkey',
        },
      ],
    },
    {
      name: 'unique constraint and unique index without it; a plain index is fine',
      sql:
        'CREATE TABLE metric (id uuid, recorded_at timestamptz NOT NULL, device text, PRIMARY KEY (recorded_at, id), CONSTRAINT uq_metric_device UNIQUE (device));\nCREATE UNIQUE INDEX uq_metric_lower ON metric (lower(device));\nCREATE INDEX idx_metric_device ON metric (device);' +
        HT,
      errors: [
        { message: /^unique constraint "uq_metric_device" \(device\) of hypertable "metric" does not include .*; use \(recorded_at, device\)$/, line: 1 },
        { message: /^unique index "uq_metric_lower" \(\(expression\)\) of hypertable "metric" does not include/, line: 2 },
      ],
    },
    {
      name: 'time column missing: the one finding, not also the keys that lack it',
      sql: 'CREATE TABLE metric (id uuid PRIMARY KEY);' + HT,
      errors: [{ messageId: 'noTimeColumn', data: { table: 'metric', time: 'recorded_at', timeSql: 'recorded_at' }, line: 2, column: 1, logical: 'public.metric' }],
    },
    {
      name: 'time column dropped later',
      sql: { 'app/migrations/001_a.sql': 'CREATE TABLE metric (id uuid, recorded_at timestamptz NOT NULL);' + HT, 'app/migrations/002_b.sql': 'ALTER TABLE metric DROP COLUMN recorded_at;' },
      errors: [{ message: /has no such column once all migrations have run/, file: 'app/migrations/001_a.sql', line: 2 }],
    },
    {
      name: 'wrong type and nullable',
      sql: 'CREATE TABLE metric (\n  recorded_at text\n);' + HT,
      errors: [
        { message: /^time column "recorded_at" of hypertable "metric" is not declared NOT NULL: TimescaleDB adds the constraint itself/, line: 2 },
        { messageId: 'timeType', data: { time: 'recorded_at', table: 'metric', type: 'text' }, line: 2, column: 3, logical: 'public.metric.recorded_at' },
      ],
    },
    {
      name: 'quoted mixed-case time column',
      sql: "CREATE TABLE metric (id uuid PRIMARY KEY, \"recordedAt\" timestamptz NOT NULL);\nSELECT create_hypertable('metric', 'recordedAt');",
      errors: [{ message: /does not include its time column "recordedAt": .*; use \("recordedAt", id\)$/ }],
    },
  ],
});
