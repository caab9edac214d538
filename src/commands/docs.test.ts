import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../engine/config/types.js';
import { generateModuleDocs } from '../generators/docs/index.js';
import { recordingIO } from '../../test/support/command-io.js';
import { fixtureModel } from '../../test/support/generator-fixture.js';
import { runDocs } from './docs.js';

const model = await fixtureModel();

describe('runDocs', () => {
  it('writes the five documents per module and names each file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-docs-'));
    const io = recordingIO(dir);
    expect(await runDocs(io, { model, modules: ['vendor_risk', 'global', 'vendor_risk'], outDir: 'reports/docs' })).toBe(0);
    expect(readdirSync(join(dir, 'reports/docs')).sort()).toEqual(['global', 'vendor_risk']);
    for (const m of ['global', 'vendor_risk']) {
      expect(readdirSync(join(dir, 'reports/docs', m)).sort()).toEqual(['fields.md', 'relationships.md', 'tables.md', 'validation-rules.md', 'versioning.md']);
      for (const [file, text] of generateModuleDocs(model.catalog, m)) expect(readFileSync(join(dir, 'reports/docs', m, file), 'utf8')).toBe(text);
    }
    expect(io.out.split('\n').filter(Boolean)).toEqual([
      ...['vendor_risk', 'global'].flatMap((m) => ['tables', 'fields', 'relationships', 'validation-rules', 'versioning'].map((f) => `wrote reports/docs/${m}/${f}.md`)),
    ]);
  });

  it('--in-module writes to docs/ in each module directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-docs-'));
    const io = recordingIO(dir);
    const moved = { ...model, catalog: { ...model.catalog, modules: model.catalog.modules.map((m) => ({ ...m, dir: join(dir, 'schemas', m.name) })) } };
    expect(await runDocs(io, { model: moved, modules: ['vendor_risk'], outDir: 'unused', inModule: true })).toBe(0);
    expect(readdirSync(join(dir, 'schemas', 'vendor_risk', 'docs')).sort()).toEqual(['fields.md', 'relationships.md', 'tables.md', 'validation-rules.md', 'versioning.md']);
    expect(readdirSync(dir)).toEqual(['schemas']);
  });

  it('--check writes nothing, exits 1 naming missing and stale files, and 0 once they are current', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-docs-'));
    await runDocs(recordingIO(dir), { model, modules: ['global'], outDir: 'docs' });
    writeFileSync(join(dir, 'docs', 'global', 'fields.md'), 'edited by hand');
    const io = recordingIO(dir);
    expect(await runDocs(io, { model, modules: ['global', 'vendor_risk'], outDir: 'docs', check: true })).toBe(1);
    const lines = io.out.split('\n').filter(Boolean);
    expect(lines[0]).toBe('docs/global/fields.md: differs from what ismslint docs generates');
    expect(lines.slice(1, 6)).toEqual(['tables', 'fields', 'relationships', 'validation-rules', 'versioning'].map((f) => `docs/vendor_risk/${f}.md: missing`));
    expect(lines[6]).toBe('6 documentation files are out of date: run ismslint docs without --check');
    expect(readdirSync(join(dir, 'docs'))).toEqual(['global']);
    expect(readFileSync(join(dir, 'docs', 'global', 'fields.md'), 'utf8')).toBe('edited by hand');
    await runDocs(recordingIO(dir), { model, modules: ['global', 'vendor_risk'], outDir: 'docs' });
    const again = recordingIO(dir);
    expect(await runDocs(again, { model, modules: ['global', 'vendor_risk'], outDir: 'docs', check: true })).toBe(0);
    expect(again.out).toBe('');
  });

  it('replaces earlier output and writes nothing for an unknown module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-docs-'));
    await runDocs(recordingIO(dir), { model, modules: ['global'], outDir: dir });
    writeFileSync(join(dir, 'global', 'tables.md'), 'stale');
    await runDocs(recordingIO(dir), { model, modules: ['global'], outDir: dir });
    expect(readFileSync(join(dir, 'global', 'tables.md'), 'utf8')).toBe(generateModuleDocs(model.catalog, 'global').get('tables.md'));
    const io = recordingIO(dir);
    await expect(runDocs(io, { model, modules: ['global', 'nope', 'nada'], outDir: join(dir, 'other') })).rejects.toThrow(UsageError);
    await expect(runDocs(io, { model, modules: ['global', 'nope', 'nada'], outDir: join(dir, 'other') })).rejects.toThrow('unknown modules "nope", "nada"; known modules: global, vendor_risk');
    expect(readdirSync(dir).sort()).toEqual(['global']);
  });

  it('turns an output path that is a file into a one-line usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-docs-'));
    writeFileSync(join(dir, 'docs'), 'a file');
    await expect(runDocs(recordingIO(dir), { model, modules: ['global'], outDir: 'docs' })).rejects.toThrow(/^cannot write docs\/global\/tables\.md: a part of the path is not a directory$/);
  });
});
