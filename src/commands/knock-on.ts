import type { Finding } from '../engine/finding.js';
import type { SourceFile } from '../sources/source-file.js';

const ID = String.raw`(?:"(?:[^"]|"")+"|[\w$]+)`;
const NAME = String.raw`(${ID}(?:\s*\.\s*${ID})?)`;
const IF_NOT_EXISTS = String.raw`(?:if\s+not\s+exists\s+)?`;

/** Statements whose failure leaves a table without something, and the rules that then report its absence. */
const CAUSES: { statement: RegExp; knockOns: string[] }[] = [
  { statement: new RegExp(String.raw`^\s*(?:create|alter)\s+policy\s+${IF_NOT_EXISTS}${ID}\s+on\s+${NAME}`, 'i'), knockOns: ['rls-enabled-no-policy', 'rls-tenant-policy'] },
  {
    statement: new RegExp(String.raw`^\s*create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?${IF_NOT_EXISTS}(?:(?:"(?:[^"]|"")+"|[\w$.]+)\s+)?on\s+(?:only\s+)?${NAME}`, 'i'),
    knockOns: ['foreign-key-index', 'tenant-key-indexed'],
  },
  {
    statement: new RegExp(String.raw`^\s*alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${NAME}\s+(?:enable|force)\s+row\s+level\s+security`, 'i'),
    knockOns: ['rls-enabled', 'rls-forced', 'policy-requires-rls'],
  },
];

/** What a failed statement would have created, as keys: `rel:t`, `type:x`, `col:t:c`, `obj:t:n`, `idx:n`. */
/**
 * `errorAt` is the error's offset in the statement for a replay-error, whose statement the replay applies
 * as far as it can (then only the column or subcommand at the error is missing), and -1 for a
 * parse-error, whose statement is not applied at all.
 */
const CREATES: { statement: RegExp; keys: (m: RegExpExecArray, text: string, errorAt: number) => string[] }[] = [
  {
    statement: new RegExp(
      String.raw`^\s*create\s+(?:or\s+replace\s+)?(?:(?:global|local)\s+)?(?:temp(?:orary)?\s+|unlogged\s+)?(table|materialized\s+view|view|sequence)\s+${IF_NOT_EXISTS}${NAME}`,
      'i',
    ),
    keys: (m, text, errorAt) => {
      const t = lastName(m[2]!);
      if (errorAt < 0 || !/^table$/i.test(m[1]!)) return [`rel:${t}`];
      const column = columnList(text, m.index + m[0].length).find((c) => c.start <= errorAt && errorAt <= c.end);
      return column ? [`col:${t}:${column.name}`] : [];
    },
  },
  { statement: new RegExp(String.raw`^\s*create\s+(?:type|domain)\s+${NAME}`, 'i'), keys: (m) => [`type:${lastName(m[1]!)}`] },
  {
    statement: new RegExp(String.raw`^\s*create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?${IF_NOT_EXISTS}(${ID})\s+on\s+(?:only\s+)?${NAME}`, 'i'),
    keys: (m) => [`idx:${lastName(m[1]!)}`, `obj:${lastName(m[2]!)}:${lastName(m[1]!)}`],
  },
  { statement: new RegExp(String.raw`^\s*create\s+policy\s+(${ID})\s+on\s+${NAME}`, 'i'), keys: (m) => [`obj:${lastName(m[2]!)}:${lastName(m[1]!)}`] },
  { statement: new RegExp(String.raw`^\s*create\s+(?:or\s+replace\s+)?(?:constraint\s+)?trigger\s+(${ID})[\s\S]*?\bon\s+${NAME}`, 'i'), keys: (m) => [`obj:${lastName(m[2]!)}:${lastName(m[1]!)}`] },
  {
    statement: new RegExp(String.raw`^\s*alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${NAME}`, 'i'),
    keys: (m, text, errorAt) => {
      const t = lastName(m[1]!);
      const offset = m.index + m[0].length;
      const rest = text.slice(offset);
      const keys: { key: string; at: number }[] = [];
      const add = new RegExp(String.raw`\badd\s+(?:column\s+)?${IF_NOT_EXISTS}(${ID})`, 'gi');
      for (let a = add.exec(rest); a; a = add.exec(rest)) {
        const name = lastName(a[1]!);
        if (/^(constraint|primary|unique|check|foreign|exclude)$/i.test(a[1]!)) {
          const con = /^constraint\s+((?:"(?:[^"]|"")+"|[\w$]+))/i.exec(rest.slice(a.index + 4));
          if (con) keys.push({ key: `obj:${t}:${lastName(con[1]!)}`, at: offset + a.index });
        } else keys.push({ key: `col:${t}:${name}`, at: offset + a.index });
      }
      const rename = new RegExp(String.raw`\brename\s+(?:(column|constraint)\s+)?(?:${ID}\s+)?to\s+(${ID})`, 'gi');
      for (let r = rename.exec(rest); r; r = rename.exec(rest)) {
        const name = lastName(r[2]!);
        const key = r[1] === undefined && /^\s*rename\s+to\b/i.test(rest.slice(r.index)) ? `rel:${name}` : /^constraint$/i.test(r[1] ?? '') ? `obj:${t}:${name}` : `col:${t}:${name}`;
        keys.push({ key, at: offset + r.index });
      }
      if (errorAt < 0) return keys.map((k) => k.key);
      // The subcommand the error lies in: the last one that starts at or before it.
      const at = keys.filter((k) => k.at <= errorAt).sort((a, b) => b.at - a.at)[0];
      return at ? [at.key] : [];
    },
  },
];

