/**
 * The requirement list of one module, from its design (the schema model) and the standard. Each
 * requirement is a list of steps whose SQL quotes every name and value; the runtime and the pgTAP
 * renderer run the same steps.
 */
import type { Catalog, Constraint, Table } from '../model/catalog.js';
import { foreignKeys, primaryKey, tableKey } from '../model/catalog.js';
import { isSnakeCase } from '../model/names.js';
import { calledFunction } from '../model/queries.js';
import { BUILTIN_TYPE_NAMES, storedTypeName } from '../model/types.js';
import type { Standard } from '../engine/standard.js';
import { classifyTable } from '../engine/rule.js';
import type { Requirement, RequirementGroup, Step, Suite } from './runtime/types.js';
import { ident, literal, qualified, regclass } from './runtime/sql.js';
import { RowFactory, targetColumns, columnValue, type Org, type TestRow } from './rows.js';
import { columnChecks } from './checks.js';
import * as q from './catalog-sql.js';

export const APP_ROLE = 'ismslint_qa_app';

export interface SuiteOptions {
  catalog: Catalog;
  standard: Standard;
  module: string;
}

/** The suite without its build sources, which the caller knows (migration files or generated SQL). */
export function buildRequirements(opts: SuiteOptions): Omit<Suite, 'build'> {
  return new SuiteBuilder(opts).build();
}

class SuiteBuilder {
  private readonly rows: RowFactory;
  private readonly tables: Table[];
  private readonly requirements: Requirement[] = [];
  private readonly setting: string;

  constructor(private readonly opts: SuiteOptions) {
    this.tables = [...opts.catalog.tables.values()].filter((t) => t.module === opts.module);
    this.rows = new RowFactory(opts.catalog, opts.standard, this.tables);
    this.setting = opts.standard.tenantSetting;
  }

  build(): Omit<Suite, 'build'> {
    const seeds = this.rows.world();
    if (this.tables.some((t) => this.hasRlsBehaviour(t))) {
      this.add('The application role', 'rls', 'the application role is neither superuser nor BYPASSRLS', [
        ...this.asApp('A'),
        { label: 'the application role is neither superuser nor BYPASSRLS', kind: 'ok', sql: q.appRoleIsOrdinarySql() },
      ]);
    }
    for (const t of this.tables) this.tableRequirements(t);
    // The requirements' rows point at spare parent rows, which the setup inserts after the world's.
    const setup = [...this.roleSetup(), q.UUIDV7_HELPER, ...this.seedSql([...seeds, ...this.rows.spares()])];
    return { module: this.opts.module, appRole: APP_ROLE, tenantSetting: this.setting, setup, requirements: this.requirements };
  }

  private kind(t: Table): string {
    return classifyTable(t, this.opts.standard);
  }

  private isLog(t: Table): boolean {
    return this.kind(t) === 'log';
  }

  private hasRlsBehaviour(t: Table): boolean {
    return t.rls.enabled && this.rows.tenantColumn(t) !== undefined && !this.rows.unseedable.has(tableKey(t.schema, t.name)) && this.rows.seed(t, 'A') !== undefined;
  }

  private add(table: string, group: RequirementGroup, title: string, steps: Step[]): void {
    this.requirements.push({ title, group, table, steps });
  }

  private roleSetup(): string[] {
    const role = ident(APP_ROLE);
    const out = [`DO $ismslint$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $ismslint$`];
    const schemas = [...new Set(this.rows.tables.map((t) => t.schema))].sort();
    for (const s of schemas) out.push(`GRANT USAGE ON SCHEMA ${ident(s)} TO ${role}`);
    for (const t of this.rows.tables) {
      out.push(`GRANT ${this.isLog(t) ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE'} ON ${qualified(t.schema, t.name)} TO ${role}`);
    }
    return out;
  }

  private tenantSql(id: string): string {
    return `SET ${ident(this.setting)} TO ${literal(id)}`;
  }

