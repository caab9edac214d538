/**
 * Differential replay: a migration script runs statement by statement on PGlite and through the replay.
 * Where PGlite rejects a statement, the replay of the statements PGlite accepted before it, plus that
 * statement, must report it (replay-error or parse-error), unless PGlite's error needs what a static replay
 * cannot see (SERVER_ONLY). The accepted statements alone must replay without error, to the catalog
 * PGlite holds.
 */
import type { PGlite } from '@electric-sql/pglite';
import { allRules } from '../../rules/index.js';
import { resolveConfig } from '../../src/engine/config/load.js';
import { runRules } from '../../src/engine/runner.js';
import { buildModel } from '../../src/sources/build.js';
import { splitWithComments, withoutMetaCommands } from '../../src/sources/sql/split.js';
import type { CatalogShape } from './catalog-shape.js';
import { alignUnknownTypes, databaseShape, modelShape } from './catalog-shape.js';

export interface ScriptFile {
  path: string;
  text: string;
}

/**
 * PostgreSQL errors that depend on what the static replay does not model: functions and their
 * signatures, roles, extensions available on the server, rows in the tables, and expression typing.
 * rules/replay-error/README.md lists the same classes for users.
 */
export const SERVER_ONLY: RegExp[] = [
  /^function .* does not exist/,
  /^operator .* does not exist/,
  /^role ".*" does not exist/,
  /^extension ".*" is not available/,
  /could not open extension control file/,
  /^could not create unique index/,
  /^column ".*" of relation ".*" contains null values/,
  /^check constraint ".*" of relation ".*" is violated by some row/,
  /^insert or update on table .* violates foreign key constraint/,
  /^there is no unique constraint matching given keys for referenced table/,
  /^foreign key constraint ".*" cannot be implemented/,
  /^column ".*" cannot be cast automatically to type/,
  /^cannot cast type/,
  /^schema ".*" does not exist/,
  /^(UNION|INTERSECT|EXCEPT|CASE|VALUES|COALESCE) types .* cannot be matched/,
  /^data type .* has no default operator class/,
  /^argument of .* must be type/,
  /^operator does not exist/,
  /^invalid input syntax/,
  /^functions in index (expression|predicate) must be marked IMMUTABLE/,
  /^generation expression is not immutable/,
  /^could not determine which collation to use/,
  /^column ".*" is of type .* but default expression is of type/,
];

const FK_TARGET = allRules.find((r) => r.meta.id === 'foreign-key-target-exists')!;
const FK_TARGET_CONFIG = resolveConfig({ rules: Object.fromEntries(allRules.map((r) => [r.meta.id, r === FK_TARGET ? 'error' : 'off'])) }, allRules, '.');

export interface Statement {
  file: string;
  start: number;
  end: number;
  text: string;
  line: number;
  endLine: number;
  /** The rows after `COPY … FROM stdin;`, up to the `\.` line. */
  copyData?: string;
}

export interface DifferentialOutcome {
  accepted: number;
  rejected: number;
  /** Rejections the static replay is not expected to see (SERVER_ONLY). */
  serverOnly: string[];
  /** Where lint and PGlite disagree; empty when they agree. */
  problems: string[];
}

