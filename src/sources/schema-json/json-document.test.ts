import { describe, expect, it } from 'vitest';
import { lintCase } from '../../../rules/test-harness.js';
import { buildModel } from '../build.js';
import { createSchemaJsonLoader } from './index.js';
import { rawOffsets } from './json-document.js';

/** Findings of reading app/schema.json alone, as `line:column rule: message`. */
function read(text: string): string[] {
  return lintCase({ schemaJson: { 'app/schema.json': text } }, ['parse-error', 'schema-definition-invalid']).map((f) => `${f.loc.line}:${f.loc.column} ${f.ruleId}: ${f.message}`);
}

/** The harness takes schema.json as text; bytes go through buildModel directly. */
function readBytes(bytes: Uint8Array): string[] {
  const model = buildModel([{ name: 'app', dir: 'app', schemaJson: { path: 'app/schema.json', bytes }, migrations: [] }], 'global', createSchemaJsonLoader({ today: '2026-01-01' }));
  return model.findings.map((f) => `${f.loc.line}:${f.loc.column} ${f.ruleId}: ${f.message}`);
}

describe('schema.json that is not JSON: parse-error at the exact place', () => {
  it.each([
    ['missing comma', '{\n  "module": "app"\n  "tables": []\n}', '3:3 parse-error: invalid JSON: expected "," between values'],
    ['trailing comma (at the comma)', '{\n  "module": "app",\n  "tables": [],\n}', '3:15 parse-error: invalid JSON: trailing comma: JSON allows no "," before "}" or "]"'],
    ['comment', '{\n  // the module\n  "module": "app", "tables": []\n}', '2:3 parse-error: invalid JSON: comments are not allowed in JSON: put notes in "description"'],
    ['single quotes', "{ 'module': 'app' }", '1:3 parse-error: invalid JSON: JSON strings and property names take double quotes, not single quotes'],
    ['unterminated string', '{ "module": "app\n}', '1:13 parse-error: invalid JSON: unterminated string: a JSON string ends with " on the same line'],
    ['bare word', '{ "module": app }', '1:13 parse-error: invalid JSON: unexpected character: expected a JSON value (a string in double quotes, a number, true, false, null, an object or an array)'],
    ['two values', '{ "module": "app", "tables": [] } {}', '1:35 parse-error: invalid JSON: expected the end of the file: a JSON file holds one value'],
    ['cut short', '{ "module": "app", "tables": [', '1:31 parse-error: invalid JSON: unexpected end of file: expected "]" to close the array'],
    ['empty', '', '1:1 parse-error: invalid JSON: file is empty: expected a JSON object describing the module'],
    ['bad escape', '{ "module": "a\\qb" }', '1:13 parse-error: invalid JSON: invalid escape sequence: JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX'],
  ])('%s', (_name, text, want) => {
    expect(read(text)).toEqual([want]);
  });

  it('columns count UTF-16 units after multi-byte characters, as editors do', () => {
    expect(read('{ "description": "Lieferantenrisiko – Übersicht" "module": "app" }')).toEqual(['1:50 parse-error: invalid JSON: expected "," between values']);
  });

  it('a file that is not UTF-8 is reported, never guessed at', () => {
    expect(readBytes(new Uint8Array([0x7b, 0x0a, 0x22, 0xff, 0x22, 0x7d]))).toEqual([expect.stringMatching(/^2:2 parse-error: file is not valid UTF-8 \(invalid byte 0xff at byte 3\)/)]);
    expect(readBytes(new Uint8Array([0x7b, 0x00, 0x7d]))).toEqual([expect.stringMatching(/^1:2 parse-error: file is binary \(contains a NUL byte\)/)]);
    expect(readBytes(new Uint8Array([0x7b, 0x00, 0x7d]))[0]).not.toMatch(/SQL/);
  });
});

