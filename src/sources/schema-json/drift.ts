import type { MessageData } from '../../engine/rule.js';
import { sourceFinding, type SourceMessageId } from '../../engine/source-messages.js';
import type { RawFinding } from '../../engine/suppressions.js';
import { nodeAs } from '../../model/ast.js';
import type { Column, Constraint, EnumType, Expr, Index, IndexKey, Policy, Table } from '../../model/catalog.js';
import { qualifiedName } from '../../model/catalog.js';
import type { Location } from '../../model/location.js';
import { canonicalExpr, typeNameText } from '../sql/expr.js';
import type { BuiltTable } from './build-tables.js';
import type { JsonDocument } from './json-document.js';

function where(loc: Location): string {
  return `${loc.file}:${loc.line}`;
}

function display(t: Pick<Table, 'schema' | 'name'>): string {
  return t.schema === 'public' ? t.name : `${t.schema}.${t.name}`;
}

function canon(e: Expr | undefined): string {
  return e ? canonicalExpr(e.ast) : '';
}

/** A default written `'draft'` and one written `'draft'::text` on a text column are the same default. */
function canonDefault(c: Column): string {
  const ast = c.default?.ast;
  const cast = nodeAs(ast, 'TypeCast');
  const value = cast && typeNameText(cast.typeName) === c.type.text ? cast.arg : ast;
  return value === undefined ? '' : canonicalExpr(value);
}

function columnSpec(c: Column): string {
  let s = `${c.type.text} ${c.notNull ? 'NOT NULL' : 'NULL'}`;
  if (c.default) s += ` DEFAULT ${c.default.text}`;
  if (c.identity) s += ` GENERATED ${c.identity.toUpperCase()} AS IDENTITY`;
  if (c.generated) s += ` GENERATED ALWAYS AS (${c.generated.text}) STORED`;
  return s;
}

function columnSignature(c: Column): string {
  return JSON.stringify([c.type.text, c.notNull, canonDefault(c), c.identity ?? '', canon(c.generated)]);
}

const ACTION_SQL = (a: string) => a.toUpperCase();

function foreignKeyText(c: Constraint): string {
  const r = c.references!;
  let s = `FOREIGN KEY (${c.columns.join(', ')}) REFERENCES ${display({ schema: r.schema, name: r.table })} (${r.columns.join(', ')})`;
  if (r.onDelete !== 'no action') s += ` ON DELETE ${ACTION_SQL(r.onDelete)}`;
  if (r.onUpdate !== 'no action') s += ` ON UPDATE ${ACTION_SQL(r.onUpdate)}`;
  return s;
}

function keyText(k: IndexKey): string {
  let s = 'column' in k ? k.column : `(${k.expr.text})`;
  if (k.collation) s += ` COLLATE "${k.collation}"`;
  if (k.opclass) s += ` ${k.opclass}`;
  if (k.descending) s += ' DESC';
  if (k.nullsFirst !== undefined) s += k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
  return s;
}

function indexText(i: Index): string {
  let s = `${i.unique ? 'UNIQUE ' : ''}INDEX USING ${i.method} (${i.keys.map(keyText).join(', ')})`;
  if (i.include.length) s += ` INCLUDE (${i.include.join(', ')})`;
  if (i.predicate) s += ` WHERE ${i.predicate.text}`;
  return s;
}

function indexSignature(i: Index): string {
  const keys = i.keys.map((k) => ['column' in k ? k.column : canon(k.expr), k.opclass ?? '', k.collation ?? '', k.descending ?? false, k.nullsFirst ?? null]);
  return JSON.stringify([i.unique, i.method, keys, i.include, canon(i.predicate)]);
}

function policyText(p: Policy): string {
  let s = `${p.permissive ? '' : 'AS RESTRICTIVE '}FOR ${p.command.toUpperCase()} TO ${p.roles.join(', ')}`;
  if (p.using) s += ` USING (${p.using.text})`;
  if (p.withCheck) s += ` WITH CHECK (${p.withCheck.text})`;
  return s;
}

