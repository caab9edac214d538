import { setFlagsFromString } from 'node:v8';
import { compileParserWithBaselineOnly } from './parser-compilation.js';
import { lowerPriorityOfOtherThreads } from './thread-priority.js';
import { capYoungGeneration } from './young-generation.js';

/**
 * Tune this process for one lint, a batch job of about a second whose critical path is the main thread.
 * Only the command-line tool calls it (bin/ismslint.js), before running: V8 flags are process-wide, so
 * tests and library users keep Node as it is. The sources announce the moments that matter on
 * diagnostics channels (src/sources/events.ts, src/model/pg-wasm.ts), and the tuning subscribes to them.
 *
 * - No allocation-site pretenuring: the schema model's objects outlive the first scavenges, so V8 would
 *   switch the sites that allocate them (tables, columns, constraints, locations) to old-space allocation
 *   and, to do so, throw away the optimised code of every function that contains one (createTable,
 *   addConstraint, columnFromDef, span …), which would then be compiled again.
 * - A cheaper TurboFan: V8's optimising compiler runs on the second core, which the parser thread needs,
 *   while the code it makes runs only briefly. Without inlining each compilation is several times
 *   cheaper; loop peeling and store-store elimination cost more compiler work than they save.
 * - The parser's WebAssembly compiled by the baseline compiler only (parser-compilation.ts).
 * - The main thread first: every other thread runs at a lower priority (thread-priority.ts).
 * - A young generation capped at two 4 MB semi-spaces (young-generation.ts).
 *
 * Apply it once, before any code is hot. To change a setting, compare two builds with bench/compare.js.
 */
export function tuneProcessForLint(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--no-turbo-inlining');
  setFlagsFromString('--no-turbo-loop-peeling');
  setFlagsFromString('--no-turbo-store-elimination');
  compileParserWithBaselineOnly();
  capYoungGeneration();
  lowerPriorityOfOtherThreads();
}
