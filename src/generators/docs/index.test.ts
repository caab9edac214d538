import { describe, expect, it } from 'vitest';
import { buildModel } from '../../sources/build.js';
import { loadParser } from '../../sources/sql/parser.js';
import { ddlModule, fixtureModel, GLOBAL_PRELUDE } from '../../../test/support/generator-fixture.js';
import { generateModuleDocs } from './index.js';
import { mdCode, mdText } from './markdown.js';

await loadParser();
const model = await fixtureModel();
const docs = generateModuleDocs(model.catalog, 'vendor_risk');
const tables = docs.get('tables.md')!;
const fields = docs.get('fields.md')!;
const relationships = docs.get('relationships.md')!;

/** Cells of a Markdown table row, split where GFM splits them: at pipes not escaped by a backslash. */
function cells(row: string): string[] {
  return row.slice(2, -2).split(/(?<!\\) \| /);
}

function rowOf(md: string, start: string): string {
  const row = md.split('\n').find((l) => l.startsWith(start));
  expect(row, `row starting ${start}`).toBeDefined();
  return row!;
}

describe('markdown escaping', () => {
  it('keeps text inert: pipes, backticks, markup, HTML and line breaks', () => {
    expect(mdText('a | b `c` *d* _e_ [f](g) <script>x</script> & \\ $1\nnext')).toBe('a \\| b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) &lt;script&gt;x&lt;/script&gt; &amp; \\\\ \\$1<br>next');
  });
  it('fences code with more backticks than it holds and escapes pipes for GFM tables', () => {
    expect(mdCode('a | b', true)).toBe('`a \\| b`');
    expect(mdCode('a | b')).toBe('`a | b`');
    expect(mdCode('x `y` z')).toBe('``x `y` z``');
    expect(mdCode('`edge`')).toBe('`` `edge` ``');
    expect(mdCode('two\nlines')).toBe('`two lines`');
  });
});