  private seedSql(seeds: TestRow[]): string[] {
    const out: string[] = [];
    let current: string | undefined;
    for (const row of seeds) {
      const org = this.rows.orgIds[row.org ?? 'A'];
      if (org !== current) out.push(this.tenantSql((current = org)));
      out.push(this.rows.insertSql(row));
    }
    return out;
  }

  /** As the application role, with the tenant setting on organisation `org` (or an explicit id). */
  private asApp(org: Org | { id: string }): Step[] {
    const id = typeof org === 'string' ? this.rows.orgIds[org] : org.id;
    return [{ run: `SET ROLE ${ident(APP_ROLE)}` }, { run: this.tenantSql(id) }];
  }

  /** As the session user (the database owner), with the tenant setting on organisation A. */
  private asOwner(): Step[] {
    return [{ run: 'RESET ROLE' }, { run: this.tenantSql(this.rows.orgIds.A) }];
  }

  private tableRequirements(t: Table): void {
    const name = t.name;
    const { schema } = t;
    const T = qualified(schema, name);
    const seedable = !this.rows.unseedable.has(tableKey(schema, name));

    // Schema validity
    this.add(name, 'schema', `${name} exists`, [{ label: `table ${name} exists`, kind: 'has_table', schema, table: name }]);
    for (const col of t.columns) {
      const steps: Step[] = [
        { label: `${name}.${col.name} exists`, kind: 'has_column', schema, table: name, column: col.name },
        { label: `${name}.${col.name} is ${expectedType(col.type)}`, kind: 'col_type_is', schema, table: name, column: col.name, type: expectedType(col.type) },
        col.notNull
          ? { label: `${name}.${col.name} is NOT NULL`, kind: 'col_not_null', schema, table: name, column: col.name }
          : { label: `${name}.${col.name} allows NULL`, kind: 'col_is_null', schema, table: name, column: col.name },
      ];
      const fn = calledFunction(col.default);
      const plainCall = col.default && fn && /^\s*[A-Za-z_][A-Za-z0-9_]*\s*\(\s*\)\s*$/.test(col.default.text);
      if (plainCall) steps.push({ label: `${name}.${col.name} defaults to ${fn}()`, kind: 'col_default_is', schema, table: name, column: col.name, default: `${fn}()` });
      else if (col.default) steps.push({ label: `${name}.${col.name} has a default`, kind: 'col_has_default', schema, table: name, column: col.name });
      const desc = `${expectedType(col.type)}${col.notNull ? ' NOT NULL' : ''}${plainCall ? ` DEFAULT ${fn}()` : col.default ? ' with a default' : ''}`;
      this.add(name, 'schema', `${name}.${col.name} is ${desc}`, steps);
    }
    const pk = primaryKey(t);
    if (pk)
      this.add(name, 'schema', `${name} has the primary key (${pk.columns.join(', ')})`, [
        { label: `${name} has the primary key (${pk.columns.join(', ')})`, kind: 'col_is_pk', schema, table: name, columns: pk.columns },
      ]);
    for (const c of t.constraints.filter((c) => c.kind === 'unique')) {
      this.add(name, 'schema', `${name} has the unique key ${c.name} (${c.columns.join(', ')})`, [
        { label: `unique constraint ${c.name} exists on (${c.columns.join(', ')})`, kind: 'ok', sql: q.constraintExistsSql(schema, name, 'u', c.name, c.columns) },
      ]);
    }
    for (const c of t.constraints.filter((c) => c.kind === 'check')) {
      this.add(name, 'schema', `${name} has the check constraint ${c.name}`, [{ label: `check constraint ${c.name} exists`, kind: 'ok', sql: q.constraintExistsSql(schema, name, 'c', c.name) }]);
    }
    if (seedable && !this.isTenantRootWithoutRow(t)) {
      for (const key of t.constraints.filter((c) => c.kind === 'primary key' || c.kind === 'unique')) this.duplicateKey(t, key);
      for (const check of columnChecks(t)) {
        // The valid row sets the column too: a nullable one would otherwise pass as NULL whatever the CHECK allows.
        const valid = this.rows.fresh(t, 'A', { [check.column]: check.valid });
        const bad = this.rows.fresh(t, 'A', { [check.column]: check.invalid });
        this.add(name, 'schema', `${name}: a ${check.column} outside ${check.constraint.name} is refused (23514)`, [
          ...this.asOwner(),
          { label: `a valid ${name} row is accepted`, kind: 'lives', sql: this.rows.insertSql(valid) },
          { label: `${name}.${check.column} = ${check.invalid} is refused with 23514`, kind: 'throws', sql: this.rows.insertSql(bad), sqlstate: '23514' },
        ]);
      }
    }

    // Relationship integrity and referential completeness
    const allowed = [...this.opts.catalog.tables.values()].filter((x) => x.module === t.module || x.module === this.opts.standard.globalModule);
    this.add(name, 'relationships', `${name} has no foreign key into another module`, [
      { label: `${name} has no foreign key into another module`, kind: 'ok', sql: q.noForeignFkSql(schema, name, allowed) },
    ]);
    for (const fk of foreignKeys(t)) {
      const ref = fk.references!;
      const refCols = targetColumns(this.opts.catalog, fk);
      const cols = fk.columns.join(', ');
      this.add(name, 'relationships', `${name}.(${cols}) references ${ref.table} (${refCols.join(', ')}) ON DELETE ${ref.onDelete.toUpperCase()}`, [
        {
          label: `${name}.(${cols}) references ${ref.table} (${refCols.join(', ')})`,
          kind: 'fk_ok',
          schema,
          table: name,
          columns: fk.columns,
          refSchema: ref.schema,
          refTable: ref.table,
          refColumns: refCols,
        },
        {
          label: `${name}.(${cols}) is ON DELETE ${ref.onDelete.toUpperCase()} ON UPDATE ${ref.onUpdate.toUpperCase()}`,
          kind: 'ok',
          sql: q.fkActionsSql(schema, name, fk.columns, ref.onDelete, ref.onUpdate),
        },
      ]);
      this.add(name, 'completeness', `${name}.${fk.columns.length === 1 ? cols : `(${cols})`} is covered by an index`, [
        { label: `${name}.(${cols}) is covered by a usable index`, kind: 'ok', sql: q.usableIndexSql(schema, name, fk.columns) },
      ]);
      if (seedable && !fk.notValid) {
        this.orphanInsert(t, fk);
        this.onDelete(t, fk);
      }
    }
    const tenant = this.rows.tenantColumn(t);
    if (tenant && this.kind(t) !== 'tenant-root' && !foreignKeys(t).some((fk) => fk.columns.length === 1 && fk.columns[0] === tenant)) {
      this.add(name, 'completeness', `${name}.${tenant} is covered by an index`, [
        { label: `${name}.${tenant} is covered by a usable index`, kind: 'ok', sql: q.usableIndexSql(schema, name, [tenant]) },
      ]);
    }

    // Required fields
    this.requiredFields(t, seedable);

    // Row-level security
    if (t.rls.enabled || t.policies.length) this.rlsState(t);
    if (this.hasRlsBehaviour(t)) this.rlsBehaviour(t);
    else if (!seedable && t.rls.enabled) this.cannotSeed(t);

    // Append-only logs
    if (this.isLog(t)) this.appendOnly(t, T);

    // Naming
    const declared = [name, ...t.columns.map((c) => c.name), ...t.constraints.map((c) => c.name), ...t.indexes.map((i) => i.name), ...t.policies.map((p) => p.name), ...t.triggers.map((x) => x.name)];
    const exceptions = [...new Set(declared.filter((n) => !isSnakeCase(n)))].sort();
    this.add(name, 'naming', `${name}: every name in the live catalog follows the naming rules`, [
      { label: `${name}: every name of the table, its columns, constraints, indexes, policies and triggers is snake_case`, kind: 'ok', sql: q.namingSql(schema, name, exceptions) },
    ]);
  }

