import { resolve } from 'node:path';
import type { Finding, Fix, JsonFix } from '../engine/finding.js';
import { fixText } from '../engine/fix.js';
import { fixEdits } from './fix-edits.js';
import { groupByFile } from './group.js';
import { joined, type ChunkedFormatter, type FormatInput } from './types.js';

/** ESLint's LintMessage: 1 = warning, 2 = error; `fatal` marks a file that could not be parsed. */
interface JsonMessage {
  ruleId: string;
  fatal?: true;
  severity: 1 | 2;
  message: string;
  /** The key of the rule's messages, and the values of its placeholders (ESLint has the first). */
  messageId?: string;
  data?: Record<string, string | number>;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions?: JsonSuggestion[];
}

/**
 * ESLint's suggestion: `desc` for people, `fix` replaces `range` (UTF-16 offsets) of `filePath` with
 * `text`. An SQL fix inserts into a new migration file; a JSON edit also keeps its path and value
 * as data (`edit`), which the text edit alone does not show.
 */
interface JsonSuggestion {
  desc: string;
  fix?: { filePath: string; range: [number, number]; text: string };
  edit?: JsonFix;
}

interface JsonSuppressedMessage extends JsonMessage {
  suppressions: { kind: 'directive' | 'external'; justification: string }[];
}

/** ESLint's LintResult, without `source`/`output` (we never fix) and with nothing of our own. */
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonSuppressedMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: 0;
  fixableWarningCount: 0;
  usedDeprecatedRules: [];
}

/**
 * The output of `eslint --format json`: one compact JSON array, one entry per file with findings. Made a
 * message at a time, as `JSON.stringify` of the whole array would write it.
 */
export const jsonChunks: ChunkedFormatter = function* (input) {
  const files = groupByFile(input.findings)
    .map(([file, findings]) => ({ filePath: resolve(input.cwd, file), findings }))
    .sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  yield '[';
  for (let i = 0; i < files.length; i++) {
    const { filePath, findings } = files[i]!;
    yield `${i > 0 ? ',' : ''}{"filePath":${JSON.stringify(filePath)},"messages":[`;
    let errors = 0;
    let fatal = 0;
    let shown = 0;
    for (const f of findings) {
      if (f.suppression) continue;
      const message = jsonMessage(f, input);
      if (message.severity === 2) errors++;
      if (message.fatal) fatal++;
      yield `${shown++ > 0 ? ',' : ''}${JSON.stringify(message)}`;
    }
    yield '],"suppressedMessages":[';
    let suppressed = 0;
    for (const f of findings) if (f.suppression) yield `${suppressed++ > 0 ? ',' : ''}${JSON.stringify(jsonSuppressedMessage(f, input))}`;
    const counts: Omit<JsonResult, 'filePath' | 'messages' | 'suppressedMessages'> = {
      errorCount: errors,
      fatalErrorCount: fatal,
      warningCount: shown - errors,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
    yield `]${JSON.stringify(counts).replace(/^\{/, ',')}`;
  }
  yield ']\n';
};

export const json = joined(jsonChunks);

function jsonMessage(f: Finding, input: FormatInput): JsonMessage {
  const severity = f.severity === 'error' ? 2 : 1;
  return {
    ruleId: f.ruleId,
    ...(f.ruleId === 'parse-error' && severity === 2 ? { fatal: true as const } : {}),
    severity,
    message: f.message,
    ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
    ...(f.data !== undefined ? { data: f.data } : {}),
    line: f.loc.line,
    column: f.loc.column,
    endLine: f.loc.endLine,
    endColumn: f.loc.endColumn,
    ...(f.fix ? { suggestions: [suggestion(f.fix, input)] } : {}),
  };
}

function suggestion(fix: Fix, input: FormatInput): JsonSuggestion {
  const desc = fix.kind === 'sql' ? `Add to a new migration: ${fixText(fix)}` : fixText(fix);
  const edits = fixEdits(fix, input.sources);
  // ESLint's fix is one replacement; an edit that needs more is left as data only.
  const only = edits.length === 1 ? edits[0]! : undefined;
  return {
    desc,
    ...(only ? { fix: { filePath: resolve(input.cwd, only.file), range: [only.offset, only.offset + only.length], text: only.text } } : {}),
    ...(fix.kind === 'json' ? { edit: fix } : {}),
  };
}

function jsonSuppressedMessage(f: Finding, input: FormatInput): JsonSuppressedMessage {
  const s = f.suppression!;
  return { ...jsonMessage(f, input), suppressions: [{ kind: s.kind === 'inSource' ? 'directive' : 'external', justification: s.justification }] };
}
