import { defineRule, type FixProposal } from '../../src/engine/rule.js';
import type { Column, Expr, Table } from '../../src/model/catalog.js';
import { findColumn, primaryKey } from '../../src/model/catalog.js';
import { nameParts, nodeAs, withoutCasts } from '../../src/model/ast.js';
import { ident, sqlIdent, sqlTableName } from '../../src/model/names.js';
import { storedTypeName } from '../../src/model/types.js';

interface Options extends Record<string, unknown> {
  column: string;
  functions: string[];
}

/** Why the usual non-v7 UUID generators are wrong for a primary key. */
const OTHER_UUIDS: Record<string, string> = {
  gen_random_uuid: 'makes random version-4 UUIDs, which scatter inserts across the whole primary-key index and break index locality',
  uuid_generate_v4: 'makes random version-4 UUIDs, which scatter inserts across the whole primary-key index and break index locality',
  uuid_generate_v1: 'makes version-1 UUIDs, which expose the host MAC address and do not sort by time (the low time bits come first)',
  uuid_generate_v1mc: 'makes version-1 UUIDs, which do not sort by time (the low time bits come first)',
};

/** Name of the called function, with its schema when written (`public.generate_uuidv7`). */
function calledName(expr: Expr | undefined): { name: string; qualified: string } | undefined {
  const call = nodeAs(withoutCasts(expr?.ast), 'FuncCall');
  const parts = nameParts(call?.funcname).map((p) => p ?? '');
  if (!parts.length) return undefined;
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
    messages: {
      notId: 'primary key "{{pk}}" of "{{table}}" is ({{keys}}), not "{{column}}": the standard keys every row by {{definition}}; use {{wanted}}{{unique}}',
      composite:
        'primary key "{{pk}}" of "{{table}}" is composite ({{keys}}): only hypertables and log tables may add the time column; use PRIMARY KEY ({{columnSql}}) and make ({{keys}}) a UNIQUE constraint',
      serial: '{{where}} is {{type}}: sequential integer keys can be enumerated, reveal row counts and collide across environments; use {{definition}}',
      identity: '{{where}} is an identity column (GENERATED {{identity}} AS IDENTITY): sequential integer keys can be enumerated and collide across environments; use {{definition}}',
      notUuid: '{{where}} is of type {{type}}, not uuid: use {{definition}}',
      noDefault: '{{where}} has no default: add DEFAULT {{fn}}() so every row gets a time-ordered UUIDv7',
      otherUuid: '{{where}} defaults to {{default}}, which {{why}}; use DEFAULT {{fn}}(): UUIDv7 is time-ordered',
      otherDefault: '{{where}} defaults to {{default}}, not {{fn}}(): use DEFAULT {{fn}}() for time-ordered UUIDv7 keys',
    },
  },
  check(ctx) {
    const standardFn = ctx.standard.uuidV7Function;
    const accepted = [standardFn, ...ctx.options.functions];
    // A qualified setting also accepts the unqualified call, which search_path resolves.
    const isAccepted = (call: { name: string; qualified: string }) =>
      accepted.some((f) => f === call.qualified || (f.endsWith(`.${call.name}`) && call.qualified === call.name) || (!f.includes('.') && f === call.name));
    const idName = ctx.options.column;
    // The call as SQL writes it: a configured name such as `Gen UUID` is quoted.
    const standardCall = `${sqlIdent(standardFn)}()`;
    const fix = `${ident(idName)} uuid DEFAULT ${standardCall}`;

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
          messageId: 'notId',
          data: {
            pk: pk.name,
            table: table.name,
            keys: keyList,
            column: idName,
            definition: fix,
            wanted: want,
            unique: pk.columns.length > 1 && !composite ? ` and make (${keyList}) a UNIQUE constraint` : '',
          },
        });
        continue;
      }
      if (pk.columns.length > 1 && !composite) {
        ctx.report({ table, node: pk, messageId: 'composite', data: { pk: pk.name, table: table.name, keys: keyList, columnSql: ident(idName) } });
        continue;
      }
      const column = findColumn(table, idName);
      if (column) checkIdColumn(table, column);
    }

    function checkIdColumn(table: Table, column: Column): void {
      const where = `"${table.name}"."${column.name}"`;
      const report = (messageId: string, data: Record<string, string>, loc = column.loc, fix?: FixProposal) =>
        ctx.report({ table, node: column, loc, messageId, data: { where, ...data }, ...(fix ? { fix } : {}) });
      if (storedTypeName(column.type.name) !== column.type.name) {
        report('serial', { type: column.type.name, definition: fix });
        return;
      }
      if (column.identity) {
        report('identity', { identity: column.identity.toUpperCase(), definition: fix });
        return;
      }
      if (column.type.name !== 'uuid' || column.type.arrayDims > 0) {
        report('notUuid', { type: column.type.text, definition: fix });
        return;
      }
      const setDefault: FixProposal = {
        sql: `ALTER TABLE ${sqlTableName(table, ctx.standard.defaultSchema)} ALTER COLUMN ${ident(column.name)} SET DEFAULT ${standardCall}`,
        json: { op: 'set', path: ['default'], value: standardCall, of: 'node' },
      };
      const def = column.default;
      if (!def) {
        report('noDefault', { fn: standardFn }, column.loc, setDefault);
        return;
      }
      const call = calledName(def);
      if (call && isAccepted(call)) return;
      const why = call && Object.hasOwn(OTHER_UUIDS, call.name) ? OTHER_UUIDS[call.name] : undefined;
      if (why) report('otherUuid', { default: def.text, why, fn: standardFn }, def.loc, setDefault);
      else report('otherDefault', { default: def.text, fn: standardFn }, def.loc, setDefault);
    }
  },
});
