/**
 * Terminal rendering of untrusted text (identifiers, SQL lines): control characters are shown as
 * visible symbols, so a table name can never inject escape sequences or break a line.
 */

export const TAB_SIZE = 4;

/** What a single code point looks like on a terminal. Tabs are handled by the caller. */
export function visibleChar(cp: number): string {
  if (cp < 0x20) return String.fromCodePoint(0x2400 + cp); // ␀..␟ control pictures
  if (cp === 0x7f) return '\u2421'; // ␡
  if (cp >= 0x80 && cp < 0xa0) return '\ufffd'; // C1 controls, e.g. 0x9b would start a CSI sequence
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return '\ufffd'; // bidi overrides
  return String.fromCodePoint(cp);
}

/** A message or path made safe for one terminal line. */
export function visibleText(text: string): string {
  // One replace, not a string built a character at a time: that leaves a rope of one piece per
  // character, which a report of 100,000 messages would hold in memory until it is printed.
  return text.replace(INVISIBLE, (ch) => visibleChar(ch.codePointAt(0)!));
}

/** The characters visibleChar changes: C0 and C1 controls, DEL and the bidi overrides. */
const INVISIBLE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Columns a code point occupies in a monospace terminal (East Asian wide = 2, combining = 0). */
export function charWidth(cp: number): number {
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function textWidth(text: string): number {
  // Below U+0300 every code point is one column (charWidth): most text is measured by its length.
  if (!WIDE_OR_COMBINING.test(text)) return text.length;
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** Any code unit from U+0300 on: a combining, wide or astral character may be in the text. */
const WIDE_OR_COMBINING = /[^\u0000-\u02ff]/;

export function padEndTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

export function padStartTo(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - textWidth(text))) + text;
}

export interface DisplayLine {
  /** The line as printed: tabs expanded to tab stops, control characters made visible. */
  text: string;
  /** Terminal column (0-based) where the UTF-16 code unit at `index` starts; past the end: the line's width. */
  columnOf(index: number): number;
}

/** Lay out a source line for a code frame, keeping a map from UTF-16 columns to terminal columns. */
export function displayLine(line: string, tabSize = TAB_SIZE): DisplayLine {
  const starts: number[] = [];
  let text = '';
  let width = 0;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    for (let k = 0; k < units; k++) starts.push(width);
    if (cp === 9) {
      const spaces = tabSize - (width % tabSize);
      text += ' '.repeat(spaces);
      width += spaces;
    } else {
      const shown = visibleChar(cp);
      text += shown;
      width += textWidth(shown);
    }
    i += units;
  }
  return { text, columnOf: (index) => (index >= 0 && index < starts.length ? starts[index]! : index < 0 ? 0 : width) };
}
