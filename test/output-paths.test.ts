// SARIF and github paths are relative to the repository root (or --base-dir), whatever the cwd.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli-run.js';

const globalModule = resolve(__dirname, '..', 'module-schemas', 'global');
const violations = resolve(__dirname, '..', 'fixtures', 'workspaces', 'violations');

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ismslint-repo-'));
  mkdirSync(join(dir, '.git'));
  cpSync(globalModule, join(dir, 'db', 'global'), { recursive: true });
  cpSync(violations, join(dir, 'db', 'mods'), { recursive: true });
  return dir;
}

describe('paths in sarif and github output', () => {
  it('are relative to the git repository root when lint runs in a subdirectory', async () => {
    const dir = repo();
    const r = await cli(['lint', 'global', 'mods', '-f', 'github'], { cwd: join(dir, 'db') });
    expect(r.code).toBe(1);
    expect(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .every((l) => /file=db\/mods\/vendor_risk\//.test(l)),
    ).toBe(true);
    const s = await cli(['lint', 'global', 'mods', '-f', 'sarif'], { cwd: join(dir, 'db') });
    const results: { suppressions?: unknown[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] = JSON.parse(s.stdout).runs[0].results;
    const uris = results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBeGreaterThan(0);
    // Every path is relative to the repository root: global's waived findings too.
    expect(uris.every((u) => u.startsWith('db/mods/vendor_risk/') || u.startsWith('db/global/'))).toBe(true);
    expect(results.filter((x) => !x.suppressions?.length).every((x) => x.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('db/mods/vendor_risk/'))).toBe(true);
  });

  it('are relative to --base-dir when given', async () => {
    const dir = repo();
    const r = await cli(['lint', 'db/global', 'db/mods', '-f', 'github', '--base-dir', 'db/mods'], { cwd: dir });
    expect(r.stdout).toMatch(/file=vendor_risk\/migrations\//);
  });
});
