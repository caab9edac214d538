import { pathText } from '../../engine/ajv-messages.js';
import { sourceFinding } from '../../engine/source-messages.js';
import type { RawFinding, SuppressionDirective } from '../../engine/suppressions.js';
import { truncateIdentifier } from '../../model/names.js';
import type { BuiltTable } from './build-tables.js';
import type { JsonDocument } from './json-document.js';

export interface Waivers {
  directives: SuppressionDirective[];
  findings: RawFinding[];
}

/**
 * Each live waiver becomes an external suppression of one rule for one table (and everything in it)
 * or one column. An expired waiver silences nothing and is itself an error.
 */
export function readWaivers(built: BuiltTable[], doc: JsonDocument, module: string, today: string): Waivers {
  const out: Waivers = { directives: [], findings: [] };
  for (const { table, definition, path } of built) {
    const base = `${table.schema}.${table.name}`;
    (definition.waivers ?? []).forEach((w, i) => {
      const at = [...path, 'waivers', i];
      const column = w.column === undefined ? undefined : truncateIdentifier(w.column);
      const target = column === undefined ? `"${table.name}"` : `"${table.name}.${column}"`;
      const invalid = (field: string, message: string) =>
        out.findings.push(sourceFinding('schema-definition-invalid', 'invalidWaiver', { path: pathText(at), message }, { loc: doc.loc([...at, field]), module, logical: base }));
      if (!w.reason.trim()) return invalid('reason', '"reason" must say why the exception is acceptable');
      if (!w.approvedBy.trim()) return invalid('approvedBy', '"approvedBy" must name who approved the exception');
      if (column !== undefined && !table.columns.some((c) => c.name === column)) {
        return invalid('column', `waiver names column "${column}", which "${table.name}" does not have`);
      }
      if (w.expires < today) {
        const data = { rule: w.rule, target, approvedBy: w.approvedBy, expires: w.expires };
        out.findings.push(sourceFinding('waiver-expired', 'expired', data, { loc: doc.loc([...at, 'expires']), module, logical: column === undefined ? base : `${base}.${column}` }));
        return;
      }
      const logical = column === undefined ? undefined : `${base}.${column}`;
      out.directives.push({
        kind: 'external',
        label: 'waiver',
        rules: [w.rule],
        reason: `${w.reason} (approved by ${w.approvedBy}, expires ${w.expires})`,
        loc: doc.loc([...at, 'rule']),
        module,
        appliesTo: logical ? (f) => f.logical === logical : (f) => f.logical !== undefined && (f.logical === base || f.logical.startsWith(base + '.')),
      });
    });
  }
  return out;
}
