/**
 * Checks a rule's README against the rule itself, in the manner of ESLint's check-rule-examples:
 * every example under `## Incorrect` gives the rule's finding, every one under `## Correct` gives none,
 * and the options table says what `meta.schema` and `meta.defaultOptions` say.
 *
 * How an example is linted (CONTRIBUTING.md, "Rule documentation", says the same for authors):
 * - A ```sql block is the migration `app/migrations/001_example.sql` of module `app`; a ```json block is
 *   `app/schema.json`. Consecutive blocks whose info string names a path (```sql app/migrations/002_b.sql)
 *   are the files of one example, for changes made over several migrations or a schema.json with them.
 * - Next to `app` is the compliant `global` module of the rule harness (organisations and users), so an
 *   example may reference them; anything else it uses, it creates.
 * - Only the rule under test runs, with its default options or those of a first line `-- with { ... }`,
 *   plus the rules whose findings PostgreSQL would refuse (parse-error, replay-error,
 *   foreign-key-target-exists, schema-definition-invalid): an example must be valid PostgreSQL (and a
 *   valid schema.json) unless it documents one of those rules.
 * - rules/docs-postgres.test.ts runs the SQL of every example on PostgreSQL (PGlite), except the
 *   Incorrect examples of the input rules, in a database where the roles app_user and app_writer and
 *   TimescaleDB's create_hypertable(regclass, name) exist.
 * - A ```text block right after an example is its sample output: the messages of its findings, in order,
 *   one a line, with `…` for any text, each optionally led by the finding's `line:column`. A ```sql block elsewhere in the README must parse.
 * - A README that still holds the scaffold's DRAFT paragraph documents a rule not written yet: its Incorrect
 *   examples must give no finding yet (the rule's own index.test.ts fails until they do), and once the
 *   rule reports them the check fails until the paragraph is removed.
 */
import { resolveConfig } from '../src/engine/config/load.js';
import type { ConfigFile } from '../src/engine/config/types.js';
import type { Finding } from '../src/engine/finding.js';
import type { Rule } from '../src/engine/rule.js';
import { parseSqlFile } from '../src/sources/sql/parser.js';
import { allRules } from './index.js';
import { lintCase } from './test-harness.js';

export const DRAFT_LINE = '> DRAFT: this rule is not written yet.';

/** Rules whose findings mean PostgreSQL (or the schema.json format) would not accept the example. */
export const INPUT_RULES = ['parse-error', 'replay-error', 'schema-definition-invalid', 'foreign-key-target-exists'];

interface DocBlock {
  lang: string;
  /** File path from the info string, when given. */
  path?: string;
  text: string;
  /** 1-based line of the opening fence in the README. */
  line: number;
  /** The `##` section it is in. */
  section: string;
}

interface DocExample {
  kind: 'incorrect' | 'correct';
  line: number;
  files: Record<string, string>;
  /** Rule options from a first line `-- with { ... }`. */
  options?: Record<string, unknown>;
  /** The ```text block after the example: its findings' messages, one a line, `…` standing for any text. */
  output?: { line: number; messages: string[] };
}

const WITH_OPTIONS = /^-- with (\{.*\})\s*$/;

/** Fenced code blocks of a Markdown text, with their section. */
function codeBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) section = line.slice(3).trim();
    const open = /^```(\S*)\s*(\S*)\s*$/.exec(line);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && lines[i] !== '```') body.push(lines[i]!);
    blocks.push({ lang: open[1]!, path: open[2] || undefined, text: body.join('\n') + '\n', line: start + 1, section });
  }
  return blocks;
}

const SECTIONS: Record<string, DocExample['kind']> = { Incorrect: 'incorrect', Correct: 'correct' };

/**
 * The examples of a README: one per sql/json block, except that consecutive blocks naming their path
 * are the files of one example (a path met again starts the next one).
 */