  private isTenantRootWithoutRow(t: Table): boolean {
    return this.rows.seed(t, 'A') === undefined;
  }

  private cannotSeed(t: Table): void {
    const reason = this.rows.unseedable.get(tableKey(t.schema, t.name)) ?? 'unknown';
    this.add(t.name, 'rls', `${t.name}: test rows can be generated for the RLS checks`, [{ label: `cannot generate a test row of ${t.name}: ${reason}`, kind: 'ok', sql: 'SELECT false' }]);
  }

  private duplicateKey(t: Table, key: Constraint): void {
    const first = this.rows.fresh(t, 'A');
    if (key.columns.some((c) => !first.values.has(c))) return;
    const copy: Record<string, string> = {};
    for (const c of key.columns) copy[c] = first.values.get(c)!;
    const second = this.rows.fresh(t, 'A', copy);
    const what = key.kind === 'primary key' ? 'primary key' : `unique key ${key.name}`;
    this.add(t.name, 'schema', `${t.name}: a duplicate ${what} (${key.columns.join(', ')}) is refused (23505)`, [
      ...this.asOwner(),
      { label: `a new ${t.name} row is accepted`, kind: 'lives', sql: this.rows.insertSql(first) },
      { label: `a second row with the same (${key.columns.join(', ')}) is refused with 23505`, kind: 'throws', sql: this.rows.insertSql(second), sqlstate: '23505' },
    ]);
  }

