// `npm run new-rule <id>`: scaffolds a rule (folder with index.ts, README.md, index.test.ts), its
// registry entry, its README table row and its entry in the published config schema. The README starts
// as a draft whose examples the stub does not report yet, so rules/meta.test.ts and rules/docs.test.ts
// pass while the rule's own index.test.ts fails until the rule is written (CONTRIBUTING.md, "Rule documentation").
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORY, insertRow } from './rules-table.js';

const USAGE = 'usage: npm run new-rule -- <id> [--category <category>] [--severity warn|error] [--description <sentence>] [--root <repository>]';
const DRAFT_LINE = '> DRAFT: this rule is not written yet.';
const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await'.split(
    ' ',
  ),
);
/** The ISO 27001 control a new rule starts with; README and meta.compliance name it alike. */
const CONTROL = { id: 'ISO 27001 A.8.28', title: 'ISO 27001 A.8.28 Secure coding' };

class UsageError extends Error {}

function options(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string', default: '.' },
        category: { type: 'string', default: 'integrity' },
        severity: { type: 'string', default: 'error' },
        description: { type: 'string' },
        debug: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError(`${e.message.split('\n')[0]}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const id = positionals[0];
  if (!ID.test(id)) throw new UsageError(`rule id "${id}" is not kebab-case (lower-case words and digits joined by "-", e.g. "prefer-identity-column")`);
  if (!(values.category in CATEGORY)) throw new UsageError(`--category must be one of ${Object.keys(CATEGORY).join(', ')}, not "${values.category}"`);
  if (values.severity !== 'warn' && values.severity !== 'error') throw new UsageError(`--severity must be warn or error, not "${values.severity}"`);
  const description = values.description ?? `Says in one sentence what ${id} requires (replace this sentence).`;
  if (description.length <= 20 || /[\r\n]/.test(description)) throw new UsageError('--description must be one line of more than 20 characters');
  return { id, root: resolve(values.root), category: values.category, severity: values.severity, description };
}

const camel = (id) => {
  const name = id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
  return RESERVED.has(name) ? `${name}Rule` : name;
};

const EXAMPLE = `CREATE TABLE vendor (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name text NOT NULL
);`;

/** Whether rules declare their messages by id (`meta.messages`, reported with `messageId` and `data`). */
const hasMessageIds = (root) => /^\s*messages: Record<string, string>;/m.test(readFileSync(join(root, 'src/engine/rule.ts'), 'utf8'));

function indexTs(o) {
  const report = o.messageIds ? "ctx.report({ table, node: column, messageId: 'invalid', data: { column: column.name } });" : 'ctx.report({ table, node: column, message: `…` });';
  const messages = o.messageIds ? `\n    messages: {\n      invalid: 'column "{{column}}" … (one template per kind of problem)',\n    },` : '';
  return `import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: '${o.id}',
    category: '${o.category}',
    description: '${o.description.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}',
    severity: '${o.severity}',
    compliance: ['${CONTROL.id}'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},${messages}
  },
  check(ctx) {
    for (const table of ctx.tables) {
      // Judge the table in its final state; report each thing that breaks the rule where it is defined:
      // ${report}
      void table;
    }
  },
});
`;
}

function readme(o) {
  return `# ${o.id}

${o.description}

| | |
| --- | --- |
| Category | ${CATEGORY[o.category]} |
| Recommended | \`${o.severity}\` |
| Options | none |
| Compliance | ${CONTROL.title} |

${DRAFT_LINE} Make \`rules/${o.id}/index.test.ts\` pass, then remove this
> paragraph: from then on every Incorrect example below must give a ${o.id} finding.

## Why

What the database standard asks, what goes wrong without it, and which PostgreSQL behaviour the rule
follows (prove each in index.test.ts against PGlite or PostgreSQL).

## Options

None.

## Incorrect

\`\`\`sql
-- replace with SQL the rule reports
${EXAMPLE}
\`\`\`

## Correct

\`\`\`sql
-- replace with SQL the rule accepts
${EXAMPLE}
\`\`\`
`;
}

function indexTestTs() {
  return `import { ruleTester } from '../test-harness.js';
import rule from './index.js';

// The README's examples (rules/docs.test.ts lints them too): start from them, then add the edge cases.
const INCORRECT = \`
${EXAMPLE}
\`;
const CORRECT = \`
${EXAMPLE}
\`;

ruleTester(rule, {
  valid: [{ name: "the README's Correct example", sql: CORRECT }],
  invalid: [{ name: "the README's Incorrect example", sql: INCORRECT, errors: [{ line: 2 }] }],
});
`;
}

