import { defineRule } from '../../src/engine/rule.js';
import type { Column, Constraint, Table } from '../../src/model/catalog.js';
import { lastName, nodeAs, peelCasts, withoutCasts } from '../../src/model/ast.js';
import { ident } from '../../src/model/names.js';

interface Options extends Record<string, unknown> {
  columns: string[];
}

function isColumn(node: unknown, column: string): boolean {
  const fields = nodeAs(withoutCasts(node), 'ColumnRef')?.fields;
  return fields !== undefined && lastName(fields) === column;
}

function isConstant(node: unknown): boolean {
  const c = nodeAs(withoutCasts(node), 'A_Const');
  return c !== undefined && !c.isnull;
}

/** `ARRAY['a', 'b']` or `'{a,b}'::text[]`, possibly cast as a whole, as pg_dump prints it. */
function isConstantArray(node: unknown): boolean {
  const { node: inner, casts } = peelCasts(node);
  const arrayCast = casts.some((c) => (c.typeName?.arrayBounds ?? []).length > 0);
  const elements = nodeAs(inner, 'A_ArrayExpr')?.elements;
  if (elements) return elements.length > 0 && elements.every(isConstant);
  return arrayCast && typeof nodeAs(inner, 'A_Const')?.sval?.sval === 'string';
}

/** `col = 'a'`, `col IN ('a', 'b')`, `col = ANY (ARRAY['a', 'b'])`: the column restricted to listed values. */
function isValueList(node: unknown, column: string): boolean {
  const e = nodeAs(node, 'A_Expr');
  if (!e || lastName(e.name) !== '=') return false;
  if (e.kind === 'AEXPR_IN') {
    const items = nodeAs(e.rexpr, 'List')?.items ?? [];
    return isColumn(e.lexpr, column) && items.length > 0 && items.every(isConstant);
  }
  if (e.kind === 'AEXPR_OP_ANY') return isColumn(e.lexpr, column) && isConstantArray(e.rexpr);
  if (e.kind === 'AEXPR_OP') return (isColumn(e.lexpr, column) && isConstant(e.rexpr)) || (isColumn(e.rexpr, column) && isConstant(e.lexpr));
  return false;
}

/**
 * True when the CHECK restricts the column to listed values: a value list, an OR chain of them
 * (a `col IS NULL` arm changes nothing, since a CHECK passes on NULL anyway), or an AND with one.
 */
function listsValues(node: unknown, column: string): boolean {
  if (isValueList(node, column)) return true;
  const b = nodeAs(node, 'BoolExpr');
  const args = b?.args ?? [];
  if (b?.boolop === 'AND_EXPR') return args.some((a) => listsValues(a, column));
  if (b?.boolop === 'OR_EXPR') {
    const isNullArm = (a: unknown) => {
      const test = nodeAs(a, 'NullTest');
      return test?.nulltesttype === 'IS_NULL' && isColumn(test.arg, column);
    };
    return args.some((a) => !isNullArm(a)) && args.every((a) => isNullArm(a) || listsValues(a, column));
  }
  return false;
}

export default defineRule<Options>({
  meta: {
    id: 'status-check-constraint',
    category: 'integrity',
    description: 'A status column lists its allowed values in a CHECK constraint (or has an enum type).',
    severity: 'error',
    compliance: ['ISO 27001 A.8.27', 'GDPR Art. 5(1)(d)', 'POPIA s16', 'NIST CSF PR.DS-6'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        columns: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          uniqueItems: true,
          description: 'Names of the columns that must list their values.',
          default: ['status'],
        },
      },
    },
    defaultOptions: { columns: ['status'] },
    messages: {
      uncheckedRelated: 'column "{{column}}" of "{{table}}" has no CHECK listing its values ({{checks}} does not list them): {{advice}}',
      unchecked: 'column "{{column}}" of "{{table}}" has no CHECK listing its values, so any value is a valid state: {{advice}}',
    },
  },
  check(ctx) {
    const isEnum = (column: Column) => {
      const name = column.type.name;
      return ctx.catalog.enums.has(name.includes('.') ? name : `${ctx.standard.defaultSchema}.${name}`);
    };
    for (const table of ctx.tables) {
      // A partition has its parent's CHECK constraints.
      if (table.partitionOf) continue;
      for (const column of table.columns) {
        if (!ctx.options.columns.includes(column.name) || isEnum(column)) continue;
        const checks = table.constraints.filter((c): c is Constraint & { check: NonNullable<Constraint['check']> } => c.kind === 'check' && c.check !== undefined);
        if (checks.some((c) => listsValues(c.check.ast, column.name))) continue;
        report(
          table,
          column,
          checks.filter((c) => c.columns.includes(column.name)),
        );
      }
    }

    function report(table: Table, column: Column, related: (Constraint & { check: { text: string } })[]): void {
      const col = ident(column.name);
      // Only the team knows the values: the advice is a template, not a fix.
      const advice = `add CONSTRAINT ${ident(`valid_${column.name}`)} CHECK (${col} IN ('…', '…')) or give it an enum type`;
      const seen = related.map((c) => `CHECK "${c.name}" (${c.check.text})`).join(', ');
      const data = { column: column.name, table: table.name, advice };
      ctx.report({ table, node: column, ...(seen ? { messageId: 'uncheckedRelated', data: { ...data, checks: seen } } : { messageId: 'unchecked', data }) });
    }
  },
});
