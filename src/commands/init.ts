import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { UsageError } from '../engine/config/types.js';
import { DEFAULT_STANDARD, type Standard } from '../engine/standard.js';
import { byteLength, isSnakeCase, MAX_IDENTIFIER_BYTES } from '../model/names.js';
import type { ColumnDefinition, ModuleDefinition, TableDefinition } from '../sources/schema-json/definition.js';
import { moduleSchemaPath } from '../sources/schema-json/module-schema.js';
import { uuidV7Call, uuidV7FunctionSql } from '../generators/sql/uuidv7-function.js';
import { loadPgQuery } from '../model/pg-wasm.js';
import { globalModuleDefinition } from './init-global.js';
import { runSql } from './sql.js';
import { loadWorkspace } from './workspace.js';
import { writeFileAtomic, type CommandIO } from './io.js';

export interface InitOptions {
  module: string;
  /** Workspace directory the module directory is created in. */
  root: string;
  /** Names of the standard the example follows (default: the ISMS standard's). */
  standard?: Standard;
  /** Also create `<root>/<global module>/schema.json` (a new project has none yet). */
  withGlobal?: boolean;
  /** The configuration file given with --config. */
  config?: string;
  /** The configured root that holds the global module, when `root` neither holds it nor is a configured root. */
  globalIn?: string;
}

/** Longest suffix PostgreSQL-style names add to the table name in the example (`_organisation_id_fkey`). */
function exampleTableName(module: string, standard: Standard): string {
  const longest = Math.max(byteLength(`_${standard.tenantKey}_fkey`), byteLength(`idx__${standard.tenantKey}`), byteLength(`uq__${standard.tenantKey}_name`));
  const room = MAX_IDENTIFIER_BYTES - longest - byteLength('_example');
  const stem = module.length > room ? module.slice(0, room).replace(/_+$/, '') : module;
  return `${stem}_example`;
}

/** One table that meets every rule of the recommended preset, to copy from. */
export function exampleTable(module: string, standard: Standard = DEFAULT_STANDARD): TableDefinition {
  const table = exampleTableName(module, standard);
  const a = standard.auditColumns;
  const user = (name: string, nullable: boolean, description: string): ColumnDefinition => ({
    name,
    type: 'uuid',
    nullable,
    references: { table: standard.usersTable, column: 'id', onDelete: 'restrict' },
    description,
  });
  const tenantCondition = `${standard.tenantKey} = current_setting('${standard.tenantSetting}')::uuid`;
  const fkIndex = (column: string) => ({ name: `idx_${table}_${column}`, columns: [column] });
  return {
    name: table,
    description: `An example ${module} record: rename it, or copy it for each table of the module.`,
    kind: 'tenant',
    columns: [
      { name: 'id', type: 'uuid', nullable: false, default: uuidV7Call(standard.uuidV7Function), primaryKey: true, description: 'Primary key (UUIDv7).' },
      {
        name: standard.tenantKey,
        type: 'uuid',
        nullable: false,
        references: { table: standard.tenantRoot, column: 'id', onDelete: 'restrict' },
        description: 'Tenant (organisation) the row belongs to.',
      },
      { name: 'name', type: 'text', nullable: false, description: 'Display name, unique within the organisation.' },
      { name: 'status', type: 'text', nullable: false, default: "'draft'", description: 'Workflow status: draft, active or archived.' },
      { name: a.createdAt, type: 'timestamptz', nullable: false, default: 'now()', description: 'When the row was created.' },
      user(a.createdBy, false, 'Who created the row.'),
      { name: a.updatedAt, type: 'timestamptz', nullable: false, default: 'now()', description: 'When the row was last changed.' },
      user(a.updatedBy, true, 'Who last changed the row.'),
      { name: a.deletedAt, type: 'timestamptz', nullable: true, description: 'When the row was soft-deleted; null while it is live.' },
      user(a.deletedBy, true, 'Who soft-deleted the row.'),
    ],
    unique: [{ name: `uq_${table}_${standard.tenantKey}_name`, columns: [standard.tenantKey, 'name'] }],
    checks: [{ name: `chk_${table}_status`, expression: "status IN ('draft', 'active', 'archived')" }],
    indexes: [fkIndex(standard.tenantKey), fkIndex(a.createdBy), fkIndex(a.updatedBy), fkIndex(a.deletedBy)],
    rls: {
      enabled: true,
      force: true,
      policies: [{ name: 'tenant_isolation', command: 'all', permissive: true, roles: ['public'], using: tenantCondition, withCheck: tenantCondition }],
    },
  };
}