describe('schema.json that breaks the JSON Schema: schema-definition-invalid at the value at fault', () => {
  const doc = (tables: string) => `{\n  "module": "app",\n  "tables": [\n${tables}\n  ]\n}`;
  const table = '    { "name": "vendor", "columns": [{ "name": "id", "type": "uuid" }] }';

  it('every violation, each worded for people and placed at its value', () => {
    const text = [
      '{',
      '  "module": "Vendor-Risk",',
      '  "version": "1.2",',
      '  "tables": [',
      '    {',
      '      "name": "vendor",',
      '      "kind": "tenants",',
      '      "columns": [',
      '        { "name": "id", "type": "uuid", "nullable": "no" },',
      '        { "name": "email", "typ": "text" }',
      '      ],',
      '      "indexes": [{ "columns": ["id", 5, { "column": "id", "expression": "lower(id)" }] }],',
      '      "rls": { "enabled": true, "policies": [{ "name": "p", "command": "ALL" }] },',
      '      "waivers": [{ "rule": "rls-forced", "reason": "", "approvedBy": "CISO", "expires": "2027-02-30" }]',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    expect(read(text)).toEqual([
      '2:13 schema-definition-invalid: "module" "Vendor-Risk" must be snake_case: lower-case letters and digits in words joined by single underscores, e.g. "vendor_risk"',
      '3:14 schema-definition-invalid: "version" "1.2" must be a semantic version MAJOR.MINOR.PATCH, e.g. "1.2.0"',
      '7:15 schema-definition-invalid: tables[0]: "kind" must be one of: "tenant", "global", "integration", "log" (did you mean "tenant"?)',
      '9:53 schema-definition-invalid: tables[0].columns[0]: "nullable" must be a boolean',
      '10:9 schema-definition-invalid: tables[0].columns[1]: missing required property "type"',
      '10:28 schema-definition-invalid: tables[0].columns[1]: unknown property "typ" (did you mean "type"?)',
      '12:39 schema-definition-invalid: tables[0].indexes[0].columns: item 1 must be a string or an object',
      '12:42 schema-definition-invalid: tables[0].indexes[0].columns[2]: needs exactly one of "column" or "expression"',
      '13:72 schema-definition-invalid: tables[0].rls.policies[0]: "command" must be one of: "all", "select", "insert", "update", "delete"',
      '14:53 schema-definition-invalid: tables[0].waivers[0]: "reason" must not be empty',
      '14:90 schema-definition-invalid: tables[0].waivers[0]: "expires" must be a valid date (YYYY-MM-DD) (got "2027-02-30")',
    ]);
  });

  it('the document itself: not an object, or without its required properties', () => {
    expect(read('[]')).toEqual(['1:1 schema-definition-invalid: the document must be an object']);
    expect(read('{}')).toEqual(['1:1 schema-definition-invalid: missing required property "module"', '1:1 schema-definition-invalid: missing required property "tables"']);
  });

  it('a valid document gives no findings; `module` may differ from the directory name', () => {
    expect(read(doc(table))).toEqual([]);
    expect(read(doc(table).replace('"app"', '"vendor_risk"'))).toEqual([]);
  });

  it('an invalid table stops the module being built, so rules do not judge half a definition', () => {
    const text = doc('    { "name": "vendor", "columns": [{ "name": "id", "type": "uuid", "nullable": 1 }] }');
    const findings = lintCase({ schemaJson: { 'app/schema.json': text } }, ['schema-definition-invalid', 'rls-enabled', 'primary-key-required']);
    expect(findings.map((f) => f.ruleId)).toEqual(['schema-definition-invalid']);
    const valid = lintCase({ schemaJson: { 'app/schema.json': doc(table).replace('"app"', '"App"') } }, ['schema-definition-invalid', 'rls-enabled']);
    expect(valid.map((f) => f.ruleId)).toEqual(['schema-definition-invalid', 'rls-enabled']);
  });
});

describe('rawOffsets', () => {
  it('maps each decoded character of a JSON string to its place in the file, across escapes', () => {
    const text = '"a\\"b\\u00e9c"';
    const offsets = rawOffsets(text, 0);
    expect(offsets).toEqual([1, 2, 4, 5, 11, 12]);
  });
});
