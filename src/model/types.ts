import type { TypeRef } from './catalog.js';

/** PostgreSQL's internal and alias type names mapped to the names format_type() prints. */
const ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  int2: 'smallint',
  smallint: 'smallint',
  int8: 'bigint',
  bigint: 'bigint',
  serial: 'serial',
  serial4: 'serial',
  bigserial: 'bigserial',
  serial8: 'bigserial',
  smallserial: 'smallserial',
  serial2: 'smallserial',
  float4: 'real',
  real: 'real',
  float8: 'double precision',
  'double precision': 'double precision',
  float: 'double precision',
  numeric: 'numeric',
  decimal: 'numeric',
  bool: 'boolean',
  boolean: 'boolean',
  varchar: 'character varying',
  'character varying': 'character varying',
  bpchar: 'character',
  char: 'character',
  character: 'character',
  text: 'text',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  varbit: 'bit varying',
  'bit varying': 'bit varying',
  json: 'json',
  jsonb: 'jsonb',
  uuid: 'uuid',
  date: 'date',
  interval: 'interval',
  bytea: 'bytea',
  inet: 'inet',
  cidr: 'cidr',
};

/** PostgreSQL's built-in types by the names normaliseTypeName() gives them: format_type()'s names, and the serial types. */
export const BUILTIN_TYPE_NAMES: ReadonlySet<string> = new Set([...Object.values(ALIASES), 'bit']);

const SERIAL_STORED = new Map([
  ['serial', 'integer'],
  ['bigserial', 'bigint'],
  ['smallserial', 'smallint'],
]);

/** The type a column of this normalised type stores: a serial type is an integer with a sequence default. */
export function storedTypeName(name: string): string {
  return SERIAL_STORED.get(name) ?? name;
}

export function normaliseTypeName(raw: string): string {
  const lower = raw.trim().replace(/\s+/g, ' ');
  const bare = lower.startsWith('pg_catalog.') ? lower.slice('pg_catalog.'.length) : lower;
  // Own keys only: a type named `constructor` is a user's type, not Object's.
  return Object.hasOwn(ALIASES, bare) ? ALIASES[bare]! : bare;
}

const typeRefs = new Map<string, TypeRef>();

/**
 * The TypeRef for a type; equal types share one frozen object, since a schema repeats a handful of
 * types over tens of thousands of columns.
 */
export function makeTypeRef(rawName: string, mods: number[] = [], arrayDims = 0): TypeRef {
  // Looked up first as written: nearly every column's type has been seen before, spelt the same way.
  const rawKey = `${rawName}|${mods.join(',')}|${arrayDims}|`;
  const seen = typeRefs.get(rawKey);
  if (seen) return seen;
  const name = normaliseTypeName(rawName);
  const text = typeText(name, mods, arrayDims);
  const key = `${name}|${mods.join(',')}|${arrayDims}`;
  let ref = typeRefs.get(key);
  if (!ref) typeRefs.set(key, (ref = Object.freeze({ name, mods: Object.freeze([...mods]) as number[], arrayDims, text })));
  typeRefs.set(rawKey, ref);
  return ref;
}

/**
 * How format_type() writes a type: modifiers go after the first word for timestamp/time types, numeric(p)
 * is numeric(p,0), interval modifiers are its fields, and an array is one `[]` whatever its dimensions.
 */
export function typeText(name: string, mods: number[], arrayDims: number): string {
  let text = PLAIN_TYPE_NAME.test(name) ? name : quotedTypeName(name);
  if (name === 'interval') {
    text = intervalText(mods);
  } else if (mods.length > 0) {
    const m = `(${(name === 'numeric' && mods.length === 1 ? [mods[0], 0] : mods).join(',')})`;
    const tz = name.match(/^(timestamp|time)( with(out)? time zone)$/);
    text = tz ? `${tz[1]}${m}${tz[2]}` : `${name}${m}`;
  }
  return arrayDims > 0 ? text + '[]' : text;
}

/** Built-in names (`double precision`, `"char"`) and lower-case user types print as they are. */
const PLAIN_TYPE_NAME = /^(?:[a-z0-9_$ .]*|"char")$/;

/** A user type named with capitals or other characters prints quoted, part by part, as format_type() does: `app."Status"`. */
function quotedTypeName(name: string): string {
  return name
    .split('.')
    .map((part) => (/^[a-z_][a-z0-9_$]*$/.test(part) ? part : `"${part.replace(/"/g, '""')}"`))
    .join('.');
}

const INTERVAL_FULL_RANGE = 0x7fff;
/** The parser's interval field masks (datetime.h: MONTH 1<<1, YEAR 1<<2, DAY 1<<3, HOUR 1<<10, MINUTE 1<<11, SECOND 1<<12). */
const INTERVAL_FIELDS: Record<number, string> = {
  4: ' year',
  2: ' month',
  8: ' day',
  1024: ' hour',
  2048: ' minute',
  4096: ' second',
  6: ' year to month',
  1032: ' day to hour',
  3080: ' day to minute',
  7176: ' day to second',
  3072: ' hour to minute',
  7168: ' hour to second',
  6144: ' minute to second',
};

/** intervaltypmodout: `interval`, its fields (`day to second`), then its precision. */
function intervalText(mods: number[]): string {
  if (mods.length === 0) return 'interval';
  const [range, precision] = mods;
  const fields = range === INTERVAL_FULL_RANGE ? '' : (INTERVAL_FIELDS[range!] ?? '');
  return `interval${fields}${precision === undefined ? '' : `(${precision})`}`;
}
