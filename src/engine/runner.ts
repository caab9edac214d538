import type { Catalog, Table } from '../model/catalog.js';
import { qualifiedName, tableKey } from '../model/catalog.js';
import type { Location } from '../model/location.js';
import { forgetSuggestedNames } from '../model/suggested-names.js';
import { effectiveSetting } from './config/load.js';
import type { ResolvedConfig, RuleSetting } from './config/types.js';
import type { Finding } from './finding.js';
import { sortFindings } from './finding.js';
import { resolveFix, renderMessage } from './fix.js';
import { matchesAny } from './glob.js';
import type { Rule, RuleContext } from './rule.js';
import { classifyTable } from './rule.js';
import type { RawFinding, SuppressionDirective } from './suppressions.js';
import { applySuppressions } from './suppressions.js';

export interface RunInput {
  catalog: Catalog;
  rules: Rule[];
  config: ResolvedConfig;
  /** Problems found while reading input: parse errors, replay errors, invalid schema.json … */
  sourceFindings: RawFinding[];
  directives: SuppressionDirective[];
  /** When given, each rule's run time in milliseconds is added under its id (`TIMING=1`). */
  timings?: Map<string, number>;
}

/** Run every enabled rule over the tables it applies to, then apply severities and suppressions. */
export function runRules(input: RunInput): Finding[] {
  const { catalog, rules, config } = input;
  forgetSuggestedNames(catalog);
  const findings: Finding[] = [];
  const views = new Map<(table: Table) => unknown, Map<Table, unknown>>();
  const derived = <T>(table: Table, compute: (table: Table) => T): T => {
    let byTable = views.get(compute);
    if (!byTable) views.set(compute, (byTable = new Map()));
    const known = byTable.get(table);
    if (known !== undefined || byTable.has(table)) return known as T;
    const value = compute(table);
    byTable.set(table, value);
    return value;
  };
  const classify = (t: Table) => classifyTable(t, config.standard);
  const kindOf = (t: Table) => derived(t, classify);
  const sorted = (relations: Iterable<Table>) =>
    [...relations]
      .map((t) => ({ t, key: t.schema + '.' + t.name }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((e) => e.t);
  const tables = sorted(catalog.tables.values());
  let withMatviews: Table[] | undefined;
  for (const rule of rules) {
    if (rule.meta.source) continue;
    const judged = rule.meta.materializedViews ? (withMatviews ??= sorted([...catalog.tables.values(), ...[...catalog.views.values()].filter((v) => v.relkind === 'materialized view')])) : tables;
    for (const { setting, members } of groupBySetting(config, rule.meta.id, judged)) {
      const ctx: RuleContext = {
        tables: members,
        catalog,
        options: setting.options,
        standard: config.standard,
        kindOf,
        derived,
        lookupTable: (schema, name) => catalog.tables.get(tableKey(schema, name)),
        report: ({ table, node, loc, messageId, data, fix }) => {
          const template = rule.meta.messages[messageId];
          if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${messageId}"`);
          // A column's type or nullability changed by a later migration: point at that statement.
          const changedAt = loc === undefined && rule.meta.category !== 'naming' && node && 'changedAt' in node ? (node.changedAt as Location | undefined) : undefined;
          const message = renderMessage(template, data);
          const finding: Finding = {
            ruleId: rule.meta.id,
            severity: setting.severity === 'off' ? 'warn' : setting.severity,
            message: changedAt ? `${message} (changed here; column defined at ${node!.loc.file}:${node!.loc.line})` : message,
            messageId,
            ...(data ? { data } : {}),
            loc: changedAt ?? loc ?? node?.loc ?? table.loc,
            logical: qualifiedName(table, node),
            module: table.module,
          };
          const resolved = fix && resolveFix(fix, table, node);
          if (resolved) finding.fix = resolved;
          findings.push(finding);
        },
      };
      const started = input.timings ? performance.now() : 0;
      rule.check(ctx);
      if (input.timings) input.timings.set(rule.meta.id, (input.timings.get(rule.meta.id) ?? 0) + performance.now() - started);
    }
  }
  // Loops, not push(...): a file of 100,000 broken statements would overflow the stack as arguments.
  for (const f of withSeverity(config, input.sourceFindings)) findings.push(f);
  const problems = applySuppressions(findings, input.directives, new Set(rules.map((r) => r.meta.id)));
  for (const f of withSeverity(config, problems)) findings.push(f);
  return onePerPlace(sortFindings(findings));
}

/**
 * One finding per rule, place and message. Objects that share a definition (a partition's columns,
 * copies of a parent table) would otherwise repeat the same finding at the same line and column.
 */
export function onePerPlace(sorted: Finding[]): Finding[] {
  const seen = new Set<string>();
  return sorted.filter((f) => {
    const key = `${f.ruleId}\u0000${f.loc.file}\u0000${f.loc.line}:${f.loc.column}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withSeverity(config: ResolvedConfig, raw: RawFinding[]): Finding[] {
  const out: Finding[] = [];
  for (const r of raw) {
    const setting = effectiveSetting(config, r.ruleId, r.module, r.loc.file, matchesAny);
    if (setting.severity !== 'off') out.push({ ...r, severity: setting.severity });
  }
  return out;
}

/** Tables grouped by the rule's effective setting: overrides can change it per module or per file. */
function groupBySetting(config: ResolvedConfig, ruleId: string, tables: Table[]): { setting: RuleSetting; members: Table[] }[] {
  if (config.overrides.length === 0) {
    const setting = config.rules.get(ruleId);
    return setting && setting.severity !== 'off' ? [{ setting, members: tables }] : [];
  }
  const groups = new Map<string, { setting: RuleSetting; members: Table[] }>();
  for (const t of tables) {
    const setting = effectiveSetting(config, ruleId, t.module, t.loc.file, matchesAny);
    if (setting.severity === 'off') continue;
    const key = JSON.stringify(setting);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { setting, members: [] }));
    g.members.push(t);
  }
  return [...groups.values()];
}