/** What a replay-error says is missing, as the key of what would have created it. */
const MISSING: { message: RegExp; keys: (m: RegExpExecArray) => string[] }[] = [
  { message: /^relation "([^"]+)" does not exist/, keys: (m) => [`rel:${lastDotted(m[1]!)}`] },
  { message: /^type "([^"]+)" does not exist/, keys: (m) => [`type:${lastDotted(m[1]!)}`] },
  {
    message: /^(?:column|constraint|policy|trigger|index) "([^"]+)" (?:of relation|for table|in table) "([^"]+)" does not exist/,
    keys: (m) => [`rel:${m[2]}`, `col:${m[2]}:${m[1]}`, `obj:${m[2]}:${m[1]}`],
  },
  { message: /^column "([^"]+)" does not exist: the CHECK constraint can only use columns of "([^"]+)"/, keys: (m) => [`rel:${m[2]}`, `col:${m[2]}:${m[1]}`] },
  { message: /^index "([^"]+)" does not exist$/, keys: (m) => [`idx:${m[1]}`] },
];

/** Rule findings about something a failed statement would have created: a foreign key to a table or column that is missing. */
const MISSING_IN_RULES: { ruleId: string; message: RegExp; keys: (m: RegExpExecArray) => string[] }[] = [
  { ruleId: 'foreign-key-target-exists', message: /references table (.+?), which does not exist/, keys: (m) => [`rel:${lastName(m[1]!)}`] },
  { ruleId: 'foreign-key-target-exists', message: /referenced column "([^"]+)" does not exist in (.+?)(?:[,;:]|$)/, keys: (m) => [`rel:${lastName(m[2]!)}`, `col:${lastName(m[2]!)}:${m[1]}`] },
  { ruleId: 'foreign-key-target-exists', message: /column "([^"]+)" does not exist in "([^"]+)"/, keys: (m) => [`rel:${m[2]}`, `col:${m[2]}:${m[1]}`] },
];

/** The last part of a possibly qualified, possibly quoted name, as PostgreSQL stores it. */
function lastName(written: string): string {
  const parts = written.match(/"(?:[^"]|"")+"|[\w$]+/g) ?? [written];
  const last = parts[parts.length - 1]!;
  return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last.toLowerCase();
}

const lastDotted = (name: string) => name.slice(name.lastIndexOf('.') + 1);

/** The columns of a CREATE TABLE's list with their spans, read from the `(` at or after `from` (best effort on text that may not parse). */
function columnList(text: string, from: number): { name: string; start: number; end: number }[] {
  const open = text.indexOf('(', from);
  if (open === -1) return [];
  const names: { name: string; start: number; end: number }[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' || (c === ',' && depth === 1)) {
      if (depth === 1) {
        const m = /^\s*((?:"(?:[^"]|"")+"|[\w$]+))/.exec(text.slice(start, i));
        if (m && !/^(constraint|primary|unique|check|foreign|exclude|like)$/i.test(m[1]!)) names.push({ name: lastName(m[1]!), start, end: i });
        start = i + 1;
      }
      if (c === ')' && --depth === 0) break;
    }
  }
  return names;
}

/**
 * The statement around an offset, from after the previous `;` to the next one: where it starts, its
 * text (line comments blanked, so offsets stay) and the offset in it.
 */
