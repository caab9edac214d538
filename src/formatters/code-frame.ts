import type { Location } from '../model/location.js';
import type { SourceFile } from '../sources/source-file.js';
import { displayLine, textWidth, visibleText } from './display.js';

export interface FrameStyle {
  gutter(text: string): string;
  marker(text: string): string;
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

  const shown = displayLine(source.lineText(loc.line));
  const text = shown.text.trimEnd();
  const start = shown.columnOf(loc.column - 1);
  const end = loc.endLine === loc.line ? shown.columnOf(loc.endColumn - 1) : textWidth(text);
  const carets = '^'.repeat(Math.max(1, end - start));

  lines.push(`${indent}${pad} ${style.gutter('|')}`);
  lines.push(`${indent}${style.gutter(`${number} |`)}${text ? ` ${text}` : ''}`);
  lines.push(`${indent}${pad} ${style.gutter('|')} ${' '.repeat(start)}${style.marker(carets)}`);
  return lines;
}