  private orphanInsert(t: Table, fk: Constraint): void {
    const valid = this.rows.fresh(t, 'A');
    const missing: Record<string, string> = {};
    for (const c of fk.columns) {
      const col = t.columns.find((x) => x.name === c);
      const v = col && columnValue(this.opts.catalog, col, 0x7fff0000 + this.requirements.length);
      if (!v) return;
      missing[c] = v;
    }
    const orphan = this.rows.fresh(t, 'A', missing);
    const cols = fk.columns.join(', ');
    this.add(t.name, 'relationships', `${t.name}.(${cols}): a row whose ${fk.references!.table} does not exist is refused (23503)`, [
      ...this.asOwner(),
      { label: `a ${t.name} row with an existing ${fk.references!.table} is accepted`, kind: 'lives', sql: this.rows.insertSql(valid) },
      { label: `a ${t.name} row with a missing ${fk.references!.table} is refused with 23503`, kind: 'throws', sql: this.rows.insertSql(orphan), sqlstate: '23503' },
    ]);
  }

  private onDelete(t: Table, fk: Constraint): void {
    const ref = fk.references!;
    const parentTable = this.opts.catalog.tables.get(tableKey(ref.schema, ref.table));
    if (!parentTable || this.isLog(parentTable)) return;
    const refCols = targetColumns(this.opts.catalog, fk);
    const overrides: Record<string, string> = {};
    const pTenant = this.rows.tenantColumn(parentTable);
    if (pTenant && this.kind(parentTable) === 'tenant-root') overrides[pTenant] = this.rows.uuidLiteral(this.rows.nextId());
    let parent: TestRow;
    try {
      parent = this.rows.fresh(parentTable, 'A', overrides);
    } catch {
      return;
    }
    const link: Record<string, string> = {};
    for (const [i, c] of fk.columns.entries()) {
      const v = parent.values.get(refCols[i]!);
      if (v === undefined) return;
      link[c] = v;
    }
    const child = this.rows.fresh(t, 'A', link);
    const pWhere = this.rows.whereSql(parent);
    const cWhere = this.rows.whereSql(child);
    if (!pWhere || !cWhere) return;
    const P = qualified(parentTable.schema, parentTable.name);
    const C = qualified(t.schema, t.name);
    const cols = fk.columns.join(', ');
    const action = ref.onDelete;
    const steps: Step[] = [...this.asOwner(), { run: this.rows.insertSql(parent) }, { run: this.rows.insertSql(child) }];
    const del = `DELETE FROM ${P} WHERE ${pWhere}`;
    if (action === 'no action' || action === 'restrict') {
      // RESTRICT reports restrict_violation (23001) from PostgreSQL 18 on, foreign_key_violation (23503) before, as NO ACTION does.
      const code = action === 'restrict' ? '23001' : '23503';
      const older = action === 'restrict' ? { before: 180000, sqlstate: '23503' } : undefined;
      steps.push({
        label: `deleting a ${ref.table} row that a ${t.name} row references is refused with ${code}${older ? ' (23503 before PostgreSQL 18)' : ''}`,
        kind: 'throws',
        sql: del,
        sqlstate: code,
        ...(older ? { olderServers: older } : {}),
      });
      if (this.isLog(t)) return void this.add(t.name, 'relationships', `${t.name}.(${cols}): ON DELETE ${action.toUpperCase()} refuses to delete a referenced ${ref.table}`, steps);
      steps.push(
        { label: `the ${t.name} row can be deleted`, kind: 'affects', sql: `DELETE FROM ${C} WHERE ${cWhere}`, rows: 1 },
        { label: `then the ${ref.table} row can be deleted`, kind: 'affects', sql: del, rows: 1 },
      );
    } else if (action === 'cascade') {
      steps.push(
        { label: `the ${ref.table} row can be deleted`, kind: 'affects', sql: del, rows: 1 },
        { label: `the ${t.name} row that referenced it is deleted with it`, kind: 'is_empty', sql: `SELECT 1 FROM ${C} WHERE ${cWhere}` },
      );
    } else if (action === 'set null') {
      steps.push(
        { label: `the ${ref.table} row can be deleted`, kind: 'affects', sql: del, rows: 1 },
        { label: `the ${t.name} row that referenced it now has (${cols}) NULL`, kind: 'ok', sql: `SELECT ${fk.columns.map((c) => `${ident(c)} IS NULL`).join(' AND ')} FROM ${C} WHERE ${cWhere}` },
      );
    } else {
      steps.push({ label: `the ${ref.table} row can be deleted`, kind: 'affects', sql: del, rows: 1 });
    }
    this.add(t.name, 'relationships', `${t.name}.(${cols}): deleting the ${ref.table} behaves as ON DELETE ${action.toUpperCase()}`, steps);
  }

