/** Markdown that shows model text as text: names, comments and expressions cannot start markup, HTML or new cells. */

/**
 * Inline text (a table cell, or after a label on a line): HTML and the inline Markdown punctuation
 * escaped, line breaks as <br> so that the text never starts a line where `#`, `-` or `1.` would count.
 */
export function mdText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~$])/g, '\\$1')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * A code span: the fence is longer than any backtick run inside; a line break becomes a space. In a
 * table cell `|` is escaped even inside the span, because GFM splits cells before it reads code spans
 * (elsewhere the backslash would show).
 */
export function mdCode(text: string, inTable = false): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, ' ');
  const flat = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export function mdTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`;
  return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

export function mdList(items: string[]): string {
  return items.map((i) => `- ${i}`).join('\n');
}
