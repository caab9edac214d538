// Module and migration names that are not ASCII (accents in NFC and NFD, CJK, emoji, spaces, quotes,
// newlines, percent signs, bidi controls), linted together with other modules, in every format, by
// workspace, module, file and --changed-since: the contract holds and every path comes out as written.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli-run.js';

const root = resolve(__dirname, '..');
const NAME_PARTS = ['créer', 'cre\u0301er', '表', '😀', 'a b', "it's", 'q"x', 'new\nline', '%20#?', '\u202e', 'ü', 'x'];
const namePart = fc.oneof(
  fc.constantFrom(...NAME_PARTS),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..'),
);
const fileName = fc.tuple(fc.integer({ min: 1, max: 99 }), namePart, fc.constantFrom('.sql', '.SQL')).map(([n, p, ext]) => `${String(n).padStart(3, '0')}_${p}${ext}`);
const moduleName = fc.oneof(
  fc.constant('vendor_risk'),
  namePart.map((p) => `m_${p}`),
);

/** A migration with findings of several kinds: rule findings, a suppression, a parse error, a replay error. */
const SQL = (t: string) => `CREATE TABLE ${t} (id int, name varchar(10), org uuid REFERENCES organisations(id));
CREATE POLICY p ON ${t} USING (true);
-- ismslint-disable-next-line prefer-text -- fixed-length code
ALTER TABLE ${t} ADD COLUMN code char(2);
ALTER TABLE nope_${t} ADD COLUMN x int;
SELEC 1;
`;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

describe('non-ASCII module and migration names', () => {
  it('keep the contract in every format and way of naming what to lint', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        moduleName,
        fc.uniqueArray(fileName, { minLength: 1, maxLength: 3, selector: (n) => n.normalize('NFC').toLowerCase() }),
        fc.constantFrom('stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'),
        fc.constantFrom('workspace', 'module', 'file', 'changed-since', 'fix-migration'),
        async (mod, names, format, target) => {
          const dir = mkdtempSync(join(tmpdir(), 'ismslint-names-'));
          try {
            const ws = join(dir, 'ws');
            cpSync(join(root, 'module-schemas', 'global'), join(ws, 'global'), { recursive: true });
            cpSync(join(root, 'fixtures', 'workspaces', 'clean', 'vendor_risk'), join(ws, 'other'), { recursive: true });
            mkdirSync(join(ws, mod, 'migrations'), { recursive: true });
            const files = names.map((n) => join(ws, mod, 'migrations', n));
            if (target === 'changed-since') {
              git(dir, 'init', '-q');
              git(dir, 'add', '.');
              git(dir, 'commit', '-qm', 'base');
            }
            files.forEach((f, i) => writeFileSync(f, SQL(`t${i}`)));
            const args = {
              workspace: ['lint', 'ws'],
              module: ['lint', join('ws', mod)],
              file: ['lint', files[0]!],
              'changed-since': ['lint', '--changed-since', 'HEAD'],
              'fix-migration': ['lint', 'ws', '--fix-migration', join(ws, mod, 'migrations', '999_fix_é.sql')],
            }[target];
            const r = await cli([...args, '--format', format], { cwd: dir });
            expect(r.stderr).not.toMatch(/internal error/);
            expect(r.code, r.stderr).toBe(1);
            const shown = files.map((f) => relative(dir, f).split('\\').join('/'));
            if (format === 'json') {
              const paths = JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath);
              for (const f of target === 'file' ? files.slice(0, 1) : files) expect(paths).toContain(f);
            }
            if (format === 'sarif') {
              const uris = new Set(
                JSON.parse(r.stdout).runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
                  decodeURIComponent(x.locations[0]!.physicalLocation.artifactLocation.uri),
                ),
              );
              for (const f of target === 'file' ? shown.slice(0, 1) : shown) expect(uris).toContain(f);
            }
            if (format === 'gitlab') {
              const paths = new Set(JSON.parse(r.stdout).map((i: { location: { path: string } }) => i.location.path));
              for (const f of target === 'file' ? shown.slice(0, 1) : shown) expect(paths).toContain(f);
            }
            if (format === 'github') {
              // Workflow-command properties escape %, CR, LF, ':' and ','; one annotation per line.
              for (const line of r.stdout.split('\n').filter(Boolean)) expect(line).toMatch(/^::(error|warning|notice) file=[^\n:,]*,line=\d+/);
            }
            if (target === 'fix-migration') {
              const again = await cli(['lint', 'ws', '-f', 'json'], { cwd: dir });
              expect(again.stderr).not.toMatch(/internal error/);
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: Number(process.env.NAMES_RUNS ?? 40), seed: Number(process.env.NAMES_SEED ?? 7) },
    );
  });
});
