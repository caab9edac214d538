import { resolve } from 'node:path';
import type { Finding } from '../engine/finding.js';
import { groupByFile } from './group.js';
import type { Formatter } from './types.js';

/** ESLint's LintMessage: 1 = warning, 2 = error; `fatal` marks a file that could not be parsed. */
interface JsonMessage {
  ruleId: string;
  fatal?: true;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
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

function message(f: Finding): JsonMessage {
  const severity = f.severity === 'error' ? 2 : 1;
  return {
    ruleId: f.ruleId,
    ...(f.ruleId === 'parse-error' && severity === 2 ? { fatal: true as const } : {}),
    severity,
    message: f.message,
    line: f.loc.line,
    column: f.loc.column,
    endLine: f.loc.endLine,
    endColumn: f.loc.endColumn,
  };
}

function suppressedMessage(f: Finding): JsonSuppressedMessage {
  const s = f.suppression!;
  return { ...message(f), suppressions: [{ kind: s.kind === 'inSource' ? 'directive' : 'external', justification: s.justification }] };
}