describe('generateModuleDocs', () => {
  it('produces the five files, deterministically', () => {
    expect([...docs.keys()]).toEqual(['tables.md', 'fields.md', 'relationships.md', 'validation-rules.md', 'versioning.md']);
    const again = generateModuleDocs(model.catalog, 'vendor_risk');
    for (const [k, v] of docs) expect(again.get(k)).toBe(v);
  });

  it('validation-rules.md: every enforced rule under a stable id, allowed values, actions and policies in words', () => {
    const rules = docs.get('validation-rules.md')!;
    const lines = rules.split('\n');
    expect(lines).toContain("- `vendor.check.vendor_status_check`: `status IN ('draft', 'approved', 'retired')` must not be false. Allowed values of `status`: `draft`, `approved`, `retired`.");
    expect(lines).toContain('- `vendor.unique.uq_vendor_organisation_id_name`: no two rows share `name` within an organisation.');
    expect(lines).toContain("- `vendor.not_null.status`: `status` is required (NOT NULL); default `'draft'`.");
    expect(lines).toContain(
      '- `vendor_contact.foreign_key.vendor_contact_vendor_id_fkey`: `vendor_id` must match `vendor` (`id`) when not NULL; deleting the referenced row: CASCADE; updating its key: CASCADE.',
    );
    expect(lines).toContain('- `vendor_contact.unique.uq_vendor_contact_email`: unique index: no two rows share `organisation_id`, `lower(email)` among rows where `deleted_at IS NULL`.');
    expect(lines).toContain(
      '- `vendor.policy.tenant_isolation`: permissive policy for every command, roles `public`: statements reach only rows whose `organisation_id` equals the setting `app.current_organisation_id`; they may write only rows of that organisation.',
    );
    expect(lines).toContain('- `assessment.rls`: row-level security is disabled: every role with table privileges sees and writes every row.');
    // Hostile comments stay text.
    expect(rules).toContain('A supplier. it\'s "x"; DROP TABLE y; -- \\*/ \\$\\$ \\\\ done');
  });

  it('validation-rules.md: append-only logs, retention markers and declared cross-module references', async () => {
    const sql = `CREATE TABLE audit_log (id uuid NOT NULL, organisation_id uuid NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
      retention_until timestamptz, is_legally_protected boolean NOT NULL DEFAULT false, PRIMARY KEY (created_at, id));
      CREATE FUNCTION no_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION no_change();
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;`;
    const m = buildModel([ddlModule('global', GLOBAL_PRELUDE), ddlModule('logs', sql)], 'global');
    const rules = generateModuleDocs(m.catalog, 'logs').get('validation-rules.md')!.split('\n');
    expect(rules).toContain(
      '- `audit_log.append_only.update`: UPDATE is refused: trigger `audit_log_append_only` (row level, raises an error for every role), and the privilege is revoked from `PUBLIC`.',
    );
    expect(rules).toContain('- `audit_log.append_only.truncate`: TRUNCATE is refused: the privilege is revoked from `PUBLIC`.');
    expect(rules).toContain(
      '- `audit_log.retention`: retention markers `retention_until`, `is_legally_protected`: a row may be purged only after `retention_until`, and never while `is_legally_protected` is true (legal hold). The purge job enforces this; the database keeps the markers.',
    );
    const versioning = generateModuleDocs(m.catalog, 'logs').get('versioning.md')!;
    expect(versioning).toContain(
      '| `001_logs.sql` | creates functions: `no_change()`; creates 1 table (`audit_log`) with 5 columns, 1 constraint, 0 indexes and 0 policies; creates triggers: `audit_log_append_only on audit_log (BEFORE DELETE OR UPDATE)`; revokes UPDATE, DELETE, TRUNCATE on `audit_log` from `public` |',
    );
  });

  it("versioning.md: the version, each migration's changes read from the model, and the upgrade rules", () => {
    const m = buildModel(
      [
        ddlModule('global', GLOBAL_PRELUDE),
        {
          ...ddlModule('app', 'CREATE TABLE t (id uuid PRIMARY KEY, a int);'),
          migrations: [
            { path: 'app/migrations/001_init.sql', bytes: new TextEncoder().encode('CREATE TABLE t (id uuid PRIMARY KEY, a int);') },
            { path: 'app/migrations/002_more.sql', bytes: new TextEncoder().encode('ALTER TABLE t ADD COLUMN b text;\nCREATE INDEX idx_t_b ON t (b);\nALTER TABLE t ENABLE ROW LEVEL SECURITY;') },
            { path: 'app/migrations/003_noop.sql', bytes: new TextEncoder().encode('SELECT 1;') },
          ],
        },
      ],
      'global',
    );
    m.catalog.modules.find((x) => x.name === 'app')!.version = '1.1.0';
    const text = generateModuleDocs(m.catalog, 'app').get('versioning.md')!;
    expect(text).toContain('**Schema version:** `1.1.0`');
    expect(text).toContain('| `001_init.sql` | creates 1 table (`t`) with 2 columns, 1 constraint, 0 indexes and 0 policies |');
    expect(text).toContain('| `002_more.sql` | adds columns: `t.b`; adds indexes: `idx_t_b`; sets row-level security on: `t` |');
    expect(text).toContain('| `003_noop.sql` | no change to the tables or functions of the schema model |');
    expect(text).toMatch(/- \*\*MAJOR\*\*: .*dropping or renaming a table or column/);
    expect(text).toContain('The model does not record the previous version');
  });

  it('tables.md: every table with kind, columns, key, RLS, description from COMMENT ON, and policies', () => {
    expect(tables).toMatch(/^# Module `vendor_risk`: tables\n/);
    expect(cells(rowOf(tables, '| `vendor` |'))).toEqual(['`vendor`', 'tenant (by configuration)', '18', '`id`', 'enabled, forced', 'A supplier. it\'s "x"; DROP TABLE y; -- \\*/ \\$\\$ \\\\ done']);
    expect(cells(rowOf(tables, '| `vendor_metric` |')).slice(0, 5)).toEqual(['`vendor_metric`', 'tenant (by configuration)', '4', '`vendor_id`, `recorded_at`', 'disabled']);
    expect(tables).toContain('- TimescaleDB hypertable on `recorded_at`');
    expect(cells(rowOf(tables, '| `not_deleted` |'))).toEqual(['`not_deleted`', 'SELECT', 'restrictive', '`app_reader`, `app_writer`', '`deleted_at IS NULL`', ' ']);
    expect(cells(rowOf(tables, '| `contact_update` |'))[5]).toBe("`organisation_id = current_setting('app.current_organisation_id', true)::uuid AND email LIKE '%@%'`");
    expect(tables).toContain('## `Vendor Note`\n\n**Description:** Free-text notes\n');
  });

  it('fields.md: every column with type, nullability, default, constraints and description', () => {
    expect(cells(rowOf(fields, '| `name` |'))).toEqual([
      '`name`',
      '`text`',
      'no',
      ' ',
      'part of unique `uq_vendor_organisation_id_name`',
      'Trading name<br>second line \\| pipe \\`code\\` &lt;b&gt;bold&lt;/b&gt;',
    ]);
    expect(cells(rowOf(fields, '| `status` |'))).toEqual(['`status`', '`text`', 'no', "`'draft'`", "check `status IN ('draft', 'approved', 'retired')` `vendor_status_check`", ' ']);
    expect(cells(rowOf(fields, '| `primary_contact_id` |'))[4]).toBe('references `vendor_contact` (`id`) ON DELETE SET NULL `vendor_primary_contact_id_fkey`');
    expect(cells(rowOf(fields, '| `vendor_id` | `uuid` | no |   | references `vendor` (`id`) `assessment_vendor_id_fkey` (NOT VALID)'))).toHaveLength(6);
    expect(cells(rowOf(fields, '| `id` | `bigint` |'))[4]).toBe('identity (ALWAYS); primary key `assessment_pkey`');
    expect(fields).toContain('- check `period_end >= period_start AND (period_end - period_start) < 366` `assessment_period_check` on `period_end`, `period_start`');
  });

  it('relationships.md: foreign keys out and in, their indexes, cross-module references and an ER diagram', () => {
    expect(cells(rowOf(relationships, '| `vendor_organisation_id_fkey` |'))).toEqual([
      '`vendor_organisation_id_fkey`',
      '`vendor` (`organisation_id`)',
      '`organisations` (`id`)',
      '`global`',
      'RESTRICT / NO ACTION',
      '`uq_vendor_organisation_id_name`',
    ]);
    expect(cells(rowOf(relationships, '| `vendor_created_by_fkey` |'))[5]).toBe('**none**');
    expect(cells(rowOf(relationships, '| `vendor_contact_vendor_id_fkey` |'))[5]).toBe('`vendor_contact_vendor_id_idx`');
    expect(relationships).toContain('- References tables of: `global`\n- Referenced by: _no other module_');
    const global = generateModuleDocs(model.catalog, 'global').get('relationships.md')!;
    expect(global).toMatch(/## Foreign keys from other modules into this one\n\n\| Foreign key[^\n]*\n[^\n]*\n\| `Vendor Note_vendor_id_fkey`|`assessment_organisation_id_fkey`/);
    expect(global).toContain('- Referenced by: `vendor_risk`');

    const diagram = relationships.slice(relationships.indexOf('```mermaid\n') + 11, relationships.indexOf('\n```\n', relationships.indexOf('```mermaid')));
    const lines = diagram.split('\n');
    expect(lines[0]).toBe('erDiagram');
    expect(lines).toContain('  "Vendor Note" {');
    expect(lines).toContain('    uuid vendor_id PK, FK');
    expect(lines).toContain('    character_varying(255) DisplayName');
    expect(lines).toContain('  vendor }o--|| "global.organisations" : "vendor_organisation_id_fkey"');
    expect(lines).toContain('  vendor }o--o| vendor_contact : "vendor_primary_contact_id_fkey"');
    expect(lines).toContain('  vendor_contact }o--o| vendor_contact : "vendor_contact_manager_id_fkey"');
    // Every line is an entity block line or a relationship Mermaid's grammar accepts.
    for (const l of lines.slice(1))
      expect(l).toMatch(
        /^( {2}("[^"%\\\n]+"|[A-Za-z_][A-Za-z0-9_]*) \{| {4}[A-Za-z][A-Za-z0-9_()[\]-]* [A-Za-z][A-Za-z0-9_()[\]-]*( (PK|FK|UK)(, (PK|FK|UK))*)?| {2}\}| {2}("[^"%\\\n]+"|[A-Za-z_]\w*) [|}][o|]--[o|][|{] ("[^"%\\\n]+"|[A-Za-z_]\w*) : "[^"%\\\n]*")$/,
      );
  });

  it('escapes hostile names in Markdown tables and Mermaid', () => {
    const hostile = buildModel(
      [
        ddlModule('global', GLOBAL_PRELUDE),
        ddlModule(
          'app',
          `CREATE TABLE "pipe|""quote""%" ("col\`tick|" text PRIMARY KEY, "Line
Break" int REFERENCES "pipe|""quote""%" ("col\`tick|"));
           COMMENT ON COLUMN "pipe|""quote""%"."Line
Break" IS '<img src=x onerror=alert(1)> | ok';`,
        ),
      ],
      'global',
    );
    const d = generateModuleDocs(hostile.catalog, 'app');
    const fieldRows = d
      .get('fields.md')!
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    expect(fieldRows.map((r) => cells(r).length)).toEqual([6, 6]);
    expect(cells(fieldRows[1]!)[5]).toBe('&lt;img src=x onerror=alert(1)&gt; \\| ok');
    // Outside a table a pipe in a code span needs no escape (the backslash would show).
    expect(d.get('fields.md')!).toContain('## `pipe|"quote"%`');
    expect(d.get('tables.md')!).toContain('- Columns (2): ``col`tick|``, `Line Break`');
    const rel = d.get('relationships.md')!;
    expect(rel).toContain('  "pipe|_quote__" {');
    expect(rel).toContain('    text col_tick_ PK');
    expect(rel).toContain('    integer Line_Break FK');
    expect(rel).toContain('  "pipe|_quote__" }o--o| "pipe|_quote__" : "pipe|_quote___Line');
    expect(rel).not.toContain('<img');
  });

  it('documents a DDL module without tables, and rejects an unknown module', () => {
    const empty = buildModel([ddlModule('global', GLOBAL_PRELUDE), ddlModule('app', "CREATE TYPE mood AS ENUM ('ok');")], 'global');
    expect(generateModuleDocs(empty.catalog, 'app').get('tables.md')).toContain('_The module has no tables._');
    expect(() => generateModuleDocs(empty.catalog, 'nope')).toThrow('unknown module "nope"');
  });
});
