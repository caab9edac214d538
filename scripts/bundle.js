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
const common = { cwd: root, platform: 'node', external: [/^node:/, /^[@a-z]/], logLevel: 'warn' };
const output = { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' };
// The CLI imports each command's module but lint's when the command runs: those are chunks of their
// own, and everything the CLI loads at start-up is one chunk (Rolldown would otherwise split off each
// module that a lazy command shares with it, and a lint would link a dozen files).
await build({ ...common, input: { ismslint: 'dist/src/cli/bin.js' }, output: { ...output, codeSplitting: { groups: [{ name: 'cli', tags: ['$initial'] }] } } });
// Built on their own, so that neither shares a chunk with the CLI: a thread or a suite loads only its code.
await build({ ...common, input: { 'parse-ahead-worker': 'dist/src/sources/sql/parse-ahead-worker.js' }, output });
await build({ ...common, input: { qa: 'dist/src/qa/runtime/index.js' }, output });