function policySignature(p: Policy): string {
  return JSON.stringify([p.command, p.permissive, [...p.roles].sort(), canon(p.using), canon(p.withCheck)]);
}

/** A named object of a table, reduced to what drift compares. */
interface Item {
  name: string;
  signature: string;
  text: string;
  loc: Location;
}

function constraintItems(t: Table, kind: Constraint['kind'], text: (c: Constraint) => string, signature: (c: Constraint) => string): Item[] {
  return t.constraints.filter((c) => c.kind === kind).map((c) => ({ name: c.name, signature: signature(c), text: text(c), loc: c.loc }));
}

/** Compares declared (schema.json) and actual (migrations) tables of one module. */
class DriftReport {
  readonly findings: RawFinding[] = [];

  constructor(
    private readonly module: string,
    private readonly lookup: (schema: string, name: string) => Table | undefined,
  ) {}

  /** `REFERENCES organisations` without columns means its primary key, as PostgreSQL resolves it. */
  private resolved(t: Table): Table {
    if (!t.constraints.some((c) => c.references && c.references.columns.length === 0)) return t;
    const constraints = t.constraints.map((c) => {
      if (!c.references || c.references.columns.length > 0) return c;
      const pk = this.lookup(c.references.schema, c.references.table)?.constraints.find((k) => k.kind === 'primary key');
      return pk ? { ...c, references: { ...c.references, columns: pk.columns } } : c;
    });
    return { ...t, constraints };
  }

  add(loc: Location, logical: string, messageId: SourceMessageId<'schema-drift'>, data: MessageData): void {
    this.findings.push(sourceFinding('schema-drift', messageId, data, { loc, module: this.module, logical }));
  }

  table(declared: BuiltTable, migrated: Table, doc: JsonDocument): void {
    const d = declared.table;
    const actual = this.resolved(migrated);
    const name = display(d);
    this.columns(d, actual);
    this.primaryKey(d, actual);
    const fkSignature = (c: Constraint) => {
      const r = c.references!;
      return JSON.stringify([c.columns, r.schema, r.table, r.columns, r.onDelete, r.onUpdate]);
    };
    this.items(d, 'foreign key', constraintItems(d, 'foreign key', foreignKeyText, fkSignature), constraintItems(actual, 'foreign key', foreignKeyText, fkSignature));
    const uniqueText = (c: Constraint) => `UNIQUE (${c.columns.join(', ')})`;
    const uniqueSignature = (c: Constraint) => JSON.stringify(c.columns);
    this.items(d, 'unique constraint', constraintItems(d, 'unique', uniqueText, uniqueSignature), constraintItems(actual, 'unique', uniqueText, uniqueSignature));
    const checkText = (c: Constraint) => `CHECK (${c.check?.text ?? '…'})`;
    const checkSignature = (c: Constraint) => canon(c.check);
    this.items(d, 'check constraint', constraintItems(d, 'check', checkText, checkSignature), constraintItems(actual, 'check', checkText, checkSignature));
    this.items(
      d,
      'exclusion constraint',
      [],
      constraintItems(
        actual,
        'exclude',
        () => 'EXCLUDE (…)',
        () => '',
      ),
    );
    const indexItems = (t: Table) => t.indexes.map((i) => ({ name: i.name, signature: indexSignature(i), text: indexText(i), loc: i.loc }));
    this.items(d, 'index', indexItems(d), indexItems(actual));
    this.rls(declared, actual, doc);
    const policyItems = (t: Table) => t.policies.map((p) => ({ name: p.name, signature: policySignature(p), text: policyText(p), loc: p.loc }));
    this.items(d, 'policy', policyItems(d), policyItems(actual));
    this.hypertable(d, actual, name);
  }

