// Keeps rule ids, folders, docs, tests, the registry and the published config schema in step.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from '../src/commands/lint.js';
import { buildConfigSchema } from '../src/engine/config/schema.js';
import { placeholders, renderMessage } from '../src/engine/fix.js';
import { allRules } from './index.js';

const root = new URL('.', import.meta.url).pathname;
const folders = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('rule catalogue', () => {
  it('registry lists exactly the rule folders, sorted by id', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(ids).toEqual(folders);
    expect(ids).toEqual([...ids].sort());
  });

  it('publishes an up-to-date config JSON Schema (npm run build && node scripts/write-config-schema.js)', () => {
    const published = JSON.parse(readFileSync(join(root, '..', 'schemas', 'config.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(buildConfigSchema(allRules))));
  });

  for (const rule of allRules) {
    const { id } = rule.meta;
    describe(id, () => {
      it('has a kebab-case id matching its folder', () => {
        expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(existsSync(join(root, id, 'index.ts'))).toBe(true);
      });
      it('has a description, compliance controls and an options schema with defaults', () => {
        expect(rule.meta.description).not.toMatch(/TODO/);
        expect(rule.meta.description.length).toBeGreaterThan(20);
        expect(rule.meta.schema.type).toBe('object');
        expect(rule.meta.schema.additionalProperties).toBe(false);
        const props = Object.keys((rule.meta.schema.properties as object) ?? {});
        expect(Object.keys(rule.meta.defaultOptions).sort()).toEqual(props.sort());
        if (rule.meta.category !== 'meta') expect(rule.meta.compliance.length).toBeGreaterThan(0);
      });
      it('has a README with examples and compliance', () => {
        const readme = readFileSync(join(root, id, 'README.md'), 'utf8');
        expect(readme.startsWith(`# ${id}\n`)).toBe(true);
        expect(readme).toContain(`\`${rule.meta.severity}\``);
        for (const section of ['## Why', '## Options']) expect(readme).toContain(section);
        if (!rule.meta.source) {
          expect(readme).toMatch(/## Incorrect\n[\s\S]*```sql/);
          expect(readme).toMatch(/## Correct\n[\s\S]*```sql/);
        }
        for (const control of rule.meta.compliance) expect(readme).toContain(control.replace(/^(ISO 27001|NIST CSF|GDPR|POPIA) /, ''));
      });
      it('declares its messages by id (meta.messages), each a template with well-formed placeholders', () => {
        const messages = Object.entries(rule.meta.messages);
        expect(messages.length).toBeGreaterThan(0);
        for (const [messageId, template] of messages) {
          expect(messageId).toMatch(/^[a-z][A-Za-z0-9]*$/);
          expect(template.trim().length, messageId).toBeGreaterThan(0);
          // Every `{{` opens a placeholder the renderer fills in; a stray brace would be printed as written.
          expect(template.split('{{').length - 1, messageId).toBe(placeholders(template).length);
        }
      });
      it('has tests', () => {
        expect(existsSync(join(root, id, 'index.test.ts'))).toBe(true);
      });
    });
  }
});

// Every finding, whether a rule's check or a source (parser, replay, schema.json, suppressions) raised
// it, carries a messageId of its rule and placeholder data that render its message.
describe('findings of module-schemas/ and the fixtures', () => {
  const inputs = [
    'module-schemas',
    'fixtures/workspaces/violations',
    'fixtures/workspaces/report',
    'fixtures/workspaces/report-hostile',
    'fixtures/schema-json',
    'fixtures/sql',
    'fixtures/qa/hostile',
  ];
  const repo = join(root, '..');
  const io = { cwd: repo, env: {}, stdout: () => {}, stderr: () => {}, isTTY: false };
  const byId = new Map(allRules.map((r) => [r.meta.id, r]));
  for (const input of inputs) {
    it(input, async () => {
      const { findings } = await runLint(io, { paths: [input], format: 'json', quiet: false });
      expect(findings.length).toBeGreaterThan(input === 'module-schemas' ? -1 : 0);
      for (const f of findings) {
        const where = `${f.ruleId} at ${f.loc.file}:${f.loc.line}:${f.loc.column}`;
        const template = byId.get(f.ruleId)?.meta.messages[f.messageId];
        expect(template, `${where}: messageId "${f.messageId}"`).toBeDefined();
        for (const key of placeholders(template!)) expect(f.data ?? {}, `${where}: {{${key}}}`).toHaveProperty(key);
        // The replay may add where a column was changed after the message.
        expect(f.message.startsWith(renderMessage(template!, f.data)), `${where}: ${f.message}`).toBe(true);
      }
    });
  }
});

describe('README', () => {
  it('lists every rule with its recommended severity and description (node scripts/rules-table.js)', () => {
    const readme = readFileSync(join(root, '..', 'README.md'), 'utf8');
    for (const rule of allRules) expect(readme).toContain(`| [\`${rule.meta.id}\`](rules/${rule.meta.id}/README.md) |`);
    const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const { meta } of allRules) {
      const row = `| [\`${meta.id}\`](rules/${meta.id}/README.md) | <category> | ${meta.severity} | ${meta.description.replace(/\|/g, '\\|')} |`;
      expect(readme).toMatch(new RegExp(`^${escapeRegExp(row).replace('<category>', '[^|]+')}$`, 'm'));
    }
  });
});
