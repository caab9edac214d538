import type { Standard } from '../engine/standard.js';
import { uuidV7Call } from '../generators/sql/uuidv7-function.js';
import type { ColumnDefinition, ModuleDefinition, TableDefinition } from '../sources/schema-json/definition.js';

/**
 * The global module a new project needs before any other module lints clean: the tenant root
 * (`organisations`) and the users the audit columns reference, named by the configured standard.
 */
export function globalModuleDefinition(standard: Standard, schemaRef: string): ModuleDefinition {
  const a = standard.auditColumns;
  const root = standard.tenantRoot;
  const users = standard.usersTable;
  const setting = (column: string) => `${column} = current_setting('${standard.tenantSetting}')::uuid`;
  const userRef = (name: string, nullable: boolean, description: string): ColumnDefinition => ({
    name,
    type: 'uuid',
    nullable,
    references: { table: users, column: 'id', onDelete: 'restrict' },
    description,
  });
  const id: ColumnDefinition = { name: 'id', type: 'uuid', nullable: false, default: uuidV7Call(standard.uuidV7Function), primaryKey: true, description: 'Primary key (UUIDv7).' };
  const times: ColumnDefinition[] = [
    { name: a.createdAt, type: 'timestamptz', nullable: false, default: 'now()', description: 'When the row was created.' },
    { name: a.updatedAt, type: 'timestamptz', nullable: false, default: 'now()', description: 'When the row was last changed.' },
    { name: a.deletedAt, type: 'timestamptz', nullable: true, description: 'When the row was soft-deleted; null while it is live.' },
  ];
  const organisations: TableDefinition = {
    name: root,
    description: `Tenant root: every tenant table references it through ${standard.tenantKey}.`,
    kind: 'tenant',
    columns: [id, { name: 'name', type: 'text', nullable: false, description: 'Display name of the organisation.' }, ...times],
    rls: { enabled: true, force: true, policies: [{ name: 'tenant_isolation', command: 'all', permissive: true, roles: ['public'], using: setting('id'), withCheck: setting('id') }] },
  };
  const index = (column: string) => ({ name: `idx_${users}_${column}`, columns: [column] });
  const userTable: TableDefinition = {
    name: users,
    description: 'People who sign in, one row per user and organisation.',
    kind: 'tenant',
    columns: [
      id,
      { name: standard.tenantKey, type: 'uuid', nullable: false, references: { table: root, column: 'id', onDelete: 'restrict' }, description: 'Organisation the user belongs to.' },
      { name: 'email', type: 'text', nullable: false, description: 'Sign-in e-mail address, unique within the organisation.' },
      times[0]!,
      userRef(a.createdBy, false, 'Who created the row.'),
      times[1]!,
      userRef(a.updatedBy, true, 'Who last changed the row.'),
      times[2]!,
      userRef(a.deletedBy, true, 'Who soft-deleted the row.'),
    ],
    unique: [{ name: `uq_${users}_${standard.tenantKey}_email`, columns: [standard.tenantKey, 'email'] }],
    indexes: [index(a.createdBy), index(a.updatedBy), index(a.deletedBy)],
    rls: {
      enabled: true,
      force: true,
      policies: [{ name: 'tenant_isolation', command: 'all', permissive: true, roles: ['public'], using: setting(standard.tenantKey), withCheck: setting(standard.tenantKey) }],
    },
  };
  return {
    $schema: schemaRef,
    module: standard.globalModule,
    version: '0.1.0',
    description: 'Tables every module may reference: the tenant root and the users.',
    tables: [organisations, userTable],
  };
}