  private requiredFields(t: Table, seedable: boolean): void {
    const name = t.name;
    const { schema } = t;
    const id = t.columns.find((c) => c.name === 'id');
    const pk = primaryKey(t);
    if (id) {
      const steps: Step[] = [{ label: `${name}.id is uuid`, kind: 'col_type_is', schema, table: name, column: 'id', type: 'uuid' }];
      if (pk && pk.columns.length === 1 && pk.columns[0] === 'id') steps.push({ label: `${name}.id is the primary key`, kind: 'col_is_pk', schema, table: name, columns: ['id'] });
      else
        steps.push({
          label: `${name}.id is part of the primary key`,
          kind: 'ok',
          sql: `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ${regclass(schema, name)} AND i.indisprimary AND a.attname = 'id')`,
        });
      this.add(name, 'required', `${name}.id is a uuid primary key`, steps);
      this.add(name, 'required', `${name}.id defaults to a time-ordered UUIDv7`, [
        ...this.asOwner(),
        { label: `${name}.id's default yields UUIDv7 values (version 7, ordered by time)`, kind: 'ok', sql: q.uuidV7DefaultSql(schema, name, 'id') },
      ]);
    }
    const tenant = this.opts.standard.tenantKey;
    const kind = this.kind(t);
    if (t.columns.some((c) => c.name === tenant) && kind !== 'tenant-root') {
      const steps: Step[] = [{ label: `${name}.${tenant} is NOT NULL`, kind: 'col_not_null', schema, table: name, column: tenant }];
      if (seedable && this.rows.seed(t, 'A')) {
        steps.push(
          ...this.asOwner(),
          { label: `a ${name} row with ${tenant} set is accepted`, kind: 'lives', sql: this.rows.insertSql(this.rows.fresh(t, 'A')) },
          { label: `a ${name} row without ${tenant} is refused with 23502`, kind: 'throws', sql: this.rows.insertSql(this.rows.fresh(t, 'A', { [tenant]: null })), sqlstate: '23502' },
        );
      }
      this.add(name, 'required', `${name}.${tenant} is required (NOT NULL, 23502)`, steps);
    }
    const a = this.opts.standard.auditColumns;
    const audit = [a.createdAt, a.createdBy, a.updatedAt, a.updatedBy, a.deletedAt, a.deletedBy].filter((c) => t.columns.some((x) => x.name === c));
    if (audit.length) {
      this.add(
        name,
        'required',
        `${name} has the audit columns ${audit.join(', ')}`,
        audit.map((c) => ({ label: `${name}.${c} exists`, kind: 'has_column' as const, schema, table: name, column: c })),
      );
    }
    const stamped = [a.createdAt, a.updatedAt].filter((c) => t.columns.find((x) => x.name === c)?.default);
    if (stamped.length && seedable && this.rows.seed(t, 'A')) {
      const row = this.rows.fresh(t, 'A', {}, stamped);
      const where = this.rows.whereSql(row);
      if (where && !stamped.some((c) => (pk?.columns ?? []).includes(c) && !where.includes(ident(c)))) {
        const cond = stamped.map((c) => `${ident(c)} BETWEEN now() - interval '1 minute' AND clock_timestamp()`).join(' AND ');
        this.add(name, 'required', `${name}: ${stamped.join(' and ')} ${stamped.length > 1 ? 'are' : 'is'} filled on insert`, [
          ...this.asOwner(),
          { run: this.rows.insertSql(row) },
          { label: `a new ${name} row has ${stamped.join(' and ')} set to the time of the insert`, kind: 'ok', sql: `SELECT ${cond} FROM ${qualified(schema, name)} WHERE ${where}` },
        ]);
      }
    }
  }

