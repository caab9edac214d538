/**
 * validation-rules.md: every rule the database enforces on a module's data, each with a stable id
 * (`<table>.<kind>.<name>`) that a test name can point at: NOT NULL, CHECKs with their allowed values,
 * unique keys, foreign keys with their actions, row-level security in words, append-only logs and
 * retention markers. Declared cross-module references are listed too, marked as not enforced.
 */
import type { Constraint, Table, Trigger } from '../../model/catalog.js';
import { classifyTable } from '../../engine/rule.js';
import type { Standard } from '../../engine/standard.js';
import { lastName, nodeAs } from '../../model/ast.js';
import { constantValue, restrictsToTenant } from '../../model/queries.js';
import { mdCode, mdList, mdText } from './markdown.js';
import { codeList, tableLabel } from './model-text.js';

const COMMANDS: Record<string, string> = { all: 'every command', select: 'SELECT', insert: 'INSERT', update: 'UPDATE', delete: 'DELETE' };
const RETENTION = ['retention_until', 'retention_reason', 'is_legally_protected'];

/** `col IN ('a', 'b')` (possibly AND-ed with more): the column and its allowed values. */
function allowedValues(ast: unknown): { column: string; values: string[] } | undefined {
  const e = nodeAs(ast, 'A_Expr');
  if (e?.kind !== 'AEXPR_IN') return undefined;
  const column = lastName(nodeAs(e.lexpr, 'ColumnRef')?.fields);
  const values = (nodeAs(e.rexpr, 'List')?.items ?? []).map((i) => constantValue(i)).map((v) => (v === undefined ? undefined : String(v)));
  if (!column || values.length === 0 || values.some((v) => v === undefined)) return undefined;
  return { column, values: values as string[] };
}

function rule(id: string, text: string): string {
  return `${mdCode(id)}: ${text}`;
}

function constraintRules(t: Table, c: Constraint, tenantKey: string): string | undefined {
  const id = (kind: string) => `${t.name}.${kind}.${c.name}`;
  if (c.kind === 'check' && c.check) {
    const allowed = allowedValues(c.check.ast);
    const values = allowed ? ` Allowed values of ${mdCode(allowed.column)}: ${allowed.values.map((v) => mdCode(v)).join(', ')}.` : '';
    return rule(id('check'), `${mdCode(c.check.text)} must not be false.${values}`);
  }
  if (c.kind === 'unique') {
    const scope = c.columns[0] === tenantKey && c.columns.length > 1 ? ' within an organisation' : '';
    return rule(id('unique'), `no two rows share ${codeList(c.columns.filter((x) => !(scope && x === tenantKey)))}${scope}.`);
  }
  if (c.kind === 'primary key') return rule(id('primary_key'), `${codeList(c.columns)} identifies the row: unique and NOT NULL.`);
  if (c.kind === 'foreign key' && c.references) {
    const r = c.references;
    return rule(
      id('foreign_key'),
      `${codeList(c.columns)} must match ${mdCode(tableLabel(r.schema, r.table))}${r.columns.length ? ` (${codeList(r.columns)})` : ''} when not NULL; ` +
        `deleting the referenced row: ${r.onDelete.toUpperCase()}; updating its key: ${r.onUpdate.toUpperCase()}.`,
    );
  }
  return undefined;
}

function policyRules(t: Table, standard: Standard): string[] {
  if (!t.rls.enabled) return [rule(`${t.name}.rls`, 'row-level security is disabled: every role with table privileges sees and writes every row.')];
  const key = t.name === standard.tenantRoot ? 'id' : standard.tenantKey;
  const out = [
    rule(
      `${t.name}.rls`,
      `row-level security is enabled${t.rls.forced ? ' and forced, so it binds the table owner too' : ' (not forced: the table owner is exempt)'}; roles with BYPASSRLS and superusers are exempt.`,
    ),
  ];
  if (t.policies.length === 0) out.push(rule(`${t.name}.rls.no_policy`, 'no policy exists, so no row is visible or writable to other roles.'));
  for (const p of t.policies) {
    const tenantOnly = (e: unknown) => e !== undefined && restrictsToTenant(e, key, standard.tenantSetting);
    const reads = p.using
      ? tenantOnly(p.using.ast)
        ? `only rows whose ${mdCode(key)} equals the setting ${mdCode(standard.tenantSetting)}`
        : `rows for which ${mdCode(p.using.text)} holds`
      : undefined;
    const check = p.withCheck ?? (p.command === 'all' || p.command === 'update' ? p.using : undefined);
    const writes = check ? (tenantOnly(check.ast) ? `only rows of that organisation` : `only rows for which ${mdCode(check.text)} holds`) : undefined;
    const parts = [reads && `${p.command === 'insert' ? '' : 'reach '}${reads}`, writes && `may write ${writes}`].filter(Boolean).join('; they ');
    out.push(
      rule(
        `${t.name}.policy.${p.name}`,
        `${p.permissive ? 'permissive' : 'restrictive'} policy for ${COMMANDS[p.command] ?? p.command}, roles ${codeList(p.roles)}: statements ${parts || 'are not restricted by it'}.`,
      ),
    );
  }
  return out;
}

