/** The replay keeps the name as written wherever PostgreSQL truncated it, multi-byte names included. */
import { expect, it } from 'vitest';
import { buildModel } from '../../build.js';
import { loadParser } from '../parser.js';

await loadParser();

function table(sql: string) {
  const model = buildModel([{ name: 'app', dir: 'app', migrations: [{ path: 'app/migrations/001_m.sql', bytes: new TextEncoder().encode(sql) }] }], 'global');
  return [...model.catalog.tables.values()][0]!;
}

it('notes the written name when a cut at a character boundary leaves fewer than 63 bytes', () => {
  // 32 × é is 64 bytes; PostgreSQL keeps 31 of them (62 bytes) rather than split the 32nd.
  const t = table(`CREATE TABLE "${'é'.repeat(32)}" ("${'€'.repeat(22)}" text);`);
  expect(t.name).toBe('é'.repeat(31));
  expect(t.declaredName).toBe('é'.repeat(32));
  // 22 × € is 66 bytes; 21 of them are 63.
  expect(t.columns[0]!.name).toBe('€'.repeat(21));
  expect(t.columns[0]!.declaredName).toBe('€'.repeat(22));
});

it('notes nothing for names within the limit', () => {
  const t = table(`CREATE TABLE "${'é'.repeat(31)}" (${'c'.repeat(63)} text);`);
  expect(t.declaredName).toBeUndefined();
  expect(t.columns[0]!.declaredName).toBeUndefined();
});
