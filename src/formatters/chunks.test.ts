import { describe, expect, it } from 'vitest';
import { Chunks, writeInBatches } from '../commands/io.js';
import { textWidth, visibleText } from './display.js';
import { chunkedFormatters, formatNames } from './index.js';
import { finding, input } from './test-input.js';

/** Findings with what makes output hard to get right: fixes, suppressions, multi-byte text, control characters, several files. */
const findings = [
  finding({ file: 'a/001.sql', at: [1, 14, 1, 20], message: 'table "ünïcödé" has no index … [see](x)', logical: 'public.ünïcödé', fix: { kind: 'sql', sql: 'CREATE INDEX ON "ünïcödé" (a)' } }),
  finding({ file: 'a/001.sql', at: [2, 1, 3, 4], ruleId: 'prefer-text', severity: 'warn', message: 'line\nbreak and \x1b[2J escape' }),
  finding({ file: 'a/001.sql', at: [4, 1], message: 'waived', suppression: { kind: 'inSource', justification: 'legacy "quoted"' } }),
  finding({ file: 'b/schema.json', at: [1, 1], ruleId: 'parse-error', message: 'syntax error' }),
];
const sources = { 'a/001.sql': 'CREATE TABLE "ünïcödé" (a int);\r\n\tb varchar(9),\r\n\x1b;\n--\n', 'b/schema.json': '{' };

describe('formats in pieces', () => {
  it('SARIF in pieces is the log JSON.stringify would indent', () => {
    for (const fs of [findings, [], findings.slice(0, 1)]) {
      const out = [...chunkedFormatters.sarif(input(fs, sources))].join('');
      expect(out).toBe(`${JSON.stringify(JSON.parse(out), null, 2)}\n`);
      expect(JSON.parse(out).runs[0].results).toHaveLength(fs.length);
    }
  });

  it('JSON in pieces is the compact array JSON.stringify would write, counts included', () => {
    const out = [...chunkedFormatters.json(input(findings, sources))].join('');
    expect(out).toBe(`${JSON.stringify(JSON.parse(out))}\n`);
    const [a, b] = JSON.parse(out);
    expect([a.messages.length, a.suppressedMessages.length, a.errorCount, a.warningCount, a.fatalErrorCount]).toEqual([2, 1, 1, 1, 0]);
    expect([b.errorCount, b.fatalErrorCount]).toEqual([1, 1]);
    expect([...chunkedFormatters.json(input([]))].join('')).toBe('[]\n');
  });

  it('stylish in pieces ends every line, and gives nothing for nothing', () => {
    const many = Array.from({ length: 400 }, (_, i) => finding({ file: 'a/001.sql', at: [1 + (i % 4), 1], message: `m${i}` }));
    const pieces = [...chunkedFormatters.stylish(input(many, sources))];
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) expect(p.endsWith('\n')).toBe(true);
    expect(pieces.join('')).toMatch(/\n✖ 400 problems \(400 errors, 0 warnings\)\n$/);
    expect([...chunkedFormatters.stylish(input([]))]).toEqual([]);
  });

  it('every format is written in batches of bounded size that add up to the whole', () => {
    const many = Array.from({ length: 3000 }, (_, i) => finding({ file: `f${i % 3}.sql`, at: [1, 1], message: `message ${i} ${'x'.repeat(100)}` }));
    for (const name of formatNames) {
      const whole = [...chunkedFormatters[name](input(many))].join('');
      const batches: string[] = [];
      writeInBatches(new Chunks(chunkedFormatters[name](input(many))), (t) => batches.push(t));
      expect(batches.join('')).toBe(whole);
      expect(batches.length).toBeGreaterThan(1);
      for (const b of batches.slice(0, -1)) expect(b.length).toBeLessThan(200 * 1024);
    }
  });
});

describe('visibleText', () => {
  it('shows control characters, C1 controls and bidi overrides, and keeps everything else', () => {
    expect(visibleText('a\x00b\x1b[2J\x7f\x9b\u202e\u2066 ünï 😀 \ud800')).toBe('a␀b␛[2J␡\ufffd\ufffd\ufffd ünï 😀 \ud800');
    const plain = 'table "x" has no index';
    expect(visibleText(plain)).toBe(plain);
  });
});

describe('textWidth', () => {
  it('counts columns, by length below U+0300 and by character above', () => {
    expect(['', 'abc', 'é\x1bñ', 'e\u0301', '漢字', 'a😀b', '\u02ff\u0300'].map(textWidth)).toEqual([0, 3, 3, 1, 4, 4, 1]);
  });
});