/** rules/index.ts with the rule's import and registry entry in id order. */
function registry(text, id) {
  const IMPORT = /^import (\w+) from '\.\/([a-z0-9-]+)\/index\.js';$/;
  const lines = text.split('\n');
  const imports = lines.filter((l) => IMPORT.test(l));
  const open = lines.indexOf('export const allRules: Rule[] = [');
  const close = lines.indexOf('];', open);
  if (imports.length === 0 || open < 0 || close < 0) throw new UsageError('rules/index.ts does not have the expected shape (imports, then export const allRules: Rule[] = [ … ];)');
  const entries = [...imports.map((l) => IMPORT.exec(l).slice(1, 3)), [camel(id), id]].sort((a, b) => (a[1] < b[1] ? -1 : 1));
  const first = lines.indexOf(imports[0]);
  const rest = lines.slice(first).filter((l) => !IMPORT.test(l));
  const body = rest.slice(rest.indexOf('export const allRules: Rule[] = [') + 1, rest.indexOf('];'));
  if (body.some((l) => !/^ {2}\w+,$/.test(l))) throw new UsageError('rules/index.ts: allRules holds more than one name per line');
  return [
    ...lines.slice(0, first),
    ...entries.map(([name, rid]) => `import ${name} from './${rid}/index.js';`),
    ...rest.slice(0, rest.indexOf('export const allRules: Rule[] = [') + 1),
    ...entries.map(([name]) => `  ${name},`),
    ...rest.slice(rest.indexOf('];')),
  ].join('\n');
}

/** schemas/config.schema.json with the rule's entry, built by the same code as the published one. */
async function configSchema(text, o) {
  const built = new URL('../dist/src/engine/config/schema.js', import.meta.url);
  if (!existsSync(built)) throw new UsageError('dist/ is missing: run npm run build first');
  const { buildConfigSchema } = await import(built.href);
  const meta = {
    id: o.id,
    category: o.category,
    description: o.description,
    severity: o.severity,
    compliance: [CONTROL.id],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  };
  const entry = buildConfigSchema([{ meta, check() {} }]).$defs.rules.properties[o.id];
  const schema = JSON.parse(text);
  const rules = schema.$defs.rules.properties;
  rules[o.id] = entry;
  schema.$defs.rules.properties = Object.fromEntries(
    Object.keys(rules)
      .sort()
      .map((k) => [k, rules[k]]),
  );
  return JSON.stringify(schema, null, 2) + '\n';
}

function read(root, path) {
  const file = join(root, path);
  if (!existsSync(file)) throw new UsageError(`${file} not found: --root must be the ismslint repository`);
  return readFileSync(file, 'utf8');
}

/** Write through a temporary file and a rename, so no file is ever left half written. */
function writeAtomic(file, text) {
  writeFileSync(`${file}.tmp-new-rule`, text);
  renameSync(`${file}.tmp-new-rule`, file);
}

async function main() {
  const o = options(process.argv.slice(2));
  const dir = join(o.root, 'rules', o.id);
  const index = read(o.root, 'rules/index.ts');
  if (existsSync(dir) || new RegExp(`from '\\./${o.id}/index\\.js'`).test(index)) throw new UsageError(`rule id "${o.id}" is taken: rules/${o.id} exists`);
  // Everything is worked out before anything is written: a failure leaves the repository as it was.
  const readmeTable = insertRow(read(o.root, 'README.md'), o);
  if (readmeTable === undefined) throw new UsageError('README.md has no rule table (| rule | category | recommended | what it requires |)');
  const writes = [
    ['rules/index.ts', registry(index, o.id)],
    ['README.md', readmeTable],
    ['schemas/config.schema.json', await configSchema(read(o.root, 'schemas/config.schema.json'), o)],
  ];
  mkdirSync(dir);
  writeAtomic(join(dir, 'index.ts'), indexTs({ ...o, messageIds: hasMessageIds(o.root) }));
  writeAtomic(join(dir, 'README.md'), readme(o));
  writeAtomic(join(dir, 'index.test.ts'), indexTestTs());
  for (const [path, text] of writes) writeAtomic(join(o.root, path), text);
  console.log(`created rules/${o.id}: write the rule in index.ts until \`npx vitest run rules/${o.id}\` passes, then remove the DRAFT paragraph from its README.md`);
}

main().catch((e) => {
  if (!(e instanceof UsageError) && process.argv.includes('--debug')) console.error(e);
  console.error(`new-rule: ${e instanceof UsageError ? e.message : e.message.split('\n')[0]}`);
  process.exit(2);
});
