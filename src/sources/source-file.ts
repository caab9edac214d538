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
    // Most spans end on the line they start on: no second search for those.
    const next = this.lineStarts[a.line];
    const b = end === start ? a : end > start && (next === undefined || end < next) ? { line: a.line, column: a.column + end - start } : this.position(end);
    return { file: this.path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** Length of a line in UTF-16 units, without its line break. */
  lineLength(line: number): number {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return end - start - (end > start && this.text.charCodeAt(end - 1) === 13 ? 1 : 0);
  }

  /** A line's text without its line break; `from`/`to` (UTF-16 offsets in the line) cut out a part. */
  lineText(line: number, from = 0, to = this.lineLength(line)): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    return this.text.slice(start + from, start + Math.min(to, this.lineLength(line)));
  }
}

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string; offset: number };

/** Decode strictly as UTF-8; binary and mis-encoded files are reported, never guessed at. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, reason: 'file is binary (contains a NUL byte), not text: only text files belong here', offset: nul };
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return { ok: false, reason: `file is not valid UTF-8 (invalid byte 0x${bytes[offset]?.toString(16).padStart(2, '0')} at byte ${offset}): save it as UTF-8`, offset };
  }
}

/** Offset of the first byte of the first ill-formed UTF-8 sequence (Unicode's well-formed byte ranges). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const trail = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (trail < 0 || i + trail >= bytes.length) return i;
    // The second byte's range is narrower after E0, ED, F0 and F4 (no overlongs, surrogates or > U+10FFFF).
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (trail > 0 && (bytes[i + 1]! < lo || bytes[i + 1]! > hi)) return i;
    for (let k = 2; k <= trail; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += trail + 1;
  }
  return bytes.length;
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
  // Columns count UTF-16 units like everywhere else; the line's bytes before the offset are valid UTF-8.
  return { line, column: new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1 };
}
