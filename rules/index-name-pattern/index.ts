import type { Constraint, Index, Table } from '../../src/model/catalog.js';
import { defineRule, type ReportTarget } from '../../src/engine/rule.js';
import { byteLength, ident, MAX_IDENTIFIER_BYTES, sqlTableName } from '../../src/model/names.js';
import { calledFunction } from '../../src/model/queries.js';
import { claimRelationName } from '../../src/model/suggested-names.js';

interface Options extends Record<string, unknown> {
  pattern: string;
  uniquePattern: string;
}

const DEFAULT_PATTERN = '^idx_{table}_[a-z0-9_]+$';
const DEFAULT_UNIQUE_PATTERN = '^uq_{table}_[a-z0-9_]+$';

const patternSchema = (what: string, fallback: string) => ({
  description: `Regular expression (JavaScript syntax) that names of ${what} must match; \`{table}\` stands for the table's name.`,
  type: 'string',
  minLength: 1,
  format: 'regex',
  default: fallback,
});

export default defineRule<Options>({
  meta: {
    id: 'index-name-pattern',
    category: 'naming',
    description: 'Index names follow `idx_<table>_…`, and unique indexes and unique constraints `uq_<table>_…`.',
    severity: 'warn',
    compliance: ['ISO 27001 A.8.25', 'ISO 27001 A.8.28', 'NIST CSF PR.IP-2'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pattern: patternSchema('non-unique indexes', DEFAULT_PATTERN),
        uniquePattern: patternSchema('unique indexes and unique constraints', DEFAULT_UNIQUE_PATTERN),
      },
    },
    defaultOptions: { pattern: DEFAULT_PATTERN, uniquePattern: DEFAULT_UNIQUE_PATTERN },
    messages: {
      brokenPattern: 'the index-name pattern {{pattern}} is not a valid regular expression with "{{table}}" in place of {table}: change the option',
      index: '{{kind}} "{{name}}" on table "{{table}}" does not match {{pattern}}',
      implicitConstraint: 'unique constraint "{{name}}" on table "{{table}}" has the name PostgreSQL chose, which does not match {{pattern}}',
      implicitConstraintUnfixed: 'unique constraint "{{name}}" on table "{{table}}" has the name PostgreSQL chose, which does not match {{pattern}}: give it a name that does',
      constraint: 'unique constraint "{{name}}" on table "{{table}}" does not match {{pattern}}',
    },
  },
  check(ctx) {
    const { pattern, uniquePattern } = ctx.options;
    const schema = ctx.standard.defaultSchema;
    const compiled = new Map<string, RegExp>();
    for (const table of ctx.tables) {
      const plain = forTable(pattern, table.name, compiled);
      const unique = forTable(uniquePattern, table.name, compiled);
      const broken = (shown: string) => ctx.report({ table, messageId: 'brokenPattern', data: { pattern: shown, table: table.name } });
      if ('broken' in plain) {
        broken(plain.broken);
        continue;
      }
      if ('broken' in unique) {
        broken(unique.broken);
        continue;
      }
      for (const index of table.indexes) {
        const rule = index.unique ? unique : plain;
        if (rule.test(index.name)) continue;
        const better = suggestion(rule, index.unique ? 'uq' : 'idx', table.name, index.keys.map(keyName));
        const qualified = table.schema === schema ? ident(index.name) : `${ident(table.schema)}.${ident(index.name)}`;
        ctx.report({
          table,
          node: index,
          messageId: 'index',
          data: { kind: index.unique ? 'unique index' : 'index', name: index.name, table: table.name, pattern: rule.shown },
          ...(better && claimRelationName(ctx.catalog, table.schema, better)
            ? { fix: { sql: `ALTER INDEX ${qualified} RENAME TO ${ident(better)}`, phase: 'rename' as const, json: { op: 'set' as const, path: ['name'], value: better, of: 'node' as const } } }
            : {}),
        });
      }
      for (const con of table.constraints) {
        if (con.kind !== 'unique' || unique.test(con.name)) continue;
        ctx.report({ table, node: con, ...uniqueConstraintReport(con, table, unique, schema, (name) => claimRelationName(ctx.catalog, table.schema, name)) });
      }
    }
  },
});

interface TablePattern {
  test(name: string): boolean;
  /** The pattern with the table's name in place of `{table}`, for messages. */
  shown: string;
}

/**
 * The pattern for one table. The configuration loader has rejected patterns that are not regular
 * expressions; a valid one can still break with a name put in, e.g. `x{9,{table}}` for a table "1".
 */
function forTable(pattern: string, table: string, compiled: Map<string, RegExp>): TablePattern | { broken: string } {
  const shown = pattern.split('{table}').join(table);
  const fast = literalHead(pattern);
  if (fast) {
    // `^<literal>{table}<rest>`: the name starts with the literal and the table's name, and the rest
    // matches where they end. One regular expression serves every table.
    const head = fast.literal + table;
    let rest = compiled.get(fast.rest);
    if (!rest) compiled.set(fast.rest, (rest = new RegExp(fast.rest, 'y')));
    const tail = rest;
    return {
      shown,
      test: (name) => {
        if (!name.startsWith(head)) return false;
        tail.lastIndex = head.length;
        return tail.test(name);
      },
    };
  }
  try {
    const regex = new RegExp(pattern.split('{table}').join(escapeRegExp(table)));
    return { shown, test: (name) => regex.test(name) };
  } catch {
    return { broken: shown };
  }
}

/**
 * Splits `^idx_{table}_[a-z0-9_]+$` into its literal head `idx_` and the rest, when that split is
 * exact: a plain head, `{table}` once, and a rest with no alternation, group, escape or anchor other
 * than a final `$` that could look back into the head or match elsewhere.
 */
function literalHead(pattern: string): { literal: string; rest: string } | undefined {
  const m = /^\^([A-Za-z0-9_]*)\{table\}(.*)$/s.exec(pattern);
  if (!m || m[2]!.includes('{table}')) return undefined;
  const rest = m[2]!;
  if (/[|()\\^]/.test(rest) || rest.slice(0, -1).includes('$')) return undefined;
  try {
    new RegExp(rest);
  } catch {
    return undefined;
  }
  return { literal: m[1]!, rest };
}

/** `claim` reserves the new name (a unique constraint's index shares the schema's relation names). */
function uniqueConstraintReport(con: Constraint, table: Table, rule: TablePattern, schema: string, claim: (name: string) => boolean): Omit<ReportTarget, 'table'> {
  const better = suggestion(rule, 'uq', table.name, con.columns);
  const data = { name: con.name, table: table.name, pattern: rule.shown };
  const fix = better && claim(better) ? { sql: `ALTER TABLE ${sqlTableName(table, schema)} RENAME CONSTRAINT ${ident(con.name)} TO ${ident(better)}`, phase: 'rename' as const } : undefined;
  if (con.implicitName) return fix ? { messageId: 'implicitConstraint', data, fix } : { messageId: 'implicitConstraintUnfixed', data };
  return { messageId: 'constraint', data, ...(fix ? { fix } : {}) };
}

/** `<prefix>_<table>_<keys>` when that fits the configured pattern and PostgreSQL's length limit. */
function suggestion(rule: TablePattern, prefix: string, table: string, keys: string[]): string | undefined {
  const name = [prefix, table, ...keys].join('_');
  return rule.test(name) && byteLength(name) <= MAX_IDENTIFIER_BYTES ? name : undefined;
}

function keyName(key: Index['keys'][number]): string {
  return 'column' in key ? key.column : (calledFunction(key.expr) ?? 'expr');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
