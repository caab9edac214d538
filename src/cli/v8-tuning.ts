import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { capYoungGeneration } from '../engine/young-generation.js';

/**
 * A lint is a batch job of about a second whose critical path is the main thread. These settings serve it:
 *
 * - No allocation-site pretenuring: the schema model's objects outlive the first scavenges, so V8 would
 *   switch the sites that allocate them (tables, columns, constraints, locations) to old-space allocation
 *   and, to do so, throw away the optimised code of every function that contains one (createTable,
 *   addConstraint, columnFromDef, span …), which is then compiled again: ~0.1 s of CPU on 2,000 tables
 *   (`--trace-deopt` shows them marked for deoptimisation on "code dependencies").
 * - A cheaper TurboFan: V8's optimising compiler runs on the second core, which the parser thread
 *   needs, while the code it makes runs only briefly. Inlining makes each compilation several times
 *   dearer (~0.2 s less CPU on 2,000 tables without it); loop peeling and store-store elimination cost
 *   12% of the compiler's instructions and save the compiled code 0.2% of its own (callgrind, on a
 *   single-threaded lint of 2,000 tables).
 * - V8's background threads (compilers, garbage-collection helpers) run at a lower priority than the
 *   main thread, so that they use the idle core rather than take turns with the main thread: on a
 *   2-core machine it otherwise waits ~0.2 s in the run queue (`/proc/self/task/<pid>/schedstat`).
 *   Linux only, where a thread's priority can be set on its own; elsewhere nothing changes.
 * - A young generation capped at two 4 MB semi-spaces: fewer fresh pages, so fewer page faults
 *   (engine/young-generation.ts).
 *
 * Set once, before any code is hot (bench/compare.js measures both).
 */
export function tuneV8ForBatchRun(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--no-turbo-inlining');
  setFlagsFromString('--no-turbo-loop-peeling');
  setFlagsFromString('--no-turbo-store-elimination');
  capYoungGeneration();
  lowerPriorityOfOtherThreads();
}

const BACKGROUND_NICENESS = 10;

function lowerPriorityOfOtherThreads(): void {
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of threads) {
    if (tid === String(process.pid)) continue;
    try {
      setPriority(Number(tid), BACKGROUND_NICENESS);
    } catch {
      // Not allowed here, or the thread has ended: it keeps its priority.
    }
  }
}
