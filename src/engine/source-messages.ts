import type { Location } from '../model/location.js';
import { renderMessage } from './fix.js';
import type { MessageData } from './rule.js';
import type { RawFinding } from './suppressions.js';

/**
 * The messages of the source rules (category `meta`), whose findings are raised while input is read
 * rather than by a check over the catalog. Each rule's `meta.messages` is its entry here. Where the
 * text comes whole from elsewhere (the SQL parser, the replay, the JSON Schema validator), the message
 * is one placeholder and the id still says which kind of problem it is.
 */
export const SOURCE_MESSAGES = {
  'empty-file': {
    noStatements: 'migration file holds no SQL statements (only white space or comments): add its statements or delete the file',
  },
  'parse-error': {
    notText: '{{reason}}',
    syntaxError: '{{message}}',
    jsonTooDeep: 'JSON nested more than {{maxDepth}} levels deep: a module schema needs only a few levels',
    invalidJson: 'invalid JSON: {{message}}',
  },
  'replay-error': {
    rejected: '{{message}}',
  },
  'schema-definition-invalid': {
    schemaViolation: '{{message}}',
    invalidDefinition: '{{message}}',
    invalidWaiver: '{{path}}: {{message}}',
  },
  'schema-drift': {
    tableMissing: 'table "{{table}}" is declared in schema.json but the migrations of module "{{module}}" never create it: add a migration or remove it from schema.json',
    tableUndeclared: 'table "{{table}}" is created by the migrations ({{where}}) but not declared in schema.json: declare it or drop it in a migration',
    columnMissing:
      'column "{{table}}.{{column}}" ({{declared}}) is declared in schema.json but the migrations never add it (table created at {{where}}): add it in a migration or remove it from schema.json',
    columnDiffers: 'column "{{table}}.{{column}}": schema.json says {{declared}}, migrations ({{where}}) say {{actual}}',
    columnUndeclared: 'column "{{table}}.{{column}}" ({{actual}}) exists in the migrations ({{where}}) but is not declared in schema.json: declare it or drop it in a migration',
    primaryKeyDiffers: 'primary key of "{{table}}": schema.json says {{declared}}, migrations ({{where}}) say {{actual}}',
    primaryKeyNamedImplicitly:
      'primary key of "{{table}}" is named "{{declaredName}}" in schema.json but "{{actualName}}" in the migrations ({{where}}): drop "name" from "primaryKey" in schema.json or rename it in a migration',
    primaryKeyNamed:
      'primary key of "{{table}}" is named "{{declaredName}}" in schema.json but "{{actualName}}" in the migrations ({{where}}): write "primaryKey": {{primaryKey}} in schema.json or rename it in a migration',
    itemDiffers: '{{kind}} "{{name}}" of "{{table}}": schema.json says {{declared}}, migrations ({{where}}) say {{actual}}',
    itemRenamed: '{{kind}} "{{name}}" of "{{table}}" is named "{{actualName}}" in the migrations ({{where}}): use one name in both',
    itemMissing: '{{kind}} "{{name}}" of "{{table}}" ({{declared}}) is declared in schema.json but the migrations do not create it',
    itemUndeclared: '{{kind}} "{{name}}" of "{{table}}" ({{actual}}) exists in the migrations ({{where}}) but is not declared in schema.json',
    rlsDiffers: 'row-level security of "{{table}}": schema.json says {{declared}}, migrations ({{where}}) say {{actual}}',
    forceRlsDiffers: 'FORCE ROW LEVEL SECURITY of "{{table}}": schema.json says {{declared}}, migrations ({{where}}) say {{actual}}',
    hypertableDiffers: 'hypertable of "{{table}}": schema.json says {{declared}}, migrations ({{where}}) say {{actual}}',
    enumMissing:
      'enum type "{{enum}}" {{declared}} is declared in schema.json but the migrations of module "{{module}}" never create it: add CREATE TYPE {{enum}} AS ENUM {{declared}} in a migration or remove it from schema.json',
    enumDiffers: 'enum type "{{enum}}": schema.json says {{declared}}, migrations ({{where}}) say {{actual}}',
    enumUndeclared: 'enum type "{{enum}}" {{actual}} is created by the migrations ({{where}}) but not declared in schema.json: declare it under "enums" or drop it in a migration',
  },
  'sql-file-not-read': {
    notInModule:
      'SQL file "{{file}}" is not read: folder "{{folder}}" of the workspace is not a module (a module holds schema.json, migrations/ or .sql files directly); move the file into a module, or add "**/{{folder}}/**" to "ignorePatterns" in ismslint.config.json to leave it out',
    tooDeep:
      'SQL file "{{file}}" is not read as a migration: it lies more than {{maxDepth}} folders deep in module "{{module}}"; move it up, or add "{{glob}}" to "migrations.exclude" in ismslint.config.json to leave it out',
    notIncluded:
      'SQL file "{{file}}" is not read as a migration: module "{{module}}" reads as migrations only {{include}}; add "{{glob}}" to "migrations.include" in ismslint.config.json to replay it, or to "migrations.exclude" to leave it out',
  },
  'suppression-reason-required': {
    reasonRequired: '{{label}} needs a reason: add `-- <why this is acceptable>` after the rule ids',
  },
  'unused-suppression': {
    noRule: '{{label}} names no rule: list the rule ids it disables, e.g. `{{label}} rls-enabled -- <why>`',
    cannotSilence: '{{label}} cannot silence {{rule}}: fix the problem it reports instead',
    unknownRule: '{{label}} names unknown rule "{{rule}}": fix the rule id or remove it',
    unknownRuleDidYouMean: '{{label}} names unknown rule "{{rule}}": did you mean "{{suggestion}}"?',
    unused: 'unused {{label}} for {{rule}}: no {{rule}} finding{{scope}} to suppress; remove it',
  },
  'waiver-expired': {
    expired: 'waiver of {{rule}} for {{target}} (approved by {{approvedBy}}) expired on {{expires}}: fix what it silenced, or renew it with a new expiry date and approval',
  },
} as const satisfies Record<string, Record<string, string>>;

export type SourceRuleId = keyof typeof SOURCE_MESSAGES;
export type SourceMessageId<R extends SourceRuleId> = keyof (typeof SOURCE_MESSAGES)[R] & string;

/** A finding of a source rule, its message rendered from the rule's template as a rule's report is. */
export function sourceFinding<R extends SourceRuleId>(ruleId: R, messageId: SourceMessageId<R>, data: MessageData | undefined, at: { loc: Location; module?: string; logical?: string }): RawFinding {
  const messages: Record<string, string> = SOURCE_MESSAGES[ruleId];
  const template = messages[messageId]!;
  return { ruleId, message: renderMessage(template, data), messageId, ...(data ? { data } : {}), ...at };
}
