import type { Location } from '../model/location.js';

/** A decoded input file with fast offset → line/column lookup. */
export class SourceFile {
  readonly lineStarts: number[];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  span(start: number, end: number = start): Location {
    const a = this.position(start);
    const b = end === start ? a : this.position(end);
    return { file: this.path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string; offset: number };

/** Decode strictly as UTF-8; binary and mis-encoded files are reported, never guessed at. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, reason: 'file is binary (contains a NUL byte), not SQL text', offset: nul };
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return { ok: false, reason: `file is not valid UTF-8 (invalid byte 0x${bytes[offset]?.toString(16).padStart(2, '0')} at byte ${offset})`, offset };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1));
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  // A prefix that ends inside a multi-byte character fails too; step back to its lead byte.
  let at = lo;
  while (at > 0 && (bytes[at]! & 0xc0) === 0x80) at--;
  return at;
}

/** Line of a byte offset in undecodable bytes, so even a bad file gets a line number. */
export function lineOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
