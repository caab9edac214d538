/** Run one requirement's steps in a transaction that is rolled back, the way pgTAP would run them. */
import type { Assertion, Requirement } from './types.js';
import { asDatabaseError, type Database } from './database.js';
import { literal, nameArray, qualified } from './sql.js';

/** The table's oid, or NULL when it does not exist (regclass would raise). */
const maybeRel = (schema: string, table: string) => `to_regclass(${literal(qualified(schema, table))})`;

export interface AssertionResult {
  label: string;
  ok: boolean;
  /** What was found instead, for a failure. */
  diagnostic?: string;
}

export interface RequirementResult {
  title: string;
  group: Requirement['group'];
  table: string;
  ok: boolean;
  assertions: AssertionResult[];
}

export async function checkRequirement(db: Database, req: Requirement): Promise<RequirementResult> {
  const assertions: AssertionResult[] = [];
  await db.exec('BEGIN');
  try {
    for (const step of req.steps) {
      if ('run' in step) {
        const failed = await guarded(db, () => db.exec(step.run));
        if (failed) {
          assertions.push({ label: 'test setup', ok: false, diagnostic: `${failed.message}${failed.code ? ` (SQLSTATE ${failed.code})` : ''} in: ${oneLine(step.run)}` });
          break;
        }
        continue;
      }
      assertions.push(await assertStep(db, step));
    }
  } finally {
    await db.exec('ROLLBACK');
  }
  return { title: req.title, group: req.group, table: req.table, ok: assertions.length > 0 && assertions.every((a) => a.ok), assertions };
}

function oneLine(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  return s.length > 200 ? s.slice(0, 200) + '…' : s;
}

/** Run `fn` under a savepoint; an error rolls back to it and is returned instead of aborting the transaction. */
async function guarded(db: Database, fn: () => Promise<unknown>): Promise<{ code?: string; message: string } | undefined> {
  await db.exec('SAVEPOINT ismslint_step');
  try {
    await fn();
    await db.exec('RELEASE SAVEPOINT ismslint_step');
    return undefined;
  } catch (e) {
    await db.exec('ROLLBACK TO SAVEPOINT ismslint_step');
    return asDatabaseError(e);
  }
}

type Labelled = { label: string } & Assertion;

async function assertStep(db: Database, step: Labelled): Promise<AssertionResult> {
  let result: AssertionResult = { label: step.label, ok: false };
  const failed = await guarded(db, async () => {
    result = await evaluate(db, step);
  });
  if (failed) {
    if (step.kind === 'throws') {
      const expected = step.olderServers && Number(await scalar(db, "SELECT current_setting('server_version_num')")) < step.olderServers.before ? step.olderServers.sqlstate : step.sqlstate;
      const ok = expected === undefined || failed.code === expected;
      return { label: step.label, ok, diagnostic: ok ? undefined : `expected SQLSTATE ${expected}, got ${failed.code ?? 'an error'}: ${failed.message}` };
    }
    if (step.kind === 'nothing_visible' && (failed.code === '22P02' || failed.code === '42704')) return { label: step.label, ok: true };
    return { label: step.label, ok: false, diagnostic: `${failed.message}${failed.code ? ` (SQLSTATE ${failed.code})` : ''}` };
  }
  return result;
}

async function scalar(db: Database, sql: string): Promise<unknown> {
  const r = await db.query(sql);
  const row = r.rows[0];
  return row ? Object.values(row)[0] : undefined;
}

function verdict(label: string, ok: boolean, diagnostic: string): AssertionResult {
  return ok ? { label, ok } : { label, ok, diagnostic };
}

function column(schema: string, table: string, col: string): string {
  return `FROM pg_catalog.pg_attribute a WHERE a.attrelid = ${maybeRel(schema, table)} AND a.attname = ${literal(col)} AND a.attnum > 0 AND NOT a.attisdropped`;
}

const keyColumns = (array: string, rel: string) =>
  `(SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(${array}) WITH ORDINALITY AS k(attnum, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum)`;

