import { describe, expect, it } from 'vitest';
import { stylish } from './stylish.js';
import { finding, input } from './test-input.js';

const FILE = 'db/migrations/001_init.sql';
const SQL = [
  'CREATE TABLE vendor_contact (',
  '  id uuid PRIMARY KEY,',
  '  vendor_id uuid REFERENCES vendor (id),',
  '  note varchar(20)',
  ');',
  '',
  '',
  '',
  '',
  'CREATE INDEX x ON vendor_contact (note);',
].join('\n');

const fkIndex = finding({ at: [3, 3, 3, 12], message: 'foreign key "vendor_contact_vendor_id_fkey" (vendor_id) has no index' });
const preferText = finding({ at: [4, 8, 4, 19], ruleId: 'prefer-text', severity: 'warn', message: 'use text' });
const late = finding({ at: [10, 14, 10, 15], ruleId: 'index-name-pattern', severity: 'warn', message: 'rename it' });

describe('stylish', () => {
  it('groups by file, aligns the columns and frames each finding', () => {
    const out = stylish(input([finding({ file: 'a.sql', at: [2, 1], ruleId: 'zz', message: 'no source here' }), fkIndex, preferText, late], { [FILE]: SQL }));
    expect(out).toBe(
      [
        '',
        'a.sql',
        '  2:1  error  no source here  zz',
        '    --> a.sql:2:1',
        '',
        FILE,
        '   3:3   error    foreign key "vendor_contact_vendor_id_fkey" (vendor_id) has no index  foreign-key-index',
        '      --> db/migrations/001_init.sql:3:3',
        '       |',
        '     3 |   vendor_id uuid REFERENCES vendor (id),',
        '       |   ^^^^^^^^^',
        '',
        '   4:8   warning  use text                                                              prefer-text',
        '      --> db/migrations/001_init.sql:4:8',
        '       |',
        '     4 |   note varchar(20)',
        '       |        ^^^^^^^^^^^',
        '',
        '  10:14  warning  rename it                                                             index-name-pattern',
        '      --> db/migrations/001_init.sql:10:14',
        '       |',
        '    10 | CREATE INDEX x ON vendor_contact (note);',
        '       |              ^',
        '',
        '✖ 4 problems (2 errors, 2 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('says "problem", "error" and "warning" in the singular when there is one', () => {
    expect(stylish(input([fkIndex], { [FILE]: SQL }))).toMatch(/\n✖ 1 problem \(1 error, 0 warnings\)\n$/);
    expect(stylish(input([preferText], { [FILE]: SQL }))).toMatch(/\n✖ 1 problem \(0 errors, 1 warning\)\n$/);
  });

  it('prints nothing when clean, and hides suppressed findings', () => {
    expect(stylish(input([]))).toBe('');
    const suppressed = { ...fkIndex, suppression: { kind: 'inSource' as const, justification: 'legacy' } };
    expect(stylish(input([suppressed], { [FILE]: SQL }))).toBe('');
    const out = stylish(input([suppressed, preferText], { [FILE]: SQL }));
    expect(out).not.toContain('foreign-key-index');
    expect(out).toContain('✖ 1 problem (0 errors, 1 warning)');
  });

  it('uses no ANSI codes without colour, and only adds them with colour', () => {
    const findings = [fkIndex, preferText];
    const plain = stylish(input(findings, { [FILE]: SQL }, { color: false }));
    const coloured = stylish(input(findings, { [FILE]: SQL }, { color: true }));
    expect(plain).not.toMatch(/\x1b/);
    expect(coloured).toMatch(/\x1b\[31m/); // red error
    expect(coloured).toMatch(/\x1b\[33m/); // yellow warning
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('expands tabs consistently so the carets stay under the span', () => {
    const text = 'CREATE TABLE t (\n\tid\tuuid,\n  \tnote\tvarchar(9)\n);';
    const out = stylish(input([finding({ file: 't.sql', at: [2, 5, 2, 9] }), finding({ file: 't.sql', at: [3, 9, 3, 19] })], { 't.sql': text }));
    expect(out).toContain(['    2 |     id  uuid,', '      |         ^^^^'].join('\n'));
    expect(out).toContain(['    3 |     note    varchar(9)', '      |             ^^^^^^^^^^'].join('\n'));
  });

  it('counts columns in UTF-16 units but places carets by terminal width', () => {
    // "名前" is two wide characters, "😀" one wide character of two UTF-16 units.
    const text = "COMMENT ON TABLE t IS '名前😀'; -- x";
    const col = text.indexOf('--') + 1;
    const out = stylish(input([finding({ file: 'w.sql', at: [1, col, 1, col + 2] })], { 'w.sql': text }));
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('    1 | '));
    const [line, carets] = [lines[at], lines[at + 1]];
    expect(line!.startsWith("    1 | COMMENT ON TABLE t IS '名前😀'; --")).toBe(true);
    // gutter (8) + "COMMENT ON TABLE t IS '" (23) + "名前😀" (6 columns, 4 code units) + "'; " (3)
    expect(carets!.indexOf('^')).toBe(8 + 23 + 6 + 3);
    expect(carets!.trim()).toMatch(/^\| +\^\^$/);
  });

  it('underlines a zero-width span, a span past the line end and the first line of a multi-line span', () => {
    const text = 'CREATE TABLE t (\n  a int\n);';
    const out = stylish(
      input(
        [
          finding({ file: 't.sql', at: [1, 1, 3, 3], ruleId: 'a', message: 'multi' }),
          finding({ file: 't.sql', at: [2, 3, 2, 3], ruleId: 'b', message: 'empty' }),
          finding({ file: 't.sql', at: [3, 3, 3, 3], ruleId: 'parse-error', message: 'eof' }),
        ],
        { 't.sql': text },
      ),
    );
    expect(out).toContain(['    1 | CREATE TABLE t (', '      | ^^^^^^^^^^^^^^^^'].join('\n'));
    expect(out).toContain(['    2 |   a int', '      |   ^\n'].join('\n'));
    expect(out).toContain(['    3 | );', '      |   ^\n'].join('\n'));
  });

  it('makes control characters in names, messages and source lines visible instead of emitting them', () => {
    const text = 'CREATE TABLE "bad\x1b[31m" (id int);';
    const out = stylish(input([finding({ file: 'x\ny.sql', at: [1, 14, 1, 24], message: 'table "a\nb" has a \x1b[2J name' })], { 'x\ny.sql': text }));
    expect(out).not.toMatch(/\x1b/);
    expect(out).toContain('x␊y.sql');
    expect(out).toContain('  1:14  error  table "a␊b" has a ␛[2J name  foreign-key-index\n');
    expect(out).toContain('    1 | CREATE TABLE "bad␛[31m" (id int);\n      |              ^^^^^^^^^^\n');
  });

  it('renders the same input identically every time', () => {
    const make = () => input([fkIndex, preferText, late], { [FILE]: SQL });
    expect(stylish(make())).toBe(stylish(make()));
  });
});
