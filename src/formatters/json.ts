import { resolve } from 'node:path';
import type { Finding, Fix, JsonFix } from '../engine/finding.js';
import { fixText } from '../engine/fix.js';
import { fixEdits } from './fix-edits.js';
import { groupByFile } from './group.js';
import type { FormatInput, Formatter } from './types.js';

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

/** The output of `eslint --format json`: one compact JSON array, one entry per file with findings. */
export const json: Formatter = (input) => {
  const message = (f: Finding) => jsonMessage(f, input);
  const suppressedMessage = (f: Finding) => jsonSuppressedMessage(f, input);
  const results = groupByFile(input.findings)
    .map(([file, findings]): JsonResult => {
      const shown = findings.filter((f) => !f.suppression).map(message);
      return {
        filePath: resolve(input.cwd, file),
        messages: shown,
        suppressedMessages: findings.filter((f) => f.suppression).map(suppressedMessage),
        errorCount: shown.filter((m) => m.severity === 2).length,
        fatalErrorCount: shown.filter((m) => m.fatal).length,
        warningCount: shown.filter((m) => m.severity === 1).length,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      };
    })
    .sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  return `${JSON.stringify(results)}\n`;
};

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
