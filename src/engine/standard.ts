/** The names of the ISMS database standard that rules check against; all configurable. */
export interface Standard {
  tenantKey: string;
  tenantRoot: string;
  tenantSetting: string;
  usersTable: string;
  globalModule: string;
  /** Lookup tables shared by all tenants: exempt from the tenant key and its policies. */
  globalTables: string[];
  /** Append-only tables: no update/delete audit columns, UPDATE and DELETE blocked. */
  logTables: string[];
  auditColumns: {
    createdAt: string;
    createdBy: string;
    updatedAt: string;
    updatedBy: string;
    deletedAt: string;
    deletedBy: string;
  };
  /** Function whose call is the UUIDv7 primary-key default. */
  uuidV7Function: string;
  defaultSchema: string;
}

export const DEFAULT_STANDARD: Standard = {
  tenantKey: 'organisation_id',
  tenantRoot: 'organisations',
  tenantSetting: 'app.current_organisation_id',
  usersTable: 'users',
  globalModule: 'global',
  globalTables: [],
  logTables: ['audit_log', 'event_log'],
  auditColumns: {
    createdAt: 'created_at',
    createdBy: 'created_by',
    updatedAt: 'updated_at',
    updatedBy: 'updated_by',
    deletedAt: 'deleted_at',
    deletedBy: 'deleted_by',
  },
  uuidV7Function: 'generate_uuidv7',
  defaultSchema: 'public',
};
