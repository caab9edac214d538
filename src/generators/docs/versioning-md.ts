/**
 * versioning.md: the module's schema version (from schema.json), its history read from the model
 * (what each migration file created or changed, by the source location of every object), and the
 * upgrade rules that say whether a change is major, minor or a patch.
 */
import type { Catalog, ModuleInfo, Table } from '../../model/catalog.js';
import { mdCode, mdList, mdTable } from './markdown.js';
import { codeList, tableLabel } from './model-text.js';

const UPGRADE_RULES: [string, string][] = [
  [
    'MAJOR',
    "A change that can break a reader, a writer or stored data: dropping or renaming a table or column; changing a column's type; making a column NOT NULL, or adding a NOT NULL column without a default; removing an allowed value or tightening a CHECK; adding a unique key; changing a foreign key's target or delete action; changing the tenant key or loosening row-level security.",
  ],
  [
    'MINOR',
    'An addition existing code keeps working with: a new table; a new nullable column or one with a default; a new allowed value; a new index; a new policy that does not widen access; a new cross-module reference.',
  ],
  ['PATCH', 'No change to what the database accepts or returns: descriptions and comments, documentation, the order of generated statements.'],
];

const PLURALS: Record<string, string> = { index: 'indexes', policy: 'policies' };

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : (PLURALS[word] ?? `${word}s`)}`;
}

function pushNamed(out: string[], label: string, names: string[]): void {
  if (names.length) out.push(`${label}: ${codeList([...new Set(names)])}`);
}

/** What one migration file did, read back from where each object of the final model was defined. */
function changesOf(catalog: Catalog, file: string, tables: Table[]): string[] {
  const out: string[] = [];
  pushNamed(
    out,
    'creates functions',
    catalog.functionDefinitions.filter((f) => f.loc.file === file).map((f) => `${f.name}()`),
  );
  const created = tables.filter((t) => t.loc.file === file);
  if (created.length) {
    // Counted by where each was defined: a column a later migration adds is that migration's change.
    const count = (what: string, f: (t: Table) => { loc: { file: string } }[]) =>
      plural(
        created.reduce((n, t) => n + f(t).filter((x) => x.loc.file === file).length, 0),
        what,
      );
    out.push(
      `creates ${plural(created.length, 'table')} (${codeList(created.map((t) => tableLabel(t.schema, t.name)))}) ` +
        `with ${count('column', (t) => t.columns)}, ${count('constraint', (t) => t.constraints)}, ${count('index', (t) => t.indexes)} and ${count('policy', (t) => t.policies)}`,
    );
  }
  const others = tables.filter((t) => t.loc.file !== file);
  const of = (t: Table, name: string) => `${tableLabel(t.schema, t.name)}.${name}`;
  pushNamed(
    out,
    'adds columns',
    others.flatMap((t) => t.columns.filter((c) => c.loc.file === file).map((c) => of(t, c.name))),
  );
  pushNamed(
    out,
    'adds constraints',
    others.flatMap((t) => t.constraints.filter((c) => c.loc.file === file).map((c) => of(t, c.name))),
  );
  pushNamed(
    out,
    'adds indexes',
    others.flatMap((t) => t.indexes.filter((i) => i.loc.file === file).map((i) => i.name)),
  );
  pushNamed(
    out,
    'adds policies',
    others.flatMap((t) => t.policies.filter((p) => p.loc.file === file).map((p) => of(t, p.name))),
  );
  pushNamed(
    out,
    'sets row-level security on',
    others.filter((t) => t.rls.loc?.file === file).map((t) => tableLabel(t.schema, t.name)),
  );
  pushNamed(
    out,
    'makes TimescaleDB hypertables (where the extension is installed) of',
    tables.filter((t) => t.hypertable?.loc.file === file).map((t) => `${tableLabel(t.schema, t.name)} (${t.hypertable!.timeColumn})`),
  );
  pushNamed(
    out,
    'creates triggers',
    tables.flatMap((t) =>
      t.triggers.filter((tr) => tr.loc.file === file).map((tr) => `${tr.name} on ${tableLabel(t.schema, t.name)} (${tr.timing.toUpperCase()} ${tr.events.map((e) => e.toUpperCase()).join(' OR ')})`),
    ),
  );
  for (const t of tables) {
    for (const p of t.privileges.filter((x) => x.loc.file === file)) {
      out.push(
        `${p.action === 'grant' ? 'grants' : 'revokes'} ${p.privileges.map((x) => x.toUpperCase()).join(', ')} on ${mdCode(tableLabel(t.schema, t.name))} ${p.action === 'grant' ? 'to' : 'from'} ${codeList(p.grantees)}`,
      );
    }
  }
  return out.length ? out : ['no change to the tables or functions of the schema model'];
}

function history(catalog: Catalog, info: ModuleInfo | undefined, tables: Table[]): string[] {
  const files = (info?.files ?? []).filter((f) => f.endsWith('.sql'));
  if (files.length === 0) return ['_The module has no migrations: it is defined by its schema.json alone._'];
  const rows = files.map((f) => [mdCode(f.slice(f.lastIndexOf('/') + 1), true), changesOf(catalog, f, tables).join('; ').replace(/\|/g, '\\|')]);
  return ['Migrations in the order they apply, each with what it changed, read from the schema model:', '', mdTable(['Migration', 'Changes'], rows)];
}

export function versioningMd(catalog: Catalog, moduleName: string, tables: Table[]): string {
  const info = catalog.modules.find((m) => m.name === moduleName);
  const version = info?.version;
  const out = [`# Module ${mdCode(moduleName)}: versioning`, '', 'Generated by ismslint from the schema model. Do not edit: regenerate with `ismslint docs`.', ''];
  out.push(`**Schema version:** ${version ? mdCode(version) : '_not declared (schema.json has no "version")_'}`, '');
  out.push('## History', '', ...history(catalog, info, tables), '');
  out.push('## Upgrade rules', '', 'The version follows semantic versioning, MAJOR.MINOR.PATCH. A release raises:', '');
  out.push(mdList(UPGRADE_RULES.map(([level, text]) => `**${level}**: ${text}`)), '');
  out.push('Every change is a new migration file after the last one; applied migrations are never edited.', '');
  out.push('## Change from the previous version', '');
  if (version && /^(1\.0\.0|0\.1\.0)$/.test(version)) out.push(`${mdCode(version)} is the initial version: there is no previous version to compare with.`);
  else if (version) out.push(`The model does not record the previous version: classify the change from it with the rules above and record it in the release notes.`);
  else out.push('_No version declared._');
  return out.join('\n') + '\n';
}