async function evaluate(db: Database, s: Labelled): Promise<AssertionResult> {
  const L = s.label;
  switch (s.kind) {
    case 'has_table': {
      const found = await scalar(
        db,
        `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${literal(s.schema)} AND c.relname = ${literal(s.table)} AND c.relkind IN ('r', 'p'))`,
      );
      return verdict(L, found === true, `table ${s.schema}.${s.table} does not exist`);
    }
    case 'has_column': {
      const found = await scalar(db, `SELECT EXISTS (SELECT 1 ${column(s.schema, s.table, s.column)})`);
      return verdict(L, found === true, `column ${s.column} does not exist`);
    }
    case 'col_type_is': {
      const type = await scalar(db, `SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) ${column(s.schema, s.table, s.column)}`);
      return verdict(L, type === s.type, `type is ${type ?? '(no such column)'}, expected ${s.type}`);
    }
    case 'col_not_null':
    case 'col_is_null': {
      const notNull = await scalar(db, `SELECT a.attnotnull ${column(s.schema, s.table, s.column)}`);
      const want = s.kind === 'col_not_null';
      return verdict(L, notNull === want, notNull === undefined ? 'no such column' : want ? 'the column allows NULL' : 'the column is NOT NULL');
    }
    case 'col_default_is': {
      const d = await scalar(
        db,
        `SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = ${maybeRel(s.schema, s.table)} AND a.attname = ${literal(s.column)}`,
      );
      return verdict(L, d === s.default, `default is ${d ?? '(none)'}, expected ${s.default}`);
    }
    case 'col_has_default': {
      const has = await scalar(db, `SELECT a.atthasdef ${column(s.schema, s.table, s.column)}`);
      return verdict(L, has === true, 'the column has no default');
    }
    case 'col_is_pk': {
      const rel = maybeRel(s.schema, s.table);
      const cols = await scalar(db, `SELECT ${keyColumns('c.conkey', 'c.conrelid')} FROM pg_catalog.pg_constraint c WHERE c.conrelid = ${rel} AND c.contype = 'p'`);
      return verdict(L, sameList(cols, s.columns), `primary key is ${cols ? `(${(cols as string[]).join(', ')})` : '(none)'}`);
    }
    case 'fk_ok': {
      const rel = maybeRel(s.schema, s.table);
      const found = await scalar(
        db,
        `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conrelid = ${rel} AND c.contype = 'f' AND c.confrelid = ${maybeRel(s.refSchema, s.refTable)}
          AND ${keyColumns('c.conkey', 'c.conrelid')} = ${nameArray(s.columns)}::text[] AND ${keyColumns('c.confkey', 'c.confrelid')} = ${nameArray(s.refColumns)}::text[])`,
      );
      return verdict(L, found === true, `no such foreign key`);
    }
    case 'policies_are': {
      const r = await db.query(`SELECT policyname::text AS name FROM pg_catalog.pg_policies WHERE schemaname = ${literal(s.schema)} AND tablename = ${literal(s.table)} ORDER BY 1`);
      const have = r.rows.map((x) => String(x.name));
      return verdict(L, sameSet(have, s.policies), `policies are ${have.length ? have.join(', ') : '(none)'}`);
    }
    case 'policy_cmd_is': {
      const cmd = await scalar(db, `SELECT cmd FROM pg_catalog.pg_policies WHERE schemaname = ${literal(s.schema)} AND tablename = ${literal(s.table)} AND policyname = ${literal(s.policy)}`);
      return verdict(L, cmd === s.command, `command is ${cmd ?? '(no such policy)'}`);
    }
    case 'policy_roles_are': {
      const roles = await scalar(
        db,
        `SELECT roles::text[] FROM pg_catalog.pg_policies WHERE schemaname = ${literal(s.schema)} AND tablename = ${literal(s.table)} AND policyname = ${literal(s.policy)}`,
      );
      return verdict(L, Array.isArray(roles) && sameSet(roles as string[], s.roles), `roles are ${Array.isArray(roles) ? roles.join(', ') : '(no such policy)'}`);
    }
    case 'ok': {
      const v = await scalar(db, s.sql);
      return verdict(L, v === true, `got ${v === undefined ? 'no row' : String(v)}`);
    }
    case 'is_empty': {
      const r = await db.query(s.sql);
      return verdict(L, r.rows.length === 0, `${r.rows.length} row${r.rows.length === 1 ? '' : 's'} returned`);
    }
    case 'nothing_visible': {
      const r = await db.query(s.sql);
      return verdict(L, r.rows.length === 0, `${r.rows.length} row${r.rows.length === 1 ? '' : 's'} visible`);
    }
    case 'throws': {
      await db.exec(s.sql);
      return verdict(L, false, `the statement succeeded; expected ${s.sqlstate ? `SQLSTATE ${s.sqlstate}` : 'an error'}`);
    }
    case 'lives':
      await db.exec(s.sql);
      return { label: L, ok: true };
    case 'affects': {
      const r = await db.query(s.sql);
      return verdict(L, r.affected === s.rows, `${r.affected} row${r.affected === 1 ? '' : 's'} affected, expected ${s.rows}`);
    }
  }
}

function sameList(a: unknown, b: string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameSet(a: string[], b: string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