  private columns(d: Table, actual: Table): void {
    const name = display(d);
    for (const c of d.columns) {
      const a = actual.columns.find((x) => x.name === c.name);
      const logical = qualifiedName(d, c);
      if (!a) {
        this.add(c.loc, logical, 'columnMissing', { table: name, column: c.name, declared: columnSpec(c), where: where(actual.loc) });
      } else if (columnSignature(c) !== columnSignature(a)) {
        this.add(c.loc, logical, 'columnDiffers', { table: name, column: c.name, declared: columnSpec(c), where: where(a.loc), actual: columnSpec(a) });
      }
    }
    for (const a of actual.columns) {
      if (d.columns.some((c) => c.name === a.name)) continue;
      this.add(d.loc, qualifiedName(d, a), 'columnUndeclared', { table: name, column: a.name, actual: columnSpec(a), where: where(a.loc) });
    }
  }

  private primaryKey(d: Table, actual: Table): void {
    const dk = d.constraints.find((c) => c.kind === 'primary key');
    const ak = actual.constraints.find((c) => c.kind === 'primary key');
    const text = (c: Constraint | undefined) => (c ? `(${c.columns.join(', ')})` : 'none');
    const loc = dk?.loc ?? d.loc;
    if (JSON.stringify(dk?.columns ?? null) !== JSON.stringify(ak?.columns ?? null)) {
      this.add(loc, qualifiedName(d, dk ?? ak), 'primaryKeyDiffers', { table: display(d), declared: text(dk), where: where(ak?.loc ?? actual.loc), actual: text(ak) });
    } else if (dk && ak && dk.name !== ak.name) {
      const data = { table: display(d), declaredName: dk.name, actualName: ak.name, where: where(ak.loc) };
      if (ak.implicitName) this.add(loc, qualifiedName(d, dk), 'primaryKeyNamedImplicitly', data);
      else this.add(loc, qualifiedName(d, dk), 'primaryKeyNamed', { ...data, primaryKey: JSON.stringify({ name: ak.name, columns: ak.columns }) });
    }
  }

  /** Pair by name, then (renamed) by content; what is left is missing on one side. */
  private items(d: Table, kind: string, declared: Item[], actual: Item[]): void {
    const name = display(d);
    const restD: Item[] = [];
    const restA = [...actual];
    for (const di of declared) {
      const j = restA.findIndex((a) => a.name === di.name);
      if (j === -1) {
        restD.push(di);
        continue;
      }
      const [ai] = restA.splice(j, 1);
      if (ai!.signature !== di.signature) {
        this.add(di.loc, qualifiedName(d, di), 'itemDiffers', { kind, name: di.name, table: name, declared: di.text, where: where(ai!.loc), actual: ai!.text });
      }
    }
    for (const di of restD) {
      const j = restA.findIndex((a) => a.signature === di.signature);
      if (j !== -1) {
        const [ai] = restA.splice(j, 1);
        this.add(di.loc, qualifiedName(d, di), 'itemRenamed', { kind, name: di.name, table: name, actualName: ai!.name, where: where(ai!.loc) });
        continue;
      }
      this.add(di.loc, qualifiedName(d, di), 'itemMissing', { kind, name: di.name, table: name, declared: di.text });
    }
    for (const ai of restA) {
      this.add(d.loc, qualifiedName(d, ai), 'itemUndeclared', { kind, name: ai.name, table: name, actual: ai.text, where: where(ai.loc) });
    }
  }

