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

export function normaliseTypeName(raw: string): string {
  const lower = raw.trim().replace(/\s+/g, ' ');
  const bare = lower.startsWith('pg_catalog.') ? lower.slice('pg_catalog.'.length) : lower;
  return ALIASES[bare] ?? bare;
}

export function makeTypeRef(rawName: string, mods: number[] = [], arrayDims = 0): TypeRef {
  const name = normaliseTypeName(rawName);
  return { name, mods, arrayDims, text: typeText(name, mods, arrayDims) };
}

/** How format_type() writes a type: modifiers go after the first word for timestamp/time types. */
export function typeText(name: string, mods: number[], arrayDims: number): string {
  let text = name;
  if (mods.length > 0) {
    const m = `(${mods.join(',')})`;
    const tz = name.match(/^(timestamp|time)( with(out)? time zone)$/);
    text = tz ? `${tz[1]}${m}${tz[2]}` : `${name}${m}`;
  }
  return text + '[]'.repeat(arrayDims);
}

export const TIMESTAMP_TYPES = new Set(['timestamp with time zone', 'timestamp without time zone', 'date']);

export function isTimestampType(t: TypeRef): boolean {
  return t.arrayDims === 0 && (t.name === 'timestamp with time zone' || t.name === 'timestamp without time zone');
}
