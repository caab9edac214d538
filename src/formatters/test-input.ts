import type { Finding } from '../engine/finding.js';
import type { RuleMeta } from '../engine/rule.js';
import { SourceFile } from '../sources/source-file.js';
import type { FormatInput } from './types.js';

/** Shared by the formatter tests: findings and sources built by hand, no linter run. */

export const CWD = '/work/project';

export function meta(id: string, over: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    category: 'integrity',
    description: `Description of ${id}.`,
    severity: 'error',
    compliance: ['ISO 27001 A.8.15', 'NIST CSF PR.AC-4'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {},
    ...over,
  };
}

export function finding(over: Partial<Finding> & { file?: string; at?: [number, number, number?, number?] } = {}): Finding {
  const { file = 'db/migrations/001_init.sql', at = [1, 1], ...rest } = over;
  const [line, column, endLine = line, endColumn = column] = at;
  return {
    ruleId: 'foreign-key-index',
    severity: 'error',
    message: 'a message',
    messageId: 'aMessage',
    loc: { file, line, column, endLine, endColumn },
    ...rest,
  };
}

export function input(findings: Finding[], sources: Record<string, string> = {}, over: Partial<FormatInput> = {}): FormatInput {
  return {
    findings,
    sources: new Map(Object.entries(sources).map(([path, text]) => [path, new SourceFile(path, text)])),
    rules: [meta('foreign-key-index'), meta('prefer-text', { category: 'types', severity: 'warn', compliance: [] }), meta('parse-error', { category: 'meta' })],
    cwd: CWD,
    color: false,
    toolVersion: '1.2.3',
    helpUri: (id) => `https://example.test/rules/${id}/README.md`,
    ...over,
  };
}
