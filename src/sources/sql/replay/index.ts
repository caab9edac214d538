import type { DropStmt } from '@pgsql/types';
import type { SourceFile } from '../../source-file.js';
import { field } from '../ast-helpers.js';
import type { ParsedStatement } from '../parser.js';
import { alterTable, rename } from './alter.js';
import type { ReplayState } from './context.js';
import { StatementContext, str, strings } from './context.js';
import { doStatement } from './do-block.js';
import { createIndex, dropIndex } from './indexes.js';
import { alterEnum, createEnum, createFunction, dropFunction, createTrigger, dropTrigger, grantOrRevoke, selectStatement, setSearchPath } from './misc.js';
import { alterPolicy, createPolicy, dropPolicy } from './policies.js';
import { alterSequence, createSequence, createTableAs, createView, dropRelations, removeView, selectInto, setSchema } from './relations.js';
import { commentOn, createTable, dropTables } from './tables.js';
import { createExtension, createType, dropTypes } from './user-types.js';

export { ReplayState } from './context.js';
export type { ReplayOptions } from './context.js';

/**
 * Apply one migration file's statements to the catalog, in order, as PostgreSQL would. Statements
 * that do not change the schema model (DML, views, extensions, …) are skipped.
 */
export function replayFile(state: ReplayState, file: SourceFile, module: string, statements: Iterable<ParsedStatement>): void {
  const searchPath = ['public'];
  for (const stmt of statements) {
    let kind: string | undefined;
    for (kind in stmt.node) break;
    const node = kind === undefined ? undefined : stmt.node[kind];
    const ctx = new StatementContext(state, file, module, stmt, searchPath);
    switch (kind) {
      case 'CreateStmt':
        createTable(ctx, node);
        break;
      case 'AlterTableStmt':
        alterTable(ctx, node);
        break;
      case 'RenameStmt':
        rename(ctx, node);
        break;
      case 'IndexStmt':
        createIndex(ctx, node);
        break;
      case 'CreatePolicyStmt':
        createPolicy(ctx, node);
        break;
      case 'AlterPolicyStmt':
        alterPolicy(ctx, node);
        break;
      case 'CommentStmt':
        commentOn(ctx, node);
        break;
      case 'CreateTrigStmt':
        createTrigger(ctx, node);
        break;
      case 'GrantStmt':
        grantOrRevoke(ctx, node);
        break;
      case 'CreateEnumStmt':
        createEnum(ctx, node);
        break;
      case 'AlterEnumStmt':
        alterEnum(ctx, node);
        break;
      case 'CreateFunctionStmt':
        createFunction(ctx, node);
        break;
      case 'SelectStmt':
        if (node.intoClause) selectInto(ctx, node);
        else selectStatement(ctx, node);
        break;
      case 'ViewStmt':
        createView(ctx, node);
        break;
      case 'CreateTableAsStmt':
        createTableAs(ctx, node);
        break;
      case 'CreateSeqStmt':
        createSequence(ctx, node);
        break;
      case 'AlterSeqStmt':
        alterSequence(ctx, node);
        break;
      case 'CreateDomainStmt':
      case 'CompositeTypeStmt':
      case 'CreateRangeStmt':
      case 'DefineStmt':
        createType(ctx, kind, node);
        break;
      case 'AlterObjectSchemaStmt':
        if (['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE'].includes(node.objectType)) setSchema(ctx, node);
        break;
      case 'CreateExtensionStmt':
        createExtension(ctx, node);
        break;
      case 'CreateSchemaStmt': {
        const name: string | undefined = node.schemaname ?? node.authrole?.RoleSpec?.rolename;
        if (name && state.schemas.has(name) && !node.if_not_exists) ctx.problem(`schema "${name}" already exists`);
        if (name) state.schemas.add(name);
        break;
      }
      case 'CreateForeignTableStmt': {
        // A foreign table's rows live on another server: the model leaves it out, but its name exists.
        const rel = node.base?.relation;
        if (rel?.relname) {
          const schema = ctx.creationSchema(rel.schemaname);
          ctx.state.addOpaqueRelation(schema, rel.relname);
          ctx.state.names.addRelation(schema, rel.relname);
        }
        break;
      }
      case 'DoStmt':
        doStatement(ctx, node);
        break;
      case 'VariableSetStmt':
        setSearchPath(node, searchPath);
        break;
      case 'DropStmt':
        drop(ctx, node);
        break;
      default:
        break;
    }
  }
}

