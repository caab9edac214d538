import type { Standard } from '../engine/standard.js';
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
  const id: ColumnDefinition = { name: 'id', type: 'uuid', nullable: false, default: `${standard.uuidV7Function}()`, primaryKey: true, description: 'Primary key (UUIDv7).' };
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

/**
 * A UUIDv7 (RFC 9562) function for PostgreSQL 15+ without an extension, under the configured name:
 * gen_random_uuid()'s 16 random bytes (RFC variant set), the first 8 overlaid with the 48-bit Unix time
 * in milliseconds, the version nibble 7 and 12 bits of sub-millisecond time (RFC 9562 method 3).
 */
export function uuidV7FunctionSql(name: string): string {
  const fn = /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
  return `-- Hand-written (ismslint init): the function every id defaults to, which schema.json cannot express.
-- Applied before 001_init.sql.
CREATE FUNCTION ${fn}() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    overlay(
      uuid_send(gen_random_uuid())
      PLACING substring(int8send(now_us.us / 1000) FROM 3)
        || int2send((28672 + (now_us.us % 1000) * 4096 / 1000)::smallint)
      FROM 1 FOR 8
    ),
    'hex'
  )::uuid
  FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS us) AS now_us
$$;
`;
}