export function examples(markdown: string): DocExample[] {
  const out: DocExample[] = [];
  let group: DocExample | undefined;
  for (const b of codeBlocks(markdown)) {
    const kind = SECTIONS[b.section];
    const last = out[out.length - 1];
    if (kind && b.lang === 'text' && last?.kind === kind && !last.output) {
      last.output = { line: b.line, messages: b.text.trimEnd().split('\n') };
      continue;
    }
    if (!kind || (b.lang !== 'sql' && b.lang !== 'json')) continue;
    if (b.path && group && group.kind === kind && !(b.path in group.files)) {
      group.files[b.path] = b.text;
      continue;
    }
    const ex: DocExample = { kind, line: b.line, files: { [b.path ?? (b.lang === 'sql' ? 'app/migrations/001_example.sql' : 'app/schema.json')]: b.text } };
    const options = WITH_OPTIONS.exec(b.text.split('\n', 1)[0]!);
    if (options) ex.options = JSON.parse(options[1]!) as Record<string, unknown>;
    out.push(ex);
    group = b.path ? ex : undefined;
  }
  return out;
}

function lintExample(rule: Rule, ex: DocExample): Finding[] {
  const sql: Record<string, string> = {};
  const schemaJson: Record<string, string> = {};
  for (const [path, text] of Object.entries(ex.files)) (path.endsWith('.json') ? schemaJson : sql)[path] = text;
  // What a suppression or waiver silences depends on the other rules, so input rules' examples run them all.
  const others = rule.meta.source ? allRules.map((r) => r.meta.id) : INPUT_RULES;
  const ids = [rule.meta.id, ...others.filter((r) => r !== rule.meta.id)];
  return lintCase({ sql, schemaJson, options: ex.options }, ids);
}

const show = (f: Finding) => `${f.loc.file}:${f.loc.line}:${f.loc.column} ${f.ruleId}: ${f.message}`;

/**
 * The sample output must be the example's messages, in order (`…` stands for any text), each line
 * optionally led by the finding's `line:column` in its file.
 */