  private rlsState(t: Table): void {
    const name = t.name;
    const { schema } = t;
    this.add(name, 'rls', `${name} has row-level security enabled and forced`, [
      { label: `${name} has row-level security enabled`, kind: 'ok', sql: q.rlsFlagSql(schema, name, 'relrowsecurity') },
      { label: `${name} has row-level security forced`, kind: 'ok', sql: q.rlsFlagSql(schema, name, 'relforcerowsecurity') },
    ]);
    const names = t.policies.map((p) => p.name);
    this.add(name, 'rls', `${name} has exactly the policies ${names.join(', ') || '(none)'}`, [
      { label: `${name} has exactly the policies ${names.join(', ') || '(none)'}`, kind: 'policies_are', schema, table: name, policies: names },
    ]);
    for (const p of t.policies) {
      const steps: Step[] = [
        { label: `policy ${p.name} on ${name} is for ${p.command.toUpperCase()}`, kind: 'policy_cmd_is', schema, table: name, policy: p.name, command: p.command.toUpperCase() },
        { label: `policy ${p.name} on ${name} applies to ${p.roles.join(', ')}`, kind: 'policy_roles_are', schema, table: name, policy: p.name, roles: p.roles },
        {
          label: `policy ${p.name} on ${name} is ${p.permissive ? 'permissive' : 'restrictive'}`,
          kind: 'ok',
          sql: q.policyFieldSql(schema, name, p.name, `permissive = ${literal(p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE')}`),
        },
      ];
      if (p.using) steps.push({ label: `policy ${p.name} on ${name} has a USING clause`, kind: 'ok', sql: q.policyFieldSql(schema, name, p.name, 'qual IS NOT NULL') });
      if (p.withCheck) steps.push({ label: `policy ${p.name} on ${name} has a WITH CHECK clause`, kind: 'ok', sql: q.policyFieldSql(schema, name, p.name, 'with_check IS NOT NULL') });
      this.add(name, 'rls', `${name}: policy ${p.name} is ${p.permissive ? 'permissive' : 'restrictive'}, for ${p.command.toUpperCase()}, to ${p.roles.join(', ')}`, steps);
    }
  }

