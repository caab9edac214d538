import type { Location } from '../model/location.js';
import type { SourceFile } from '../sources/source-file.js';
import { displayLine, textWidth, visibleText } from './display.js';

export interface FrameStyle {
  gutter(text: string): string;
  marker(text: string): string;
}

/** A longer line is shown as a window around the finding: a 10 MB one-line file prints ~200 bytes per frame. */
export const FRAME_WIDTH = 160;
/** How much of the line before the column the window keeps, when the line is cut. */
const CONTEXT_BEFORE = 40;
const ELLIPSIS = '…';

/** The part of a line a frame shows: UTF-16 offsets within the line, never the whole of a huge line. */
export function frameWindow(lineLength: number, column: number): { from: number; to: number } {
  if (lineLength <= FRAME_WIDTH) return { from: 0, to: lineLength };
  const from = Math.max(0, Math.min(column - 1 - CONTEXT_BEFORE, lineLength - FRAME_WIDTH));
  return { from, to: Math.min(lineLength, from + FRAME_WIDTH) };
}

/**
 * A rustc-style frame: the location, the first line of the span with its number, and carets under
 * the span (to the end of that line when the span continues on later lines). `gutterWidth` lines up
 * the frames of one file when their line numbers differ in length.
 */
export function codeFrame(loc: Location, source: SourceFile | undefined, style: FrameStyle, gutterWidth = 0, indent = '    '): string[] {
  const hasLine = source !== undefined && loc.line >= 1 && loc.line <= source.lineStarts.length;
  const number = String(loc.line).padStart(gutterWidth);
  const pad = ' '.repeat(hasLine ? number.length : 0);
  const lines = [`${indent}${pad}${style.gutter('-->')} ${visibleText(loc.file)}:${loc.line}:${loc.column}`];
  if (!hasLine) return lines;

  const length = source.lineLength(loc.line);
  const { from, to } = frameWindow(length, loc.column);
  const lead = from > 0 ? ELLIPSIS : '';
  const tail = to < length ? ELLIPSIS : '';
  const shown = displayLine(source.lineText(loc.line, from, to));
  const text = shown.text.trimEnd();
  const at = (column: number) => textWidth(lead) + shown.columnOf(Math.min(Math.max(column - 1 - from, 0), to - from));
  const start = at(loc.column);
  const end = loc.endLine === loc.line ? at(loc.endColumn) : textWidth(lead) + textWidth(text);
  const carets = '^'.repeat(Math.max(1, end - start));

  lines.push(`${indent}${pad} ${style.gutter('|')}`);
  lines.push(`${indent}${style.gutter(`${number} |`)}${text ? ` ${lead}${text}${tail}` : ''}`);
  lines.push(`${indent}${pad} ${style.gutter('|')} ${' '.repeat(start)}${style.marker(carets)}`);
  return lines;
}
