import type { Constraint, Index, Table } from '../../src/model/catalog.js';
import { defineRule } from '../../src/engine/rule.js';
import { isReservedWord } from '../../src/model/keywords.js';
import { byteLength, MAX_IDENTIFIER_BYTES, quoteIdent, sqlTableName } from '../../src/model/names.js';
import { calledFunction } from '../../src/model/queries.js';

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
  },
  check(ctx) {
    const { pattern, uniquePattern } = ctx.options;
    const schema = ctx.standard.defaultSchema;
    const compiled = new Map<string, RegExp>();
    for (const table of ctx.tables) {
      const plain = forTable(pattern, table.name, compiled);
      const unique = forTable(uniquePattern, table.name, compiled);
      const broken = (shown: string) =>
        ctx.report({ table, message: `the index-name pattern ${shown} is not a valid regular expression with "${table.name}" in place of {table}: change the option` });
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
        const qualified = table.schema === schema ? quoteIdent(index.name, isReservedWord) : `${quoteIdent(table.schema)}.${quoteIdent(index.name, isReservedWord)}`;
        const fix = better ? `: rename it, e.g. ALTER INDEX ${qualified} RENAME TO ${quoteIdent(better, isReservedWord)}` : '';
        ctx.report({ table, node: index, message: `${index.unique ? 'unique index' : 'index'} "${index.name}" on table "${table.name}" does not match ${rule.shown}${fix}` });
      }
      for (const con of table.constraints) {
        if (con.kind !== 'unique' || unique.test(con.name)) continue;
        ctx.report({ table, node: con, message: uniqueConstraintMessage(con, table, unique, schema) });
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

function uniqueConstraintMessage(con: Constraint, table: Table, rule: TablePattern, schema: string): string {
  const better = suggestion(rule, 'uq', table.name, con.columns);
  if (con.implicitName) {
    const fix = better ? `: name it, e.g. CONSTRAINT ${quoteIdent(better, isReservedWord)} UNIQUE (${con.columns.map((c) => quoteIdent(c, isReservedWord)).join(', ')})` : ': give it a name that does';
    return `unique constraint "${con.name}" on table "${table.name}" has the name PostgreSQL chose, which does not match ${rule.shown}${fix}`;
  }
  const fix = better ? `: rename it, e.g. ALTER TABLE ${sqlTableName(table, schema)} RENAME CONSTRAINT ${quoteIdent(con.name, isReservedWord)} TO ${quoteIdent(better, isReservedWord)}` : '';
  return `unique constraint "${con.name}" on table "${table.name}" does not match ${rule.shown}${fix}`;
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