  private rlsBehaviour(t: Table): void {
    const name = t.name;
    const T = qualified(t.schema, name);
    const tc = ident(this.rows.tenantColumn(t)!);
    const A = this.rows.uuidLiteral(this.rows.orgIds.A);
    const B = this.rows.uuidLiteral(this.rows.orgIds.B);
    const root = this.kind(t) === 'tenant-root';
    const seedA = this.rows.seed(t, 'A')!;
    const whereA = this.rows.whereSql(seedA) ?? `${tc} = ${A}`;
    const ownVisible: Step = { label: `organisation A sees its own ${name} rows`, kind: 'ok', sql: `SELECT EXISTS (SELECT 1 FROM ${T} WHERE ${tc} = ${A})` };

    this.add(name, 'rls', `${name}: organisation B's rows are invisible to organisation A`, [
      ...this.asApp('A'),
      ownVisible,
      { label: `organisation A sees no ${name} row of another organisation`, kind: 'is_empty', sql: `SELECT 1 FROM ${T} WHERE ${tc} IS DISTINCT FROM ${A}` },
    ]);

    this.add(name, 'rls', `${name}: with ${this.setting} unset, no row is visible`, [
      ...this.asApp('A'),
      ownVisible,
      { run: `SET ${ident(this.setting)} TO ''` },
      { label: `with ${this.setting} unset, no ${name} row is visible`, kind: 'nothing_visible', sql: `SELECT 1 FROM ${T}` },
    ]);

    // INSERT: a row of the current organisation goes in, one of another is refused.
    if (root) {
      const x = this.rows.nextId();
      const y = this.rows.nextId();
      this.add(name, 'rls', `${name}: an organisation cannot insert another organisation's row`, [
        ...this.asApp({ id: x }),
        {
          label: `the current organisation's own ${name} row is accepted`,
          kind: 'lives',
          sql: this.rows.insertSql(this.rows.fresh(t, 'A', { [this.rows.tenantColumn(t)!]: this.rows.uuidLiteral(x) })),
        },
        {
          label: `another organisation's ${name} row is refused with 42501`,
          kind: 'throws',
          sql: this.rows.insertSql(this.rows.fresh(t, 'A', { [this.rows.tenantColumn(t)!]: this.rows.uuidLiteral(y) })),
          sqlstate: '42501',
        },
      ]);
    } else {
      this.add(name, 'rls', `${name}: organisation A cannot insert a row for organisation B`, [
        ...this.asApp('A'),
        { label: `organisation A's own ${name} row is accepted`, kind: 'lives', sql: this.rows.insertSql(this.rows.fresh(t, 'A')) },
        { label: `a ${name} row for organisation B is refused with 42501`, kind: 'throws', sql: this.rows.insertSql(this.rows.fresh(t, 'B')), sqlstate: '42501' },
      ]);
    }
    if (this.isLog(t)) return;

    this.add(name, 'rls', `${name}: organisation A cannot move its rows to organisation B`, [
      ...this.asApp('A'),
      { label: `organisation A can update its own ${name} row`, kind: 'affects', sql: `UPDATE ${T} SET ${tc} = ${tc} WHERE ${whereA}`, rows: 1 },
      { label: `moving organisation A's ${name} row to organisation B is refused with 42501`, kind: 'throws', sql: `UPDATE ${T} SET ${tc} = ${B} WHERE ${whereA}`, sqlstate: '42501' },
    ]);

    const fresh = root ? undefined : this.rows.fresh(t, 'A');
    const freshWhere = fresh && this.rows.whereSql(fresh);
    const steps: Step[] = [
      ...this.asApp('A'),
      { label: `organisation A can update its own ${name} row`, kind: 'affects', sql: `UPDATE ${T} SET ${tc} = ${tc} WHERE ${whereA}`, rows: 1 },
      { label: `an UPDATE of organisation B's ${name} rows affects nothing`, kind: 'affects', sql: `UPDATE ${T} SET ${tc} = ${tc} WHERE ${tc} = ${B}`, rows: 0 },
      { label: `a DELETE of organisation B's ${name} rows affects nothing`, kind: 'affects', sql: `DELETE FROM ${T} WHERE ${tc} = ${B}`, rows: 0 },
    ];
    if (fresh && freshWhere) {
      steps.push({ run: this.rows.insertSql(fresh) }, { label: `organisation A can delete its own new ${name} row`, kind: 'affects', sql: `DELETE FROM ${T} WHERE ${freshWhere}`, rows: 1 });
    }
    this.add(name, 'rls', `${name}: organisation A cannot update or delete organisation B's rows`, steps);
  }

