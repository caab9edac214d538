import type { SuppressionDirective } from '../../engine/suppressions.js';
import type { SourceFile } from '../source-file.js';

const DIRECTIVE = /--\s*ismslint-(disable-next-line|disable-file)\b([^\n]*)/g;

/**
 * `-- ismslint-disable-next-line rule-a, rule-b -- reason` and `-- ismslint-disable-file rule-a -- reason`.
 * Only real comments count: the caller's `inComment` tells, from the lexer, whether an offset lies in one.
 */
export function readDirectives(file: SourceFile, module: string, inComment: (offset: number) => boolean): SuppressionDirective[] {
  const out: SuppressionDirective[] = [];
  if (!file.text.includes('ismslint-')) return out;
  for (const m of file.text.matchAll(DIRECTIVE)) {
    const at = m.index!;
    if (!inComment(at)) continue;
    const kind = m[1]!;
    const body = m[2]!.replace(/\*\/\s*$/, '');
    const sep = body.indexOf('--');
    const ruleText = sep === -1 ? body : body.slice(0, sep);
    const reason = sep === -1 ? undefined : body.slice(sep + 2).trim() || undefined;
    const rules = ruleText.split(/[\s,]+/).filter(Boolean);
    const loc = file.span(at, at + m[0].length);
    const label = `ismslint-${kind}`;
    const path = file.path;
    const line = loc.line;
    out.push({
      kind: 'inSource',
      label,
      rules,
      reason,
      loc,
      module,
      appliesTo: kind === 'disable-file' ? (f) => f.loc.file === path : (f) => f.loc.file === path && f.loc.line === line + 1,
    });
  }
  return out;
}