function raises(trigger: Trigger): boolean {
  return trigger.timing === 'before' && (trigger.enabled === undefined || trigger.enabled === 'origin' || trigger.enabled === 'always') && !trigger.when && !trigger.columns;
}

function appendOnlyRules(t: Table): string[] {
  const blocked = new Map<string, string[]>();
  for (const tr of t.triggers.filter(raises)) {
    for (const e of tr.events) {
      if (e === 'insert') continue;
      if (e !== 'truncate' && !tr.forEachRow) continue;
      blocked.set(e, [...(blocked.get(e) ?? []), tr.name]);
    }
  }
  const revoked = new Set<string>();
  for (const p of t.privileges) {
    for (const priv of p.privileges) {
      if (p.columns || p.grantOption) continue;
      const names = priv === 'all' ? ['update', 'delete', 'truncate'] : [priv];
      for (const n of names) p.action === 'revoke' ? revoked.add(n) : revoked.delete(n);
    }
  }
  const out: string[] = [];
  for (const op of ['update', 'delete', 'truncate']) {
    const by = [
      blocked.has(op) ? `trigger ${codeList(blocked.get(op)!)} (${op === 'truncate' ? 'statement' : 'row'} level, raises an error for every role)` : '',
      revoked.has(op) ? `the privilege is revoked from ${mdCode('PUBLIC')}` : '',
    ]
      .filter(Boolean)
      .join(', and ');
    if (by) out.push(rule(`${t.name}.append_only.${op}`, `${op.toUpperCase()} is refused: ${by}.`));
  }
  return out;
}

function retentionRules(t: Table): string[] {
  const present = RETENTION.filter((c) => t.columns.some((x) => x.name === c));
  if (present.length === 0) return [];
  return [
    rule(
      `${t.name}.retention`,
      `retention markers ${codeList(present)}: a row may be purged only after ${mdCode('retention_until')}` +
        (present.includes('is_legally_protected') ? `, and never while ${mdCode('is_legally_protected')} is true (legal hold)` : '') +
        '. The purge job enforces this; the database keeps the markers.',
    ),
  ];
}

export function validationRulesMd(moduleName: string, tables: Table[], standard: Standard): string {
  const out = [
    `# Module ${mdCode(moduleName)}: validation rules`,
    '',
    'Generated by ismslint from the schema model. Do not edit: regenerate with `ismslint docs`.',
    '',
    "Every rule the database enforces on the module's data. Each has a stable id, `<table>.<kind>.<name>`, for tests and reviews to point at.",
  ];
  if (tables.length === 0) return [...out, '', '_The module has no tables._', ''].join('\n');
  for (const t of tables) {
    out.push('', `## ${mdCode(tableLabel(t.schema, t.name))}`, '');
    const kind = classifyTable(t, standard);
    const items: string[] = [];
    const pk = t.constraints.find((c) => c.kind === 'primary key');
    const notNull = t.columns.filter((c) => c.notNull && !pk?.columns.includes(c.name));
    for (const c of notNull) items.push(rule(`${t.name}.not_null.${c.name}`, `${mdCode(c.name)} is required (NOT NULL)${c.default ? `; default ${mdCode(c.default.text)}` : ''}.`));
    const order: Constraint['kind'][] = ['primary key', 'unique', 'check', 'foreign key'];
    for (const k of order) {
      for (const c of t.constraints.filter((x) => x.kind === k)) {
        const text = constraintRules(t, c, standard.tenantKey);
        if (text) items.push(text);
      }
    }
    for (const i of t.indexes.filter((x) => x.unique)) {
      const cols = i.keys.map((k) => ('column' in k ? k.column : k.expr.text));
      items.push(rule(`${t.name}.unique.${i.name}`, `unique index: no two rows share ${codeList(cols)}${i.predicate ? ` among rows where ${mdCode(i.predicate.text)}` : ''}.`));
    }
    items.push(...policyRules(t, standard));
    if (kind === 'log') items.push(...appendOnlyRules(t));
    items.push(...retentionRules(t));
    for (const c of t.columns) {
      const ref = c.crossModuleReference;
      if (!ref) continue;
      items.push(
        rule(
          `${t.name}.cross_module_reference.${c.name}`,
          `${mdCode(c.name)} holds the key of ${mdCode(`${ref.module}.${tableLabel(ref.schema, ref.table)}.${ref.column}`)} by value. **Not enforced by the database** (no foreign key across modules); kept in step by events in ${mdCode('event_log')}.`,
        ),
      );
    }
    if (t.description) out.push(mdText(t.description), '');
    out.push(mdList(items));
  }
  return out.join('\n') + '\n';
}
