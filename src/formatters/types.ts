import type { Finding } from '../engine/finding.js';
import type { RuleMeta } from '../engine/rule.js';
import type { SourceFile } from '../sources/source-file.js';

export interface FormatInput {
  /** Sorted findings, including suppressed ones (`finding.suppression` set); only SARIF shows those. */
  findings: Finding[];
  /** Decoded input files by the path findings use, for code frames. */
  sources: ReadonlyMap<string, SourceFile>;
  rules: readonly RuleMeta[];
  /** Absolute working directory; finding paths are relative to it, POSIX style. */
  cwd: string;
  /** Absolute directory that SARIF and `github` paths are relative to (the repository root); `cwd` when absent. */
  baseDir?: string;
  /** Terminal width for formats that wrap text; a fixed width when absent. */
  columns?: number;
  color: boolean;
  toolVersion: string;
  /** The project's home page, for SARIF's tool.driver.informationUri; a built-in default otherwise. */
  informationUri?: string;
  /** Absolute URL of a rule's documentation. */
  helpUri(ruleId: string): string;
}

export type Formatter = (input: FormatInput) => string;

/**
 * The same output in pieces, in order, made as they are asked for: a writer that takes each piece as it
 * comes never holds a report of 100,000 findings as one string, nor all their output objects at once.
 */
export type ChunkedFormatter = (input: FormatInput) => Iterable<string>;

/** The whole output of a chunked format as one string. */
export function joined(format: ChunkedFormatter): Formatter {
  return (input) => {
    const pieces: string[] = [];
    for (const piece of format(input)) pieces.push(piece);
    return pieces.join('');
  };
}