/** DROP SCHEMA s CASCADE takes everything in it; without CASCADE, PostgreSQL refuses while anything is there. */
function dropSchemas(ctx: StatementContext, stmt: DropStmt): void {
  const schemas = (stmt.objects ?? []).map((o) => str(o)).filter(Boolean);
  const { catalog } = ctx;
  for (const schema of schemas) {
    const tables = [...catalog.tables.values()].filter((t) => t.schema === schema);
    const views = [...catalog.views.values()].filter((v) => v.schema === schema);
    const sequences = [...catalog.sequences.values()].filter((q) => q.schema === schema);
    const types = [...catalog.types.values(), ...catalog.enums.values()].filter((t) => t.schema === schema);
    if (stmt.behavior !== 'DROP_CASCADE') {
      const first = tables[0] ?? views[0] ?? sequences[0] ?? types[0];
      if (first) ctx.problem(`cannot drop schema ${schema} because other objects depend on it (${first.name} …): drop them first, or use DROP SCHEMA … CASCADE`);
      if (first) return;
      ctx.state.schemas.delete(schema);
      continue;
    }
    ctx.state.schemas.delete(schema);
    for (const v of views) removeView(ctx, v);
    // Foreign keys into the schema from elsewhere go too.
    if (tables.length) dropTables(ctx, { behavior: 'DROP_CASCADE' }, tables.map((t) => [t.schema, t.name]));
    for (const q of sequences) {
      catalog.sequences.delete(`${q.schema}.${q.name}`);
      ctx.state.names.removeRelation(q.schema, q.name);
    }
    for (const t of types) {
      catalog.types.delete(`${t.schema}.${t.name}`);
      catalog.enums.delete(`${t.schema}.${t.name}`);
    }
    for (const f of [...ctx.state.functionSignatures]) if (f.startsWith(`${schema}.`)) ctx.state.functionSignatures.delete(f);
  }
}

function drop(ctx: StatementContext, stmt: DropStmt): void {
  if (stmt.removeType === 'OBJECT_SCHEMA') {
    dropSchemas(ctx, stmt);
    return;
  }
  const objects: string[][] = (stmt.objects ?? []).map((obj) => strings(field(obj, 'List')?.items)).filter((p) => p.length > 0);
  // Tables go together: what depends on one may be dropped in the same statement.
  if (stmt.removeType === 'OBJECT_TABLE') {
    dropTables(ctx, stmt, objects);
    return;
  }
  switch (stmt.removeType) {
    case 'OBJECT_VIEW':
      dropRelations(ctx, stmt, objects, 'view');
      return;
    case 'OBJECT_MATVIEW':
      dropRelations(ctx, stmt, objects, 'materialized view');
      return;
    case 'OBJECT_SEQUENCE':
      dropRelations(ctx, stmt, objects, 'sequence');
      return;
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN':
      dropTypes(ctx, stmt);
      return;
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE':
      for (const obj of stmt.objects ?? []) dropFunction(ctx, obj);
      return;
    default:
      break;
  }
  for (const parts of objects) {
    switch (stmt.removeType) {
      case 'OBJECT_INDEX':
        dropIndex(ctx, stmt, parts);
        break;
      case 'OBJECT_POLICY':
        dropPolicy(ctx, stmt, parts);
        break;
      case 'OBJECT_TRIGGER':
        dropTrigger(ctx, stmt, parts);
        break;
      default:
        break;
    }
  }
}
