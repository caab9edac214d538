/** Quoting for every name and value that comes from a schema: always quoted, never trusted. */

export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

export function literal(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** `'"public"."vendor"'::regclass`: a table as a catalog lookup. */
export function regclass(schema: string, table: string): string {
  return `${literal(qualified(schema, table))}::regclass`;
}

/** `ARRAY['a', 'b']::name[]`. */
export function nameArray(names: string[]): string {
  return names.length ? `ARRAY[${names.map(literal).join(', ')}]::name[]` : `'{}'::name[]`;
}
