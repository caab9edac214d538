import { findColumn, type Column, type Table } from '../../src/model/catalog.js';
import { nameParts, nodeAs, peelCasts, withoutCasts } from '../../src/model/ast.js';
import { ident, sqlIdent, sqlTableName } from '../../src/model/names.js';
import { normaliseTypeName } from '../../src/model/types.js';
import { defineRule } from '../../src/engine/rule.js';
import type { Standard } from '../../src/engine/standard.js';

type AuditKey = keyof Standard['auditColumns'];

interface Spec {
  type: 'timestamptz' | 'uuid';
  notNull: boolean;
  /** created_at/updated_at: DEFAULT now(); deleted_*: no default (a new row is live). */
  defaultNow?: boolean;
  noDefault?: boolean;
  /** Why the nullability matters, for the message. */
  why: string;
}

const SPECS: Record<AuditKey, Spec> = {
  createdAt: { type: 'timestamptz', notNull: true, defaultNow: true, why: 'every row must record when it was created' },
  createdBy: { type: 'uuid', notNull: true, why: 'every row must record who created it' },
  updatedAt: { type: 'timestamptz', notNull: true, defaultNow: true, why: 'a new row counts as updated when it is created' },
  updatedBy: { type: 'uuid', notNull: false, why: 'a row nobody has updated yet has no updater' },
  deletedAt: { type: 'timestamptz', notNull: false, noDefault: true, why: 'a live row has no deletion time, so NOT NULL makes soft delete impossible' },
  deletedBy: { type: 'uuid', notNull: false, noDefault: true, why: 'a live row has no deleter, so NOT NULL makes soft delete impossible' },
};

const TYPE_NAMES = { timestamptz: 'timestamp with time zone', uuid: 'uuid' };
const LOG_ONLY: AuditKey[] = ['createdAt', 'createdBy'];

export default defineRule({
  meta: {
    id: 'audit-column-definition',
    category: 'audit',
    description: 'Audit columns are defined as the standard prescribes: type, nullability and the transaction-time default.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.15', 'GDPR Art. 30', 'POPIA s17', 'NIST CSF PR.PT-1'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      wrongType: '{{what}} is {{type}}, not {{wanted}}{{note}}',
      nullable: '{{what}} allows NULL, but {{why}}',
      notNull: '{{what}} is NOT NULL, but {{why}}',
      noDefault: '{{what}} has no default',
      wrongDefault: "{{what}} defaults to {{default}}, {{problem}}; the standard uses now(), the transaction's start time",
      deletedByDefault: '{{what}} defaults to {{default}}, so every new row starts out deleted',
    },
  },
  check(ctx) {
    for (const table of ctx.tables) {
      // A partition is judged through its parent, whose columns, keys, indexes and row triggers it inherits.
      if (table.partitionOf) continue;
      // A log table's updated_*/deleted_* columns should not exist at all: audit-log-append-only says so.
      const keys = ctx.kindOf(table) === 'log' ? LOG_ONLY : (Object.keys(SPECS) as AuditKey[]);
      for (const key of keys) {
        const column = findColumn(table, ctx.standard.auditColumns[key]);
        if (!column) continue;
        const alter = `ALTER TABLE ${sqlTableName(table, ctx.standard.defaultSchema)} ALTER COLUMN ${ident(column.name)}`;
        for (const d of deviations(table, column, SPECS[key])) {
          const phase = d.messageId === 'wrongType' ? ('column' as const) : undefined;
          ctx.report({
            table,
            node: column,
            messageId: d.messageId,
            data: d.data,
            fix: { sql: `${alter} ${d.action}`, ...(phase ? { phase } : {}), ...(d.json ? { json: { op: 'set', ...d.json, of: 'node' } } : {}) },
          });
        }
      }
    }
  },
});

interface Deviation {
  messageId: string;
  data: Record<string, string>;
  /** The ALTER COLUMN action that fixes it, and the same as a schema.json edit of the column where there is one. */
  action: string;
  json?: { path: string[]; value: unknown };
}

