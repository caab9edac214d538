import { describe, expect, it } from 'vitest';
import { decodeUtf8, lineOfByte } from './source-file.js';

const bad = (...bytes: number[]) => {
  const r = decodeUtf8(new Uint8Array(bytes));
  return r.ok ? undefined : r.offset;
};

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops a byte order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]))).toEqual({ ok: true, text: 'aé' });
  });

  it('points at the first byte of the first ill-formed sequence, after valid multi-byte characters', () => {
    expect(bad(0x61, 0xe6, 0x97, 0xa5, 0xe6, 0x9c, 0xac, 0xff)).toBe(7);
    expect(bad(0x61, 0xef, 0x76, 0x61)).toBe(1);
    expect(bad(0x61, 0xc3)).toBe(1);
    expect(bad(0xc0, 0x80)).toBe(0);
    expect(bad(0x61, 0xed, 0xa0, 0x80)).toBe(1);
    expect(bad(0xf4, 0x90, 0x80, 0x80)).toBe(0);
    expect(bad(0xf0, 0x9f, 0x98, 0x80, 0x80)).toBe(4);
  });

  it('reports a NUL byte as a binary file', () => {
    const r = decodeUtf8(new Uint8Array([0x61, 0x0a, 0x00]));
    expect(r).toMatchObject({ ok: false, offset: 2, reason: /binary/ });
  });
});

describe('lineOfByte', () => {
  it('gives the line and the UTF-16 column of a byte offset', () => {
    const bytes = new TextEncoder().encode('ab\n日本😀x');
    expect(lineOfByte(bytes, 0)).toEqual({ line: 1, column: 1 });
    expect(lineOfByte(bytes, 3)).toEqual({ line: 2, column: 1 });
    expect(lineOfByte(bytes, 13)).toEqual({ line: 2, column: 5 });
  });
});