function checkOutput(output: NonNullable<DocExample['output']>, findings: Finding[]): string[] {
  const at = (f: Finding) => `${f.loc.line}:${f.loc.column} `;
  const got = findings.map((f, i) => (/^\d+:\d+ /.test(output.messages[i] ?? '') ? at(f) : '') + f.message);
  const pattern = (line: string) =>
    new RegExp(
      `^${line
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
  const agree = got.length === output.messages.length && output.messages.every((line, i) => pattern(line).test(got[i]!));
  return agree ? [] : [`README.md:${output.line} (sample output) does not match the example's findings, which are:\n${got.join('\n') || '(none)'}`];
}

/** Every way the README's examples disagree with the rule, one line each; empty when they agree. */
export function checkExamples(rule: Rule, markdown: string): string[] {
  const id = rule.meta.id;
  const problems: string[] = [];
  const draft = markdown.includes(DRAFT_LINE);
  const all = examples(markdown);
  if (!rule.meta.source && !all.some((e) => e.kind === 'incorrect')) problems.push('no example under "## Incorrect"');
  if (!rule.meta.source && !all.some((e) => e.kind === 'correct')) problems.push('no example under "## Correct"');
  for (const ex of all) {
    const where = `README.md:${ex.line} (${ex.kind})`;
    const findings = lintExample(rule, ex);
    const own = findings.filter((f) => f.ruleId === id);
    const input = findings.filter((f) => f.ruleId !== id && INPUT_RULES.includes(f.ruleId));
    for (const f of input) problems.push(`${where} is not valid input: ${show(f)}`);
    if (ex.kind === 'correct') for (const f of own) problems.push(`${where} gives a finding: ${show(f)}`);
    else if (draft && own.length > 0) problems.push(`${where} is reported now: remove the DRAFT paragraph ("${DRAFT_LINE} …") from the README`);
    else if (!draft && own.length === 0) problems.push(`${where} gives no ${id} finding`);
    if (ex.output) problems.push(...checkOutput(ex.output, own));
  }
  for (const b of codeBlocks(markdown)) {
    if (b.lang !== 'sql' || SECTIONS[b.section] || b.path) continue;
    for (const e of parseSqlFile(b.text).errors) problems.push(`README.md:${b.line} (sql in "${b.section}") does not parse: ${e.message}`);
  }
  return problems;
}

type JsonSchema = Record<string, unknown> & { enum?: unknown[]; items?: JsonSchema; type?: string };

/** The Type cell of an option, as the README writes it, from the option's JSON Schema. */
export function optionType(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (s.type === 'array') {
    const items = s.items ?? {};
    const list = items.enum ? `list of ${items.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}` : `${optionType(items)}[]`;
    return s.minItems === 1 ? `${list} (at least one)` : list;
  }
  if (s.type === 'integer' && typeof s.minimum === 'number' && typeof s.maximum === 'number') return `integer, ${s.minimum}–${s.maximum}`;
  if (s.type === 'string' && s.format === 'regex') return 'regular expression';
  return String(s.type);
}

/** Table cells, split on the pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function section(markdown: string, title: string): string | undefined {
  const at = markdown.indexOf(`\n## ${title}\n`);
  if (at < 0) return undefined;
  const body = markdown.slice(at + title.length + 5);
  const next = body.indexOf('\n## ');
  return next < 0 ? body : body.slice(0, next);
}

const TABLE_HEAD = '| Option | Type | Default | Meaning |';

/**
 * Every way the README's options disagree with `meta.schema` and `meta.defaultOptions`: the summary row
 * `| Options | … |` lists the option names (or `none`), and `## Options` holds a table with a row per
 * option, in the schema's order, whose Type is `optionType` and whose Default is the JSON of the default.
 * A ```json block there is a configuration example: it must be valid and configure the rule.
 */
export function checkOptions(rule: Rule, markdown: string): string[] {
  const problems: string[] = [];
  const props = (rule.meta.schema.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(props);
  const defaults = rule.meta.defaultOptions;
  for (const name of names) {
    if ('default' in props[name]! && JSON.stringify(props[name]!.default) !== JSON.stringify(defaults[name])) {
      problems.push(`meta.schema gives option "${name}" the default ${JSON.stringify(props[name]!.default)}, meta.defaultOptions ${JSON.stringify(defaults[name])}`);
    }
  }
  const summary = /^\| Options \| (.*) \|$/m.exec(markdown)?.[1];
  const wantSummary = names.length ? names.map((n) => `\`${n}\``).join(', ') : 'none';
  if (summary !== wantSummary) problems.push(`summary row: expected "| Options | ${wantSummary} |", found ${summary === undefined ? 'none' : `"| Options | ${summary} |"`}`);
  const body = section(markdown, 'Options');
  if (body === undefined) return [...problems, 'no "## Options" section'];
  const lines = body.split('\n');
  const head = lines.indexOf(TABLE_HEAD);
  if (names.length === 0) {
    if (!body.trimStart().startsWith('None.')) problems.push('"## Options" must start with "None." for a rule without options');
    if (head >= 0) problems.push('"## Options" has an options table but the rule has no options');
    return problems;
  }
  for (const b of codeBlocks(markdown).filter((b) => b.section === 'Options' && b.lang === 'json')) {
    try {
      const config = JSON.parse(b.text) as ConfigFile;
      resolveConfig(config, allRules, '.');
      if (!config.rules?.[rule.meta.id]) problems.push(`README.md:${b.line}: the configuration example does not configure ${rule.meta.id}`);
    } catch (e) {
      problems.push(`README.md:${b.line}: the configuration example is not valid: ${(e as Error).message}`);
    }
  }
  if (head < 0) return [...problems, `"## Options" has no table headed "${TABLE_HEAD}"`];
  const rows: string[][] = [];
  for (let i = head + 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(cells(lines[i]!));
  const documented = rows.map((r) => r[0]!.replace(/^`|`$/g, ''));
  if (documented.join(',') !== names.join(',')) problems.push(`options table lists ${documented.join(', ') || 'nothing'}; meta.schema has ${names.join(', ')} (in this order)`);
  for (const [i, name] of names.entries()) {
    const row = rows.find((r) => r[0] === `\`${name}\``);
    if (!row) continue;
    const type = optionType(props[name]!);
    if (row[1] !== type) problems.push(`option "${name}": Type is "${row[1]}", meta.schema says "${type}"`);
    const want = JSON.stringify(defaults[name]);
    let got: unknown;
    try {
      got = JSON.parse(row[2]!.replace(/^`|`$/g, '').replace(/\\\|/g, '|'));
    } catch {
      got = Symbol('not JSON');
    }
    if (JSON.stringify(got) !== want) problems.push(`option "${name}": Default is ${row[2]}, meta.defaultOptions says \`${want}\``);
    if (!row[3]) problems.push(`option "${name}" (row ${i + 1}) has no Meaning`);
  }
  return problems;
}