function deviations(table: Table, column: Column, spec: Spec): Deviation[] {
  const out: Deviation[] = [];
  const what = `audit column "${column.name}" of "${table.name}"`;
  const t = column.type;
  if (t.name !== TYPE_NAMES[spec.type] || t.mods.length > 0 || t.arrayDims > 0) {
    const note = t.name === 'timestamp without time zone' && t.arrayDims === 0 ? " (it stores no time zone, so its meaning depends on the writer's session)" : '';
    // PostgreSQL has no automatic cast to uuid from text or other types: it needs the USING clause. From
    // timestamp it would read the stored values in the session's time zone: the fix says UTC.
    const using = spec.type === 'uuid' ? ` USING ${sqlIdent(column.name)}::uuid` : note ? ` USING ${sqlIdent(column.name)} AT TIME ZONE 'UTC'` : '';
    out.push({ messageId: 'wrongType', data: { what, type: t.text, wanted: spec.type, note }, action: `TYPE ${spec.type}${using}`, json: { path: ['type'], value: spec.type } });
  }
  if (spec.notNull && !column.notNull) out.push({ messageId: 'nullable', data: { what, why: spec.why }, action: 'SET NOT NULL', json: { path: ['nullable'], value: false } });
  if (!spec.notNull && column.notNull) out.push({ messageId: 'notNull', data: { what, why: spec.why }, action: 'DROP NOT NULL', json: { path: ['nullable'], value: true } });
  if (spec.defaultNow) {
    if (!column.default) out.push({ messageId: 'noDefault', data: { what }, action: 'SET DEFAULT now()', json: { path: ['default'], value: 'now()' } });
    else {
      const problem = notTransactionTime(column.default.ast);
      if (problem) out.push({ messageId: 'wrongDefault', data: { what, default: column.default.text, problem }, action: 'SET DEFAULT now()', json: { path: ['default'], value: 'now()' } });
    }
  }
  if (spec.noDefault && column.default && !isNull(column.default.ast)) {
    out.push({ messageId: 'deletedByDefault', data: { what, default: column.default.text }, action: 'DROP DEFAULT' });
  }
  return out;
}

/** The value inside its casts, and the types it is cast to, outermost first (`timestamp(…)` where modified). */
function castTypes(ast: unknown): { node: unknown; casts: string[] } {
  const { node, casts } = peelCasts(ast);
  return {
    node,
    casts: casts.map(({ typeName: tn }) => {
      const name = nameParts(tn?.names).join('.');
      const mods = (tn?.typmods ?? []).length > 0 || (tn?.arrayBounds ?? []).length > 0;
      return mods ? `${name}(…)` : normaliseTypeName(name);
    }),
  };
}

function isNull(ast: unknown): boolean {
  return nodeAs(withoutCasts(ast), 'A_Const')?.isnull === true;
}

/** The literals PostgreSQL turns into a fixed time when the default is created (not when it is used). */
const SPECIAL_TIME_LITERALS = new Set(['now', 'today', 'tomorrow', 'yesterday']);

/**
 * Why a default is not the transaction start time, or undefined when it is: now(), CURRENT_TIMESTAMP
 * and transaction_timestamp() are one value in PostgreSQL (also cast to timestamptz).
 */
function notTransactionTime(ast: unknown): string | undefined {
  const { node, casts } = castTypes(ast);
  const cast = casts.find((c) => c !== 'timestamp with time zone');
  if (cast) return `whose cast to ${cast} changes the value`;
  const svf = nodeAs(node, 'SQLValueFunction');
  if (svf) {
    const { op, typmod } = svf;
    if (op === 'SVFOP_CURRENT_TIMESTAMP') return undefined;
    if (op === 'SVFOP_CURRENT_TIMESTAMP_N') return `which rounds the transaction time to ${typmod ?? 0} fractional digits`;
    if (op === 'SVFOP_LOCALTIMESTAMP' || op === 'SVFOP_LOCALTIMESTAMP_N') {
      return 'a timestamp without time zone, read back in the session time zone (ambiguous when clocks go back)';
    }
    return 'which is not a point in time';
  }
  const call = nodeAs(node, 'FuncCall');
  if (call) {
    const names = nameParts(call.funcname);
    const name = names[names.length - 1];
    if (names.length > 1 && names[0] !== 'pg_catalog') return `a function of schema "${names[0]}", not PostgreSQL's own`;
    if ((name === 'now' || name === 'transaction_timestamp') && !(call.args ?? []).length) return undefined;
    if (name === 'clock_timestamp') return 'the wall-clock time of each call, which moves on within a transaction (rows written together get different times)';
    if (name === 'statement_timestamp') return 'the start of the current statement, which differs between the statements of one transaction';
    return 'which is not the transaction time';
  }
  const constant = nodeAs(node, 'A_Const');
  const literal = constant?.sval?.sval;
  if (typeof literal === 'string' && SPECIAL_TIME_LITERALS.has(literal.trim().toLowerCase())) {
    return 'a literal PostgreSQL converts once, when the default is created, so every row gets that same moment';
  }
  if (constant) return 'a constant, the same for every row';
  return 'which is not the transaction time';
}