const lineAt = (text: string, offset: number) => {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

export function statementsOf(files: ScriptFile[]): Statement[] {
  return files.flatMap((f) => {
    // psql's meta-commands (pg_dump's `\restrict`) are psql's own: the server never sees them.
    const { spans, meta } = splitWithComments(f.text);
    const sql = withoutMetaCommands(f.text, meta);
    return spans.map((s) => {
      const text = sql.slice(s.start, s.end);
      const statement: Statement = { file: f.path, start: s.start, end: s.end, text, line: lineAt(f.text, s.start), endLine: lineAt(f.text, s.end) };
      if (/^copy\b[\s\S]*\bfrom\s+stdin\b/i.test(text)) {
        const from = f.text.indexOf('\n', s.end) + 1;
        const end = f.text.slice(from).search(/^\\\.[ \t\r]*$/m);
        statement.copyData = f.text.slice(from, end === -1 ? undefined : from + end);
      }
      return statement;
    });
  });
}

/** Run one statement; pg_dump's `COPY … FROM stdin` takes its rows as PGlite's /dev/blob. */
async function execute(db: PGlite, s: Statement): Promise<void> {
  if (s.copyData === undefined) await db.exec(s.text);
  else await db.query(s.text.replace(/\bstdin\b/i, "'/dev/blob'"), [], { blob: new Blob([s.copyData]) });
}

/** Drop everything a script may have made, so the next one starts from an empty database. */
export async function resetDatabase(db: PGlite): Promise<void> {
  const schemas = (await db.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema')`)).rows;
  for (const { nspname } of schemas) await db.exec(`DROP SCHEMA "${nspname.replace(/"/g, '""')}" CASCADE`);
  await db.exec(`CREATE SCHEMA public; SET search_path TO public;`);
}

interface Replayed {
  errors: { file: string; line: number; message: string }[];
  shape: CatalogShape;
}

/** Replay statements as one module's migrations, one file per source file, in order. */
function replay(statements: Statement[], files: ScriptFile[]): Replayed {
  return replayTexts(
    files.map((f) => ({
      path: f.path,
      text: statements
        .filter((s) => s.file === f.path)
        .map(written)
        .join('\n'),
    })),
  );
}

/** Replay files as one module's migrations, in order. */
function replayTexts(files: ScriptFile[]): Replayed {
  const byFile = files.map((f, i) => ({
    // Numbered so that replay order is file order whatever the names.
    path: `m/${String(i).padStart(4, '0')}_${f.path.replace(/[^A-Za-z0-9_.-]/g, '_')}`,
    original: f.path,
    text: f.text,
  }));
  const model = buildModel([{ name: 'm', dir: 'm', migrations: byFile.map((f) => ({ path: f.path, bytes: new TextEncoder().encode(f.text) })) }], 'global');
  const original = new Map(byFile.map((f) => [f.path, f.original]));
  // A foreign key's target (table, columns, implied primary key) is judged by that rule, not by the replay.
  const targets = runRules({ catalog: model.catalog, rules: [FK_TARGET], config: FK_TARGET_CONFIG, sourceFindings: [], directives: [] });
  const errors = [...model.findings, ...targets]
    .filter((f) => f.ruleId === 'replay-error' || f.ruleId === 'parse-error' || f.ruleId === FK_TARGET.meta.id)
    .map((f) => ({ file: original.get(f.loc.file) ?? f.loc.file, line: f.loc.line, message: f.message }));
  return { errors, shape: modelShape(model.catalog) };
}

/** A statement as replay() writes it: with its semicolon, and a COPY with its rows. */
const written = (s: Statement) => (s.copyData === undefined ? s.text + ';' : `${s.text};\n${s.copyData}\\.`);

/** Lines of statement `s` when the accepted statements before it and `s` are written one per statement (as replay() writes them). */
function lastStatementLines(prefix: Statement[], s: Statement): { first: number; last: number } {
  const before = prefix.filter((p) => p.file === s.file);
  const first = before.reduce((n, p) => n + written(p).split('\n').length, 1);
  return { first, last: first + s.text.split('\n').length - 1 };
}

/**
 * A relation missing from a schema that does not exist (PostgreSQL says "relation s.x does not exist"):
 * the replay takes a schema the migrations never create for a platform's, whose relations it cannot see.
 */
async function inPlatformSchema(db: PGlite, error: string): Promise<boolean> {
  const schema = /^relation "([^".]+)\.[^"]+" does not exist/.exec(error)?.[1];
  if (schema === undefined) return false;
  return (await db.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema])).rows.length === 0;
}

export async function differential(db: PGlite, files: ScriptFile[]): Promise<DifferentialOutcome> {
  await resetDatabase(db);
  const statements = statementsOf(files);
  const accepted: Statement[] = [];
  const outcome: DifferentialOutcome = { accepted: 0, rejected: 0, serverOnly: [], problems: [] };
  for (const s of statements) {
    let error: string | undefined;
    try {
      await execute(db, s);
    } catch (e) {
      error = (e as Error).message;
    }
    if (error === undefined) {
      accepted.push(s);
      outcome.accepted++;
      continue;
    }
    outcome.rejected++;
    const { errors } = replay([...accepted, s], files);
    const { first, last } = lastStatementLines(accepted, s);
    const reported = errors.some((e) => e.file === s.file && e.line >= first && e.line <= last);
    if (reported) continue;
    if (SERVER_ONLY.some((re) => re.test(error!)) || (await inPlatformSchema(db, error))) outcome.serverOnly.push(`${s.file}:${s.line}: ${error}`);
    else outcome.problems.push(`${s.file}:${s.line}: PGlite rejects it (${error}), lint reports nothing:\n  ${s.text.trim()}`);
  }
  const { errors, shape } = replay(accepted, files);
  for (const e of errors) outcome.problems.push(`${e.file}:${e.line} (of the accepted statements only): lint reports "${e.message}", PGlite accepted every statement`);
  // Lint reads the files as written (psql's meta-commands, comments and all) as the statements PGlite ran.
  if (outcome.rejected === 0) {
    const asWritten = replayTexts(files);
    for (const e of asWritten.errors) outcome.problems.push(`${e.file}:${e.line} (the files as written): lint reports "${e.message}", PGlite accepted every statement`);
    if (JSON.stringify(asWritten.shape) !== JSON.stringify(shape)) outcome.problems.push('the files as written replay to another model than their statements one by one');
  }
  const schemas = (await db.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`)).rows.map((r) => r.nspname);
  const db0 = await databaseShape(<Row>(sql: string) => db.query<Row>(sql), schemas);
  const model = alignUnknownTypes(shape, db0);
  for (const key of new Set([...Object.keys(db0), ...Object.keys(model)])) {
    const a = JSON.stringify(db0[key]);
    const b = JSON.stringify(model[key]);
    if (a !== b) outcome.problems.push(`${key}: PGlite holds ${a ?? 'nothing'}, the model ${b ?? 'nothing'}`);
  }
  return outcome;
}
