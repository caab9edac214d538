/**
 * A value with the named keys removed at every depth, and undefined properties left out (as `toEqual`
 * ignores them): how tests compare what two sources built, apart from what differs by nature (places,
 * module, documentation).
 */
export function withoutKeys(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutKeys(v, keys));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => v !== undefined && !keys.includes(k))
        .map(([k, v]) => [k, withoutKeys(v, keys)]),
    );
  return value;
}
