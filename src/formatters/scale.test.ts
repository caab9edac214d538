// Output grows with the number of findings, not with the length of the lines they sit on.
import { describe, expect, it } from 'vitest';
import { codeFrame, FRAME_WIDTH } from './code-frame.js';
import { github } from './github.js';
import { sarif } from './sarif.js';
import { stylish, wrapText } from './stylish.js';
import { CWD, finding, input } from './test-input.js';

const plain = { gutter: (s: string) => s, marker: (s: string) => s };

describe('code frames of long lines', () => {
  const line = 'x'.repeat(1_000_000) + ' CREATE TABLE t (n varchar(9)); ' + 'y'.repeat(1_000_000);
  const column = 1_000_000 + 20;

  it('show a window around the column, with the carets under the span', () => {
    const frame = codeFrame({ file: 'f.sql', line: 1, column, endLine: 1, endColumn: column + 7 }, input([], { 'f.sql': line }).sources.get('f.sql'), plain);
    expect(frame.join('\n').length).toBeLessThan(FRAME_WIDTH * 3);
    const [, , text, carets] = frame;
    expect(text).toMatch(/^ {4}1 \| …x+ CREATE TABLE t \(n varchar\(9\)\); y+…$/);
    const at = carets!.indexOf('^');
    expect(text!.slice(at, at + 7)).toBe('varchar');
    expect(carets!.trim()).toMatch(/^\| +\^{7}$/);
  });

  it('a stylish report of 1,000 findings on a 2 MB line stays small', () => {
    const findings = Array.from({ length: 1000 }, (_, i) => finding({ file: 'f.sql', at: [1, 1 + i * 2000, 1, 5 + i * 2000] }));
    const out = stylish(input(findings, { 'f.sql': line }));
    expect(out.length).toBeLessThan(1000 * 600);
  });

  it('short lines are shown whole', () => {
    const frame = codeFrame({ file: 'f.sql', line: 1, column: 3, endLine: 1, endColumn: 5 }, input([], { 'f.sql': 'abcdef' }).sources.get('f.sql'), plain);
    expect(frame[2]).toBe('    1 | abcdef');
    expect(frame[3]).toBe('      |   ^^');
  });
});

describe('stylish wraps messages for the terminal', () => {
  const long = 'foreign key "vendor_contact_vendor_id_fkey" (vendor_id) has no index: add CREATE INDEX ON vendor_contact (vendor_id) so that deletes in the parent do not scan this table';

  it('to the width it is given, rule ids after the first line', () => {
    const out = stylish(input([finding({ at: [3, 3], message: long }), finding({ at: [4, 1], message: 'short' })], {}, { columns: 80 }));
    const lines = out.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('    -->'));
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^ {2}3:3 {2}error {2}foreign key .* foreign-key-index$/);
    expect(lines[1]).toMatch(/^ {14}\S/);
    expect(out).toMatch(/ {2}4:1 {2}error {2}short +foreign-key-index/);
    expect(out.replace(/ +foreign-key-index\n {14}/, ' ').replace(/\n {14}/g, ' ')).toContain(long);
  });

  it('does not pad short messages to the longest one', () => {
    const out = stylish(input([finding({ at: [3, 3], message: 'x'.repeat(500) }), finding({ at: [4, 1], message: 'short' })], {}, { columns: 100 }));
    expect(out.split('\n').every((l) => l.length <= 100)).toBe(true);
  });

  it('wrapText breaks at spaces and inside over-long words', () => {
    expect(wrapText('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrapText('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
  });
});

describe('SARIF and github paths are relative to the repository root', () => {
  const f = finding({ file: 'db/m/001.sql', at: [1, 1] });
  it('whatever the working directory', () => {
    const over = { cwd: `${CWD}/sub`, baseDir: CWD };
    expect(github(input([f], {}, over))).toMatch(/^::error file=sub\/db\/m\/001\.sql,/);
    const log = JSON.parse(sarif(input([f], {}, over)));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'sub/db/m/001.sql', uriBaseId: '%SRCROOT%' });
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${CWD}/`);
  });
});
