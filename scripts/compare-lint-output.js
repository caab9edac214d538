// node scripts/compare-lint-output.js <git-ref> [--keep]
//
// Proves that a change leaves the findings alone: lints module-schemas/, every fixture and the 2,000-table
// bench corpus in every output format with the build of <git-ref> and with this checkout's build, and
// compares standard output, standard error and exit code byte for byte. Both builds run from this
// checkout's directory on this checkout's inputs, so only the code differs. Exits 1 on any difference
// and prints the first lines of each diff (the two outputs are kept under the printed directory).
//
// The ref is checked out in a temporary git worktree that borrows this checkout's node_modules, then
// built; `npm run build` must have been run here first.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from '../bench/corpus.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const ref = args.find((a) => !a.startsWith('--'));
const keep = args.includes('--keep');
if (!ref) {
  console.error('usage: node scripts/compare-lint-output.js <git-ref> [--keep]');
  process.exit(2);
}
if (!existsSync(join(root, 'dist/bundle/ismslint.js'))) {
  console.error('no build here: run npm run build first');
  process.exit(2);
}

const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();
const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
const work = mkdtempSync(join(tmpdir(), 'ismslint-compare-'));
const before = join(work, 'before');
git('worktree', 'add', '--detach', before, commit);
try {
  symlinkSync(join(root, 'node_modules'), join(before, 'node_modules'), 'dir');
  console.log(`building ${ref} (${commit.slice(0, 7)}) in ${before}`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: before, stdio: ['ignore', 'ignore', 'inherit'] });

  const corpus = join(work, 'corpus-2000');
  writeCorpus(corpus, 2000);
  const inputs = [
    'module-schemas',
    ...['fixtures/workspaces', 'fixtures/schema-json'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`)),
    ...readdirSync(join(root, 'fixtures/sql')).map((name) => `fixtures/sql/${name}`),
    'fixtures/qa/hostile',
    corpus,
  ].sort();
  const formats = ['stylish', 'json', 'sarif', 'github'];

  const outDir = join(work, 'out');
  let differences = 0;
  let compared = 0;
  for (const input of inputs) {
    for (const format of formats) {
      const name = `${relative(root, input).replace(/[^A-Za-z0-9._-]+/g, '_')}.${format}`;
      const results = [before, root].map((build) => {
        const r = spawnSync(process.execPath, [join(build, 'bin/ismslint.js'), 'lint', input, '--format', format, '--no-color'], {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 1 << 28,
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', COLUMNS: '100' },
        });
        return `exit ${r.status}\n--- stderr\n${r.stderr}--- stdout\n${r.stdout}`;
      });
      compared++;
      if (results[0] === results[1]) continue;
      differences++;
      mkdirSync(outDir, { recursive: true });
      const [a, b] = ['before', 'after'].map((side, i) => {
        const file = join(outDir, `${name}.${side}`);
        writeFileSync(file, results[i]);
        return file;
      });
      const diff = spawnSync('diff', ['-u', a, b], { encoding: 'utf8' }).stdout.split('\n');
      console.log(`DIFFERENT: ${relative(root, input) || input} --format ${format}\n${diff.slice(0, 20).join('\n')}`);
    }
  }
  console.log(`${compared - differences} of ${compared} outputs (${inputs.length} inputs x ${formats.length} formats) identical to ${ref}`);
  if (differences && keep) console.log(`outputs kept in ${outDir}`);
  process.exitCode = differences ? 1 : 0;
} finally {
  git('worktree', 'remove', '--force', before);
  if (!keep || !process.exitCode) rmSync(work, { recursive: true, force: true });
}