  private appendOnly(t: Table, T: string): void {
    const name = t.name;
    const { schema } = t;
    this.add(name, 'append-only', `${name}: the application role holds no UPDATE, DELETE or TRUNCATE privilege`, [
      { label: `the application role may insert into ${name}`, kind: 'ok', sql: q.privilegeSql(APP_ROLE, schema, name, 'INSERT', true) },
      ...['UPDATE', 'DELETE', 'TRUNCATE'].map((p) => ({ label: `the application role may not ${p} ${name}`, kind: 'ok' as const, sql: q.privilegeSql(APP_ROLE, schema, name, p, false) })),
    ]);
    const seedA = this.rows.seed(t, 'A');
    const where = seedA && this.rows.whereSql(seedA);
    if (!where) return;
    const tc = this.rows.tenantColumn(t);
    const set = tc ? `${ident(tc)} = ${ident(tc)}` : `${ident(t.columns[0]!.name)} = ${ident(t.columns[0]!.name)}`;
    this.add(name, 'append-only', `${name}: UPDATE, DELETE and TRUNCATE are refused for the application role`, [
      ...this.asApp('A'),
      { label: `the application role sees its ${name} row`, kind: 'ok', sql: `SELECT EXISTS (SELECT 1 FROM ${T} WHERE ${where})` },
      { label: `UPDATE of ${name} is refused with 42501`, kind: 'throws', sql: `UPDATE ${T} SET ${set} WHERE ${where}`, sqlstate: '42501' },
      { label: `DELETE from ${name} is refused with 42501`, kind: 'throws', sql: `DELETE FROM ${T} WHERE ${where}`, sqlstate: '42501' },
      { label: `TRUNCATE of ${name} is refused with 42501`, kind: 'throws', sql: `TRUNCATE ${T}`, sqlstate: '42501' },
    ]);
    this.add(name, 'append-only', `${name}: a trigger refuses UPDATE and DELETE, even for the table owner`, [
      ...this.asOwner(),
      { label: `the owner sees the ${name} row`, kind: 'ok', sql: `SELECT EXISTS (SELECT 1 FROM ${T} WHERE ${where})` },
      { label: `UPDATE of a ${name} row is refused`, kind: 'throws', sql: `UPDATE ${T} SET ${set} WHERE ${where}` },
      { label: `DELETE of a ${name} row is refused`, kind: 'throws', sql: `DELETE FROM ${T} WHERE ${where}` },
      // Where the design has a TRUNCATE trigger, the owner's TRUNCATE is refused too (by it, or by a referencing foreign key).
      ...(t.triggers.some((x) => x.events.includes('truncate') && x.enabled !== 'disabled') ? [{ label: `TRUNCATE of ${name} is refused`, kind: 'throws' as const, sql: `TRUNCATE ${T}` }] : []),
    ]);
  }
}

/** The type as format_type() prints it with the default search_path. */
export function expectedType(t: Table['columns'][number]['type']): string {
  const stored = storedTypeName(t.name);
  if (stored !== t.name) return stored;
  if (BUILTIN_TYPE_NAMES.has(t.name)) return t.text;
  const bare = t.name.startsWith('public.') ? t.name.slice('public.'.length) : t.name;
  return bare + (t.arrayDims > 0 ? '[]' : '');
}
