// Keeps rule ids, folders, docs, tests, the registry and the published config schema in step.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema } from '../src/engine/config/schema.js';
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
      it('has tests', () => {
        expect(existsSync(join(root, id, 'index.test.ts'))).toBe(true);
      });
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
