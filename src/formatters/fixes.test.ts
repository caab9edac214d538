import { describe, expect, it } from 'vitest';
import { github } from './github.js';
import { json } from './json.js';
import { stylish } from './stylish.js';
import { CWD, finding, input } from './test-input.js';

const SCHEMA = '{\n  "tables": [\n    { "name": "vendor", "indexes": [] }\n  ]\n}\n';

const sqlFix = finding({
  file: 'db/migrations/001_init.sql',
  at: [2, 3],
  message: 'foreign key "f" (b) has no index',
  messageId: 'missing',
  data: { name: 'f', columns: 'b' },
  fix: { kind: 'sql', sql: 'CREATE INDEX idx_a_b ON a (b)', file: 'db/migrations/002_ismslint_fixes.sql' },
});
const jsonFix = finding({
  file: 'mod/schema.json',
  at: [3, 15],
  message: 'no index',
  fix: { kind: 'json', file: 'mod/schema.json', op: 'append', path: ['tables', 0, 'indexes'], value: { name: 'idx_vendor_x', columns: ['x'] } },
});

describe('fixes in the formatters', () => {
  it('stylish shows an indented fix: line under the message', () => {
    const out = stylish(input([sqlFix, jsonFix]));
    expect(out).toContain('  2:3  error  foreign key "f" (b) has no index  foreign-key-index\n              fix: CREATE INDEX idx_a_b ON a (b);\n');
    expect(out).toContain('fix: add {"name":"idx_vendor_x","columns":["x"]} to tables[0].indexes\n');
  });

  it('github puts the fix on the annotation line after the message', () => {
    expect(github(input([sqlFix]))).toContain('::foreign key "f" (b) has no index%0Afix: CREATE INDEX idx_a_b ON a (b);\n');
  });

  it('json keeps messageId and data, and gives the fix as an ESLint suggestion', () => {
    const results = JSON.parse(json(input([sqlFix, jsonFix], { 'mod/schema.json': SCHEMA })));
    const sqlMessage = results.find((r: { filePath: string }) => r.filePath.endsWith('001_init.sql')).messages[0];
    expect(sqlMessage.messageId).toBe('missing');
    expect(sqlMessage.data).toEqual({ name: 'f', columns: 'b' });
    expect(sqlMessage.suggestions).toEqual([
      {
        desc: 'Add to a new migration: CREATE INDEX idx_a_b ON a (b);',
        fix: { filePath: `${CWD}/db/migrations/002_ismslint_fixes.sql`, range: [0, 0], text: 'CREATE INDEX idx_a_b ON a (b);\n' },
      },
    ]);
    const [suggestion] = results.find((r: { filePath: string }) => r.filePath.endsWith('schema.json')).messages[0].suggestions;
    expect(suggestion.desc).toBe('add {"name":"idx_vendor_x","columns":["x"]} to tables[0].indexes');
    expect(suggestion.edit).toEqual(jsonFix.fix);
    const [start, end] = suggestion.fix.range;
    const applied = SCHEMA.slice(0, start) + suggestion.fix.text + SCHEMA.slice(end);
    expect(JSON.parse(applied).tables[0].indexes).toEqual([{ name: 'idx_vendor_x', columns: ['x'] }]);
  });
});
