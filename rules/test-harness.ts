/**
 * The one harness every rule test goes through (in the manner of ESLint's RuleTester): each case is
 * real SQL, replayed by the real parser into the real model, linted with only the rule under test on.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/engine/config/load.js';
import type { ConfigFile } from '../src/engine/config/types.js';
import type { Finding } from '../src/engine/finding.js';
import { fixText, placeholders, renderMessage } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';
import { runRules } from '../src/engine/runner.js';
import { buildModel, type InputModule } from '../src/sources/build.js';
import { createSchemaJsonLoader } from '../src/sources/schema-json/index.js';
import { loadParser } from '../src/sources/sql/parser.js';
import { allRules } from './index.js';

await loadParser();

const enc = new TextEncoder();

/** Compliant global tables every case gets unless it says `global: false`: organisations and users. */
export const GLOBAL_PRELUDE = `
CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organisations
  USING (id = current_setting('app.current_organisation_id')::uuid);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT generate_uuidv7(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  email text NOT NULL,
  full_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  deleted_at timestamptz,
  deleted_by uuid REFERENCES users (id),
  CONSTRAINT uq_users_organisation_id_email UNIQUE (organisation_id, email)
);
CREATE INDEX idx_users_created_by ON users (created_by);
CREATE INDEX idx_users_updated_by ON users (updated_by);
CREATE INDEX idx_users_deleted_by ON users (deleted_by);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
  USING (organisation_id = current_setting('app.current_organisation_id')::uuid);
`;

export interface RuleCase {
  name?: string;
  /**
   * Migration of module `app` (file app/migrations/001_test.sql), or several files by path `module/file.sql`.
   * A file given as bytes is read as they are, for encoding and binary cases.
   */
  sql?: string | Record<string, string | Uint8Array>;
  /** schema.json files by path `module/schema.json` (a module with no migrations is defined by it). */
  schemaJson?: Record<string, string>;
  /** The date waivers expire against (default 2026-01-01, so that results do not change with the calendar). */
  today?: string;
  options?: Record<string, unknown>;
  standard?: ConfigFile['standard'];
  /** Include the compliant global prelude (default true). */
  global?: boolean;
}

export interface ExpectedFinding {
  /** A key of the rule's `meta.messages`. */
  messageId?: string;
  /** Placeholder values the finding must carry (only the keys given are compared). */
  data?: Record<string, string | number>;
  /** The rendered message: for the few cases where the wording itself matters. */
  message?: string | RegExp;
  /** The SQL statement (or JSON edit, as `fixText` shows it) of the fix; `null` when there must be none. */
  fix?: string | RegExp | null;
  line?: number;
  column?: number;
  /** Fully qualified object, e.g. `public.vendor.vendor_id`. */
  logical?: string;
  file?: string;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedFinding[];
}

/** Lint the case with only `ruleIds` enabled and return the findings outside the prelude. */
export function lintCase(c: RuleCase, ruleIds: string[]): Finding[] {
  const byModule = new Map<string, InputModule>();
  const add = (path: string, text: string | Uint8Array) => {
    const [module] = path.split('/');
    let m = byModule.get(module!);
    if (!m) byModule.set(module!, (m = { name: module!, dir: module!, migrations: [] }));
    m.migrations.push({ path, bytes: typeof text === 'string' ? enc.encode(text) : text });
  };
  if (c.global !== false) add('global/migrations/000_prelude.sql', GLOBAL_PRELUDE);
  if (typeof c.sql === 'string') add('app/migrations/001_test.sql', c.sql);
  else for (const [path, text] of Object.entries(c.sql ?? {})) add(path.includes('/') ? path : `app/${path}`, text);
  for (const [path, text] of Object.entries(c.schemaJson ?? {})) {
    const [module] = path.split('/');
    let m = byModule.get(module!);
    if (!m) byModule.set(module!, (m = { name: module!, dir: module!, migrations: [] }));
    m.schemaJson = { path, bytes: enc.encode(text) };
  }
  const rules: ConfigFile['rules'] = {};
  for (const r of allRules) rules[r.meta.id] = 'off';
  for (const id of ruleIds) {
    const rule = allRules.find((r) => r.meta.id === id)!;
    rules[id] = c.options && id === ruleIds[0] ? [rule.meta.severity, c.options] : rule.meta.severity;
  }
  const config = resolveConfig({ rules, standard: c.standard }, allRules, '.');
  const model = buildModel([...byModule.values()], config.standard.globalModule, createSchemaJsonLoader({ today: c.today ?? '2026-01-01' }));
  const findings = runRules({ catalog: model.catalog, rules: allRules, config, sourceFindings: model.findings, directives: model.directives });
  return findings.filter((f) => !f.loc.file.startsWith('global/migrations/000_prelude') && !f.suppression);
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column} ${f.ruleId}: ${f.message}`).join('\n') || '(no findings)';
}

export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  describe(id, () => {
    cases.valid.forEach((c, i) => {
      it(`valid: ${c.name ?? `case ${i + 1}`}`, () => {
        const findings = lintCase(c, [id]).filter((f) => f.ruleId === id);
        expect(findings, describeFindings(findings)).toHaveLength(0);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `case ${i + 1}`}`, () => {
        const findings = lintCase(c, [id]).filter((f) => f.ruleId === id);
        expect(findings.length, describeFindings(findings)).toBe(c.errors.length);
        c.errors.forEach((want, j) => {
          const got = findings[j]!;
          if (want.messageId !== undefined) expect(got.messageId, `messageId of finding ${j + 1}`).toBe(want.messageId);
          for (const [key, value] of Object.entries(want.data ?? {})) expect(String(got.data?.[key]), `data.${key} of finding ${j + 1}`).toBe(String(value));
          if (want.fix === null) expect(got.fix, `fix of finding ${j + 1}`).toBeUndefined();
          else if (want.fix instanceof RegExp) expect(got.fix && fixText(got.fix)).toMatch(want.fix);
          else if (want.fix !== undefined) expect(got.fix && fixText(got.fix)).toBe(want.fix);
          const template = rule.meta.messages[got.messageId];
          expect(template, `messageId "${got.messageId}" of finding ${j + 1} is a key of meta.messages`).toBeDefined();
          for (const key of placeholders(template!)) expect(got.data ?? {}, `placeholder {{${key}}} of "${got.messageId}"`).toHaveProperty(key);
          expect(got.message.startsWith(renderMessage(template!, got.data)), `message of finding ${j + 1} is rendered from "${got.messageId}"`).toBe(true);
          if (want.message instanceof RegExp) expect(got.message).toMatch(want.message);
          else if (want.message !== undefined) expect(got.message).toBe(want.message);
          if (want.line !== undefined) expect(got.loc.line, `line of finding ${j + 1}`).toBe(want.line);
          if (want.column !== undefined) expect(got.loc.column, `column of finding ${j + 1}`).toBe(want.column);
          if (want.logical !== undefined) expect(got.logical).toBe(want.logical);
          if (want.file !== undefined) expect(got.loc.file).toBe(want.file);
          expect(got.severity).toBe(rule.meta.severity);
        });
      });
    });
  });
}
