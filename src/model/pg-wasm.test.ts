import { loadModule, parseSync, scanSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPgQuery, parseToJson, scanTokens } from './pg-wasm.js';

// The binding calls libpg-query's WebAssembly exports itself: it must give exactly what libpg-query's own API gives.
beforeAll(async () => {
  await Promise.all([loadPgQuery(), loadModule()]);
});

const statements = [
  'CREATE TABLE risk (id uuid PRIMARY KEY DEFAULT generate_uuidv7(), "Name" text NOT NULL)',
  "COMMENT ON TABLE risk IS 'Risque évalué — 風險 😀'",
  'CREATE POLICY p ON risk USING (organisation_id = current_setting($$app.current_organisation_id$$)::uuid)',
  'SELECT 1; SELECT 2',
  '-- only a comment',
];

describe('pg-wasm binding', () => {
  it.each(statements)('parses %s to the tree libpg-query gives', (sql) => {
    const result = parseToJson(sql);
    expect('json' in result).toBe(true);
    if ('json' in result) expect(JSON.parse(result.json)).toEqual(parseSync(sql));
  });

  it('reports a syntax error with its message and a 0-based code-point cursor, as libpg-query does', () => {
    const sql = "SELECT 'é' FROM WHERE";
    const result = parseToJson(sql);
    let details: { message: string; cursorPosition: number } | undefined;
    try {
      parseSync(sql);
    } catch (e) {
      details = (e as { sqlDetails: typeof details }).sqlDetails;
    }
    expect(result).toEqual({ error: { message: details?.message, cursor: details?.cursorPosition } });
    expect(result).toEqual({ error: { message: 'syntax error at or near "WHERE"', cursor: 16 } });
  });

  it('scans tokens as libpg-query does', () => {
    const sql = 'select "Größe", status from risk';
    expect(scanTokens(sql).tokens).toEqual(scanSync(sql).tokens);
  });

  it('survives the WebAssembly memory growing between calls', () => {
    const big = `SELECT ${Array.from({ length: 20000 }, (_, i) => `'value ${i} ✓'`).join(', ')}`;
    const first = parseToJson(big);
    expect('json' in first && JSON.parse(first.json).stmts).toHaveLength(1);
    expect(parseToJson('SELECT 1')).toEqual({ json: JSON.stringify(parseSync('SELECT 1')) });
  });
});
