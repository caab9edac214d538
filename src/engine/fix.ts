import { pathText } from './ajv-messages.js';
import type { Fix, JsonFix } from './finding.js';
import type { FixProposal, MessageData } from './rule.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** ESLint's interpolation: `{{name}}` becomes `data.name`; a placeholder without data stays as written. */
export function renderMessage(template: string, data: MessageData | undefined): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => (data && Object.hasOwn(data, key) ? String(data[key]) : whole));
}

/** Placeholder names of a template, for checking that reports supply them all. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * The fix a finding carries: the statement for a table defined by migrations, the JSON edit for one
 * defined in schema.json (none when the rule has no JSON form for it).
 */
export function resolveFix(proposal: FixProposal, table: { jsonPath?: (string | number)[]; loc: { file: string } }, node?: { jsonPath?: (string | number)[] }): Fix | undefined {
  if (!table.jsonPath) return proposal.phase ? { kind: 'sql', sql: proposal.sql, phase: proposal.phase } : { kind: 'sql', sql: proposal.sql };
  const base = proposal.json?.of === 'node' ? node?.jsonPath : table.jsonPath;
  if (!proposal.json || !base) return undefined;
  return { kind: 'json', file: table.loc.file, op: proposal.json.op, path: [...base, ...proposal.json.path], value: proposal.json.value };
}

/** One line for people: the statement with its semicolon, or `set tables[2].rls.enabled to true`. */
export function fixText(fix: Fix): string {
  if (fix.kind === 'sql') return `${fix.sql};`;
  return jsonEditText(fix);
}

function jsonEditText(fix: JsonFix): string {
  const value = JSON.stringify(fix.value);
  return fix.op === 'set' ? `set ${pathText(fix.path)} to ${value}` : `add ${value} to ${pathText(fix.path)}`;
}
