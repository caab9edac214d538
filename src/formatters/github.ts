import type { Finding } from '../engine/finding.js';
import { fixText } from '../engine/fix.js';
import { unsuppressed } from './group.js';
import { rebased } from './paths.js';
import { joined, type ChunkedFormatter } from './types.js';

/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding. */
export const githubChunks: ChunkedFormatter = function* (input) {
  for (const f of unsuppressed(rebased(input).findings)) yield `${annotation(f)}\n`;
};

export const github = joined(githubChunks);

function annotation(f: Finding): string {
  const { file, line, column, endLine, endColumn } = f.loc;
  const properties = [`file=${escapeProperty(file)}`, `line=${line}`, `col=${column}`, `endLine=${endLine}`, `endColumn=${endColumn}`, `title=${escapeProperty(`ismslint (${f.ruleId})`)}`].join(',');
  const text = f.fix ? `${f.message}\nfix: ${fixText(f.fix)}` : f.message;
  return `::${f.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(text)}`;
}

/** Escaping of a command's message, as the Actions runner un-escapes it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and `::`, so those are escaped too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
