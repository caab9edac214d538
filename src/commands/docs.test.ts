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
  it('writes tables.md, fields.md and relationships.md per module and names each file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-docs-'));
    const io = recordingIO(dir);
    expect(await runDocs(io, { model, modules: ['vendor_risk', 'global', 'vendor_risk'], outDir: 'reports/docs' })).toBe(0);
    expect(readdirSync(join(dir, 'reports/docs')).sort()).toEqual(['global', 'vendor_risk']);
    for (const m of ['global', 'vendor_risk']) {
      expect(readdirSync(join(dir, 'reports/docs', m)).sort()).toEqual(['fields.md', 'relationships.md', 'tables.md']);
      for (const [file, text] of generateModuleDocs(model.catalog, m)) expect(readFileSync(join(dir, 'reports/docs', m, file), 'utf8')).toBe(text);
    }
    expect(io.out.split('\n').filter(Boolean)).toEqual([
      'wrote reports/docs/vendor_risk/tables.md',
      'wrote reports/docs/vendor_risk/fields.md',
      'wrote reports/docs/vendor_risk/relationships.md',
      'wrote reports/docs/global/tables.md',
      'wrote reports/docs/global/fields.md',
      'wrote reports/docs/global/relationships.md',
    ]);
  });

  it('replaces earlier output and writes nothing for an unknown module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-docs-'));
    await runDocs(recordingIO(dir), { model, modules: ['global'], outDir: dir });
    writeFileSync(join(dir, 'global', 'tables.md'), 'stale');
    await runDocs(recordingIO(dir), { model, modules: ['global'], outDir: dir });
    expect(readFileSync(join(dir, 'global', 'tables.md'), 'utf8')).toBe(generateModuleDocs(model.catalog, 'global').get('tables.md'));
    const io = recordingIO(dir);
    await expect(runDocs(io, { model, modules: ['global', 'nope', 'nada'], outDir: join(dir, 'other') })).rejects.toThrow(UsageError);
    await expect(runDocs(io, { model, modules: ['global', 'nope', 'nada'], outDir: join(dir, 'other') })).rejects.toThrow(
      'unknown modules "nope", "nada"; known modules: global, vendor_risk',
    );
    expect(readdirSync(dir).sort()).toEqual(['global']);
  });

  it('turns an output path that is a file into a one-line usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ismslint-docs-'));
    writeFileSync(join(dir, 'docs'), 'a file');
    await expect(runDocs(recordingIO(dir), { model, modules: ['global'], outDir: 'docs' })).rejects.toThrow(/^cannot write docs\/global\/tables\.md: a part of the path is not a directory$/);
  });
});