/** `<root>/<module>/schema.json` with one compliant example table; never overwrites. Returns the exit code. */
export async function runInit(io: CommandIO, opts: InitOptions): Promise<number> {
  if (!isSnakeCase(opts.module)) {
    throw new UsageError(`module name "${opts.module}" must be snake_case (lower-case letters and digits in words joined by "_"), e.g. vendor_risk`);
  }
  const target = resolve(io.cwd, opts.root, opts.module, 'schema.json');
  const shown = relative(io.cwd, target).split(sep).join('/') || target;
  if (existsSync(target)) throw new UsageError(`${shown} already exists: init never overwrites a module definition`);
  // Quoting the UUIDv7 function's name as PostgreSQL would needs its key-word list.
  await loadPgQuery();
  const schemaRef = relative(dirname(target), moduleSchemaPath()).split(sep).join('/');
  const definition: ModuleDefinition = {
    $schema: schemaRef,
    module: opts.module,
    version: '0.1.0',
    description: `Tables of the ${opts.module} module.`,
    tables: [exampleTable(opts.module, opts.standard)],
  };
  const standard = opts.standard ?? DEFAULT_STANDARD;
  const globalTarget = resolve(io.cwd, opts.root, standard.globalModule, 'schema.json');
  const createGlobal = opts.withGlobal === true && !existsSync(globalTarget);
  writeFileAtomic(target, JSON.stringify(definition, null, 2) + '\n', shown);
  io.stdout(`created ${shown} (module "${opts.module}", example table "${definition.tables[0]!.name}")\n`);
  if (createGlobal) {
    const globalShown = relative(io.cwd, globalTarget).split(sep).join('/');
    writeFileAtomic(globalTarget, JSON.stringify(globalModuleDefinition(standard, relative(dirname(globalTarget), moduleSchemaPath()).split(sep).join('/')), null, 2) + '\n', globalShown);
    io.stdout(`created ${globalShown} (module "${standard.globalModule}": ${standard.tenantRoot} and ${standard.usersTable}, which every module references)\n`);
    await writeGlobalMigrations(io, resolve(io.cwd, opts.root), standard, opts.config);
  }
  const workspace = relative(io.cwd, resolve(io.cwd, opts.root)).split(sep).join('/') || '.';
  if (opts.globalIn !== undefined) {
    // Linted alone, the new module would miss the global tables it references.
    const globalRoot = relative(io.cwd, opts.globalIn).split(sep).join('/') || '.';
    io.stdout(`next: edit it, add "${workspace}" to "roots" in ismslint.config.json so that it is linted with the "${standard.globalModule}" module in ${globalRoot}, then run \`ismslint lint\`\n`);
  } else io.stdout(`next: edit it, then run \`ismslint lint ${workspace}\`\n`);
  return 0;
}

/**
 * The global module's migrations, so that the database builds (`ismslint test`, `check`): the UUIDv7
 * function every id defaults to, which schema.json cannot express, then its tables as `ismslint sql`
 * generates them from schema.json.
 */
async function writeGlobalMigrations(io: CommandIO, root: string, standard: Standard, config: string | undefined): Promise<void> {
  const dir = resolve(root, standard.globalModule, 'migrations');
  const functions = resolve(dir, '000_functions.sql');
  const shown = (p: string) => relative(io.cwd, p).split(sep).join('/');
  const header = `-- Hand-written (ismslint init): the function every id defaults to, which schema.json cannot express.\n-- Applied before 001_init.sql.\n`;
  if (!existsSync(functions)) writeFileAtomic(functions, `${header}${uuidV7FunctionSql(standard.uuidV7Function)};\n`, shown(functions));
  const tables = resolve(dir, '001_init.sql');
  if (existsSync(tables)) return;
  const { model } = await loadWorkspace({ ...io, stderr: () => {} }, { paths: [root], config });
  await runSql(io, { model, module: standard.globalModule, out: shown(tables) });
  io.stdout(`created ${shown(functions)} and ${shown(tables)} (its migrations: the ${standard.uuidV7Function}() function and the tables, from \`ismslint sql ${standard.globalModule}\`)\n`);
}
