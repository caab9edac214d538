// Bundle the compiled CLI (dist/src) into dist/bundle: Node 20 spends ~60 ms linking the ~110 ES
// modules of a lint one by one, and ~20 ms loading one bundle (bench/compare.js). The parser thread's
// script is an entry of its own, next to the CLI's, where parse-ahead.js looks for it. Packages stay
// external: they are resolved from node_modules as usual. `qa` is the runtime generated suites import
// (package.json exports it as `ismslint/qa`).
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/bundle`;
rmSync(out, { recursive: true, force: true });
await build({
  cwd: root,
  input: { ismslint: 'dist/src/cli/bin.js', 'parse-ahead-worker': 'dist/src/sources/sql/parse-ahead-worker.js', qa: 'dist/src/qa/runtime/index.js' },
  platform: 'node',
  external: [/^node:/, /^[@a-z]/],
  logLevel: 'warn',
  output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
});
