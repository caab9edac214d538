import { defineRule } from '../../src/engine/rule.js';
import type { Column, Expr, Table } from '../../src/model/catalog.js';
import { findColumn, primaryKey } from '../../src/model/catalog.js';
import { isReservedWord } from '../../src/model/keywords.js';
import { quoteIdent } from '../../src/model/names.js';

interface Options extends Record<string, unknown> {
  column: string;
  functions: string[];
}

const ident = (name: string) => quoteIdent(name, isReservedWord);

const SERIAL_TYPES = new Set(['serial', 'bigserial', 'smallserial']);

/** Why the usual non-v7 UUID generators are wrong for a primary key. */
const OTHER_UUIDS: Record<string, string> = {
  gen_random_uuid: 'makes random version-4 UUIDs, which scatter inserts across the whole primary-key index and break index locality',
  uuid_generate_v4: 'makes random version-4 UUIDs, which scatter inserts across the whole primary-key index and break index locality',
  uuid_generate_v1: 'makes version-1 UUIDs, which expose the host MAC address and do not sort by time (the low time bits come first)',
  uuid_generate_v1mc: 'makes version-1 UUIDs, which do not sort by time (the low time bits come first)',
};

/** Name of the called function, with its schema when written (`public.generate_uuidv7`). */
function calledName(expr: Expr | undefined): { name: string; qualified: string } | undefined {
  let node: any = expr?.ast;
  while (node?.TypeCast) node = node.TypeCast.arg;
  const parts: string[] | undefined = node?.FuncCall?.funcname?.map((n: any) => n.String?.sval);
  if (!parts?.length) return undefined;
  return { name: parts[parts.length - 1]!, qualified: parts.join('.') };
}

export default defineRule<Options>({
  meta: {
    id: 'primary-key-uuid-v7',
    category: 'integrity',
    description: 'The primary key is an `id uuid` column whose default is the standard UUIDv7 function.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.27', 'ISO 27001 A.8.6', 'NIST CSF PR.DS-4'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        column: { type: 'string', minLength: 1, description: 'Name of the primary-key column.', default: 'id' },
        functions: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          uniqueItems: true,
          description:
            "Further functions accepted as the key's default, besides the standard's UUIDv7 function (e.g. PostgreSQL 18's `uuidv7`). A schema-qualified name rejects calls qualified with another schema.",
          default: [],
        },
      },
    },
    defaultOptions: { column: 'id', functions: [] },
  },
  check(ctx) {
    const standardFn = ctx.standard.uuidV7Function;
    const accepted = [standardFn, ...ctx.options.functions];
    // A qualified setting also accepts the unqualified call, which search_path resolves.
    const isAccepted = (call: { name: string; qualified: string }) =>
      accepted.some((f) => f === call.qualified || (f.endsWith(`.${call.name}`) && call.qualified === call.name) || (!f.includes('.') && f === call.name));
    const idName = ctx.options.column;
    const fix = `${ident(idName)} uuid DEFAULT ${standardFn}()`;

    for (const table of ctx.tables) {
      const pk = primaryKey(table);
      // No key is primary-key-required's finding; a partition has its parent's key.
      if (!pk || table.partitionOf) continue;
      const composite = Boolean(table.hypertable) || ctx.kindOf(table) === 'log';
      const keyList = pk.columns.join(', ');
      if (!pk.columns.includes(idName)) {
        const want = table.hypertable ? `PRIMARY KEY (${ident(table.hypertable.timeColumn)}, ${ident(idName)})` : `PRIMARY KEY (${ident(idName)})`;
        ctx.report({
          table,
          node: pk,
          message: `primary key "${pk.name}" of "${table.name}" is (${keyList}), not "${idName}": the standard keys every row by ${fix}; use ${want}${pk.columns.length > 1 && !composite ? ` and make (${keyList}) a UNIQUE constraint` : ''}`,
        });
        continue;
      }
      if (pk.columns.length > 1 && !composite) {
        ctx.report({
          table,
          node: pk,
          message: `primary key "${pk.name}" of "${table.name}" is composite (${keyList}): only hypertables and log tables may add the time column; use PRIMARY KEY (${ident(idName)}) and make (${keyList}) a UNIQUE constraint`,
        });
        continue;
      }
      const column = findColumn(table, idName);
      if (column) checkIdColumn(table, column);
    }

    function checkIdColumn(table: Table, column: Column): void {
      const where = `"${table.name}"."${column.name}"`;
      const report = (message: string, loc = column.loc) => ctx.report({ table, node: column, loc, message });
      if (SERIAL_TYPES.has(column.type.name)) {
        report(`${where} is ${column.type.name}: sequential integer keys can be enumerated, reveal row counts and collide across environments; use ${fix}`);
        return;
      }
      if (column.identity) {
        report(`${where} is an identity column (GENERATED ${column.identity.toUpperCase()} AS IDENTITY): sequential integer keys can be enumerated and collide across environments; use ${fix}`);
        return;
      }
      if (column.type.name !== 'uuid' || column.type.arrayDims > 0) {
        report(`${where} is of type ${column.type.text}, not uuid: use ${fix}`);
        return;
      }
      const def = column.default;
      if (!def) {
        report(`${where} has no default: add DEFAULT ${standardFn}() so every row gets a time-ordered UUIDv7`);
        return;
      }
      const call = calledName(def);
      if (call && isAccepted(call)) return;
      const why = call ? OTHER_UUIDS[call.name] : undefined;
      report(
        why
          ? `${where} defaults to ${def.text}, which ${why}; use DEFAULT ${standardFn}(): UUIDv7 is time-ordered`
          : `${where} defaults to ${def.text}, not ${standardFn}(): use DEFAULT ${standardFn}() for time-ordered UUIDv7 keys`,
        def.loc,
      );
    }
  },
});