  private rls(declared: BuiltTable, actual: Table, doc: JsonDocument): void {
    const d = declared.table;
    const rlsPath = [...declared.path, 'rls'];
    const at = (field: string) => (doc.node([...rlsPath, field]) ? doc.loc([...rlsPath, field]) : doc.node(rlsPath) ? doc.loc(rlsPath) : d.loc);
    const ddl = where(actual.rls.loc ?? actual.loc);
    const state = (on: boolean, yes: string, no: string) => (on ? yes : no);
    if (d.rls.enabled !== actual.rls.enabled) {
      this.add(at('enabled'), qualifiedName(d), 'rlsDiffers', {
        table: display(d),
        declared: state(d.rls.enabled, 'enabled', 'disabled'),
        where: ddl,
        actual: state(actual.rls.enabled, 'enabled', 'disabled'),
      });
    }
    if (d.rls.forced !== actual.rls.forced) {
      this.add(at('force'), qualifiedName(d), 'forceRlsDiffers', {
        table: display(d),
        declared: state(d.rls.forced, 'forced', 'not forced'),
        where: ddl,
        actual: state(actual.rls.forced, 'forced', 'not forced'),
      });
    }
  }

  private hypertable(d: Table, actual: Table, name: string): void {
    const dh = d.hypertable?.timeColumn;
    const ah = actual.hypertable?.timeColumn;
    if (dh === ah) return;
    const text = (c: string | undefined) => (c ? `a hypertable on "${c}"` : 'no hypertable');
    this.add(d.hypertable?.loc ?? d.loc, qualifiedName(d), 'hypertableDiffers', { table: name, declared: text(dh), where: where(actual.hypertable?.loc ?? actual.loc), actual: text(ah) });
  }
}

const enumDisplay = (e: EnumType) => (e.schema === 'public' ? e.name : `${e.schema}.${e.name}`);
const enumValues = (e: EnumType) => `(${e.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;

/** Enum types: missing or extra, or with other labels or another label order (which is their sort order). */
function compareEnums(report: DriftReport, declared: EnumType[], actual: EnumType[], doc: JsonDocument, module: string): void {
  const key = (e: EnumType) => `${e.schema}.${e.name}`;
  const byKey = new Map(actual.map((e) => [key(e), e]));
  for (const d of declared) {
    const a = byKey.get(key(d));
    if (!a) {
      report.add(d.loc, key(d), 'enumMissing', { enum: enumDisplay(d), declared: enumValues(d), module });
    } else if (JSON.stringify(d.values) !== JSON.stringify(a.values)) {
      report.add(d.loc, key(d), 'enumDiffers', { enum: enumDisplay(d), declared: enumValues(d), where: where(a.loc), actual: enumValues(a) });
    }
  }
  const declaredKeys = new Set(declared.map(key));
  for (const a of actual) {
    if (declaredKeys.has(key(a))) continue;
    report.add(doc.loc(['enums']), key(a), 'enumUndeclared', { enum: enumDisplay(a), actual: enumValues(a), where: where(a.loc) });
  }
}

/**
 * Every difference between the design declared in schema.json and the final state of the module's
 * migrations, one finding per difference, placed in schema.json and naming the migration file and line.
 */
export function compareWithMigrations(
  declared: BuiltTable[],
  actual: Table[],
  doc: JsonDocument,
  module: string,
  lookup: (schema: string, name: string) => Table | undefined,
  enums: { declared: EnumType[]; actual: EnumType[] } = { declared: [], actual: [] },
): RawFinding[] {
  const report = new DriftReport(module, lookup);
  compareEnums(report, enums.declared, enums.actual, doc, module);
  const byKey = new Map(actual.map((t) => [`${t.schema}.${t.name}`, t]));
  for (const b of declared) {
    const a = byKey.get(`${b.table.schema}.${b.table.name}`);
    if (a) report.table(b, a, doc);
    else {
      report.add(b.table.loc, qualifiedName(b.table), 'tableMissing', { table: display(b.table), module });
    }
  }
  const declaredKeys = new Set(declared.map((b) => `${b.table.schema}.${b.table.name}`));
  for (const a of actual) {
    if (declaredKeys.has(`${a.schema}.${a.name}`)) continue;
    report.add(doc.loc(['tables']), qualifiedName(a), 'tableUndeclared', { table: display(a), where: where(a.loc) });
  }
  return report.findings;
}
