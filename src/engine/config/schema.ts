import type { Rule } from '../rule.js';
import { PRESETS } from './presets.js';
import { DEFAULT_MUTATION_THRESHOLD } from './types.js';

const severity = { enum: ['off', 'warn', 'error'] };

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

const identifier = { type: 'string', minLength: 1, maxLength: 63 };

export const standardSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'The names of your database standard. Defaults follow the ISMS global database architecture.',
  properties: {
    tenantKey: { ...identifier, default: 'organisation_id', description: 'Tenant key column on every tenant table.' },
    tenantRoot: { ...identifier, default: 'organisations', description: 'Table the tenant key references.' },
    tenantSetting: { type: 'string', default: 'app.current_organisation_id', description: 'Setting that tenant-isolation policies compare the tenant key with.' },
    usersTable: { ...identifier, default: 'users', description: 'Table the *_by audit columns reference.' },
    globalModule: { ...identifier, default: 'global', description: 'Module whose tables every module may reference.' },
    globalTables: { ...stringList, default: [], description: 'Lookup tables shared by all tenants (no tenant key).' },
    logTables: { ...stringList, default: ['audit_log', 'event_log'], description: 'Append-only log tables.' },
    auditColumns: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'deletedBy'].map((k) => [k, identifier])),
    },
    uuidV7Function: { ...identifier, default: 'generate_uuidv7', description: 'Function whose call is the UUIDv7 primary-key default.' },
    defaultSchema: { ...identifier, default: 'public' },
  },
};

function ruleEntry(rule?: Rule): Record<string, unknown> {
  const options = rule ? { ...rule.meta.schema } : { type: 'object' };
  return {
    ...(rule ? { description: `${rule.meta.description} (default: ${rule.meta.severity})` } : {}),
    oneOf: [severity, { type: 'array', prefixItems: [severity, options], minItems: 1, maxItems: 2, items: false }],
  };
}

/** The published JSON Schema of ismslint.config.json, with every rule's options for editor completion. */
export function buildConfigSchema(rules: Rule[]): Record<string, unknown> {
  const ruleProps = Object.fromEntries(rules.map((r) => [r.meta.id, ruleEntry(r)]));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/maturion/ismslint/schemas/config.schema.json',
    title: 'ismslint configuration (ismslint.config.json)',
    type: 'object',
    additionalProperties: false,
    $defs: { rules: { type: 'object', additionalProperties: false, properties: ruleProps } },
    properties: {
      $schema: { type: 'string' },
      extends: { oneOf: [{ enum: [...PRESETS] }, { type: 'array', items: { enum: [...PRESETS] } }] },
      roots: { ...stringList, description: 'Module or workspace directories linted when no path is given.' },
      ignorePatterns: { ...stringList, description: 'Globs of files and directories not to read.' },
      extensions: {
        ...stringList,
        description:
          'PostgreSQL extensions installed on the target database (e.g. "postgis", "citext"): column types they provide are known to the SQL replay. An extension ismslint does not know turns the unknown-type check off.',
      },
      migrations: {
        type: 'object',
        additionalProperties: false,
        description: 'Which files of a module directory are its migrations (globs relative to it). Down/undo migrations are never replayed.',
        properties: {
          include: { ...stringList, description: 'Default: ["migrations/**/*.sql", "*.sql"] (any case of .sql).' },
          exclude: { ...stringList, description: 'Files not to replay, besides *.down.sql, down.sql and Flyway U<version>__*.sql.' },
        },
      },
      qa: {
        type: 'object',
        additionalProperties: false,
        properties: {
          outDir: { type: 'string', minLength: 1, default: 'qa', description: 'Directory ismslint generate-tests writes the QA suites to when --out is not given (relative to this file).' },
          mutationThreshold: {
            type: 'number',
            minimum: 0,
            maximum: 100,
            default: DEFAULT_MUTATION_THRESHOLD,
            description: "Mutation score in percent below which ismslint test --mutation fails (exit 1), and the report's mutation-score target; --mutation-threshold overrides it.",
          },
        },
      },
      moduleOrder: { ...stringList, description: 'Modules replayed first, in this order; the others follow the global module and the modules they reference.' },
      standard: standardSchema,
      rules: { $ref: '#/$defs/rules' },
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rules'],
          properties: { files: stringList, modules: stringList, rules: { $ref: '#/$defs/rules' } },
        },
      },
    },
  };
}

/** The same shape with rule entries left open: rule ids and options get their own, clearer messages. */
export function buildShapeSchema(): Record<string, unknown> {
  const schema = buildConfigSchema([]);
  (schema.$defs as Record<string, unknown>).rules = { type: 'object', additionalProperties: ruleEntry() };
  return schema;
}
