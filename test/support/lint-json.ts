/** The output of `ismslint lint --format json` as tests read it: ESLint's LintResult and LintMessage. */
export interface LintJsonMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  messageId: string;
  data?: Record<string, string | number>;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LintJsonResult {
  filePath: string;
  messages: LintJsonMessage[];
}

export function readLintJson(stdout: string): LintJsonResult[] {
  return JSON.parse(stdout) as LintJsonResult[];
}
