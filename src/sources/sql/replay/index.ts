import type { CreateForeignTableStmt, CreateSchemaStmt, DropStmt } from '@pgsql/types';
import type { NodeKind, NodeOf } from '../../../model/ast.js';
import type { SourceFile } from '../../source-file.js';
import { field } from '../ast-helpers.js';
import type { ParsedStatement } from '../parser.js';
import { alterTable, rename } from './alter.js';
import { alterCompositeType, renameAttribute } from './composite-types.js';
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

type Handler<K extends NodeKind> = (ctx: StatementContext, node: NodeOf<K>) => void;

/** What each kind of statement does to the catalog; kinds not here (DML, GRANT on functions, …) change nothing it holds. */
const HANDLERS: { [K in NodeKind]?: Handler<K> } = {
  CreateStmt: createTable,
  AlterTableStmt: (ctx, node) => (node.objtype === 'OBJECT_TYPE' ? alterCompositeType(ctx, node) : alterTable(ctx, node)),
  RenameStmt: (ctx, node) => (node.renameType === 'OBJECT_ATTRIBUTE' ? renameAttribute(ctx, node) : rename(ctx, node)),
  IndexStmt: createIndex,
  CreatePolicyStmt: createPolicy,
  AlterPolicyStmt: alterPolicy,
  CommentStmt: commentOn,
  CreateTrigStmt: createTrigger,
  GrantStmt: grantOrRevoke,
  CreateEnumStmt: createEnum,
  AlterEnumStmt: alterEnum,
  CreateFunctionStmt: createFunction,
  SelectStmt: (ctx, node) => (node.intoClause ? selectInto(ctx, node) : selectStatement(ctx, node)),
  ViewStmt: createView,
  CreateTableAsStmt: createTableAs,
  CreateSeqStmt: createSequence,
  AlterSeqStmt: alterSequence,
  CreateDomainStmt: (ctx, node) => createType(ctx, 'CreateDomainStmt', node),
  CompositeTypeStmt: (ctx, node) => createType(ctx, 'CompositeTypeStmt', node),
  CreateRangeStmt: (ctx, node) => createType(ctx, 'CreateRangeStmt', node),
  DefineStmt: (ctx, node) => createType(ctx, 'DefineStmt', node),
  AlterObjectSchemaStmt: (ctx, node) => {
    if (['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE'].includes(node.objectType ?? '')) setSchema(ctx, node);
  },
  CreateExtensionStmt: createExtension,
  CreateSchemaStmt: createSchema,
  CreateForeignTableStmt: createForeignTable,
  DoStmt: (ctx, node) => doStatement(ctx, node, (inner) => replayStatement(ctx.state, ctx.file, ctx.module, inner, ctx.searchPath)),
  VariableSetStmt: (ctx, node) => setSearchPath(node, ctx.searchPath),
  DropStmt: drop,
};

/**
 * Apply one migration file's statements to the catalog, in order, as PostgreSQL would. Statements
 * that do not change the schema model (DML, extensions, …) are skipped.
 */
export function replayFile(state: ReplayState, file: SourceFile, module: string, statements: Iterable<ParsedStatement>): void {
  const searchPath = ['public'];
  for (const stmt of statements) replayStatement(state, file, module, stmt, searchPath);
}

function replayStatement(state: ReplayState, file: SourceFile, module: string, stmt: ParsedStatement, searchPath: string[]): void {
  let kind: string | undefined;
  for (kind in stmt.node) break;
  const handler = kind === undefined ? undefined : HANDLERS[kind as NodeKind];
  // The handler was chosen by the node's kind, so its payload is the handler's node type.
  if (handler) (handler as Handler<NodeKind>)(new StatementContext(state, file, module, stmt, searchPath), (stmt.node as Record<string, unknown>)[kind!] as never);
}

function createSchema(ctx: StatementContext, node: CreateSchemaStmt): void {
  const name = node.schemaname ?? node.authrole?.rolename;
  if (name && ctx.state.schemas.has(name) && !node.if_not_exists) ctx.problem(`schema "${name}" already exists`);
  if (name) ctx.state.schemas.add(name);
  if (name) ctx.state.droppedSchemas.delete(name);
}

/** A foreign table's rows live on another server: the model leaves it out, but its name exists. */
function createForeignTable(ctx: StatementContext, node: CreateForeignTableStmt): void {
  const rel = node.base?.relation;
  if (!rel?.relname) return;
  const schema = ctx.creationSchema(rel.schemaname);
  ctx.state.addOpaqueRelation(schema, rel.relname);
  ctx.state.names.addRelation(schema, rel.relname);
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
      ctx.state.droppedSchemas.add(schema);
      continue;
    }
    ctx.state.schemas.delete(schema);
    ctx.state.droppedSchemas.add(schema);
    for (const v of views) removeView(ctx, v);
    // Foreign keys into the schema from elsewhere go too.
    if (tables.length)
      dropTables(
        ctx,
        { behavior: 'DROP_CASCADE' },
        tables.map((t) => [t.schema, t.name]),
      );
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
