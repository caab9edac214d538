// The rule registry: every rule ismslint ships, by id. rules/meta.test.ts keeps it in step with the folders.
import type { Rule } from '../src/engine/rule.js';
import auditActorReference from './audit-actor-reference/index.js';
import auditColumnDefinition from './audit-column-definition/index.js';
import auditColumnsRequired from './audit-columns-required/index.js';
import auditLogAppendOnly from './audit-log-append-only/index.js';
import booleanColumnPrefix from './boolean-column-prefix/index.js';
import duplicateIndex from './duplicate-index/index.js';
import emptyFile from './empty-file/index.js';
import foreignKeyColumnName from './foreign-key-column-name/index.js';
import foreignKeyIndex from './foreign-key-index/index.js';
import foreignKeyTargetExists from './foreign-key-target-exists/index.js';
import hypertableTimeInPrimaryKey from './hypertable-time-in-primary-key/index.js';
import identifierMaxLength from './identifier-max-length/index.js';
import indexNamePattern from './index-name-pattern/index.js';
import integrationReferenceExists from './integration-reference-exists/index.js';
import nameSnakeCase from './name-snake-case/index.js';
import noCascadeDelete from './no-cascade-delete/index.js';
import noCrossModuleForeignKey from './no-cross-module-foreign-key/index.js';
import noReservedWordIdentifier from './no-reserved-word-identifier/index.js';
import parseError from './parse-error/index.js';
import policyRequiresRls from './policy-requires-rls/index.js';
import preferJsonb from './prefer-jsonb/index.js';
import preferText from './prefer-text/index.js';
import preferTimestamptz from './prefer-timestamptz/index.js';
import primaryKeyRequired from './primary-key-required/index.js';
import primaryKeyUuidV7 from './primary-key-uuid-v7/index.js';
import replayError from './replay-error/index.js';
import rlsEnabled from './rls-enabled/index.js';
import rlsEnabledNoPolicy from './rls-enabled-no-policy/index.js';
import rlsForced from './rls-forced/index.js';
import rlsPolicyAlwaysTrue from './rls-policy-always-true/index.js';
import rlsTenantPolicy from './rls-tenant-policy/index.js';
import schemaDefinitionInvalid from './schema-definition-invalid/index.js';
import schemaDrift from './schema-drift/index.js';
import sqlFileNotRead from './sql-file-not-read/index.js';
import statusCheckConstraint from './status-check-constraint/index.js';
import suppressionReasonRequired from './suppression-reason-required/index.js';
import tableNameInflection from './table-name-inflection/index.js';
import tenantKeyIndexed from './tenant-key-indexed/index.js';
import tenantKeyRequired from './tenant-key-required/index.js';
import timestampColumnSuffix from './timestamp-column-suffix/index.js';
import unusedSuppression from './unused-suppression/index.js';
import waiverExpired from './waiver-expired/index.js';

export const allRules: Rule[] = [
  auditActorReference,
  auditColumnDefinition,
  auditColumnsRequired,
  auditLogAppendOnly,
  booleanColumnPrefix,
  duplicateIndex,
  emptyFile,
  foreignKeyColumnName,
  foreignKeyIndex,
  foreignKeyTargetExists,
  hypertableTimeInPrimaryKey,
  identifierMaxLength,
  indexNamePattern,
  integrationReferenceExists,
  nameSnakeCase,
  noCascadeDelete,
  noCrossModuleForeignKey,
  noReservedWordIdentifier,
  parseError,
  policyRequiresRls,
  preferJsonb,
  preferText,
  preferTimestamptz,
  primaryKeyRequired,
  primaryKeyUuidV7,
  replayError,
  rlsEnabled,
  rlsEnabledNoPolicy,
  rlsForced,
  rlsPolicyAlwaysTrue,
  rlsTenantPolicy,
  schemaDefinitionInvalid,
  schemaDrift,
  sqlFileNotRead,
  statusCheckConstraint,
  suppressionReasonRequired,
  tableNameInflection,
  tenantKeyIndexed,
  tenantKeyRequired,
  timestampColumnSuffix,
  unusedSuppression,
  waiverExpired,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));