function statementAt(text: string, offset: number): { start: number; text: string; at: number } {
  const start = text.lastIndexOf(';', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf(';', offset);
  const statement = text.slice(start, end === -1 ? Math.min(text.length, start + 10_000) : end).replace(/--[^\n]*/g, (c) => ' '.repeat(c.length));
  return { start, text: statement, at: offset - start };
}

/** A place in the replay: the file's position among the sources (replay order), then the offset in it. */
type Place = [number, number];
const before = (a: Place, b: Place) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/**
 * One cause, one error: when a statement could not be read (parse-error, replay-error), findings that
 * follow only because what it would have created is missing are knock-ons, and are dropped; the error
 * at the statement is the one to fix. That covers the rules that report a missing policy, index or
 * row-level security on its table; later replay-errors that the relation, column, constraint, index,
 * policy, trigger or type does not exist; foreign keys to a table or column that is missing; and
 * findings naming a column whose definition failed.
 */
export function dropKnockOns(findings: Finding[], sources: ReadonlyMap<string, SourceFile>): Finding[] {
  const fileOrder = new Map([...sources.keys()].map((k, i) => [k, i]));
  const placeOf = (f: Finding) => {
    const source = sources.get(f.loc.file);
    if (!source || f.loc.line > source.lineStarts.length) return undefined;
    const s = statementAt(source.text, source.lineStarts[f.loc.line - 1]! + f.loc.column - 1);
    return { place: [fileOrder.get(f.loc.file)!, s.start] as Place, text: s.text, at: s.at };
  };
  const missing = new Map<string, Set<string>>();
  const created = new Map<string, Place>();
  /** Table → column whose definition failed → the unknown type it was given (undefined: the column is missing). */
  const failedColumns = new Map<string, Map<string, string | undefined>>();
  for (const f of findings) {
    if (f.ruleId !== 'parse-error' && f.ruleId !== 'replay-error') continue;
    // A statement that failed because its object exists already takes nothing away.
    if (/already exists/.test(f.message)) continue;
    const at = placeOf(f);
    if (!at) continue;
    for (const cause of CAUSES) {
      const m = cause.statement.exec(at.text);
      if (!m) continue;
      for (const rule of cause.knockOns) {
        let tables = missing.get(rule);
        if (!tables) missing.set(rule, (tables = new Set()));
        tables.add(lastName(m[1]!));
      }
    }
    for (const c of CREATES) {
      const m = c.statement.exec(at.text);
      if (!m) continue;
      const unknownType = /^type "(?:[^"]*\.)?([^".]+)" does not exist/.exec(f.message)?.[1];
      for (const key of c.keys(m, at.text, f.ruleId === 'parse-error' ? -1 : at.at)) {
        if (!created.has(key) || before(at.place, created.get(key)!)) created.set(key, at.place);
        if (key.startsWith('col:')) {
          const [, table, column] = /^col:(.*?):(.*)$/.exec(key)!;
          // The replay keeps a column of an unknown type: what is missing is only its type.
          let columns = failedColumns.get(table!);
          if (!columns) failedColumns.set(table!, (columns = new Map()));
          // One definition that failed for another reason than its type makes the column missing altogether.
          if (!columns.has(column!) || unknownType === undefined) columns.set(column!, unknownType);
        }
      }
      break;
    }
  }
  if (missing.size === 0 && created.size === 0) return findings;
  return findings.filter((f) => {
    if (f.ruleId === 'replay-error') {
      const rule = MISSING.find((x) => x.message.test(f.message));
      if (!rule) return true;
      const at = placeOf(f);
      const keys = rule.keys(rule.message.exec(f.message)!);
      return !(at && keys.some((k) => created.has(k) && before(created.get(k)!, at.place)));
    }
    if (f.ruleId === 'parse-error') return true;
    for (const x of MISSING_IN_RULES) {
      const m = x.ruleId === f.ruleId ? x.message.exec(f.message) : null;
      if (m && x.keys(m).some((k) => created.has(k))) return false;
    }
    const table = f.logical?.split('.')[1];
    if (table === undefined) return true;
    if (missing.get(f.ruleId)?.has(table)) return false;
    const columns = failedColumns.get(table);
    if (!columns) return true;
    for (const [, name] of f.message.matchAll(/"([^"]+)"/g)) {
      if (!columns.has(name!)) continue;
      const type = columns.get(name!);
      if (type === undefined || new RegExp(`\\b${type.replace(/\W/g, '\\$&')}\\b`).test(f.message)) return false;
    }
    return true;
  });
}
