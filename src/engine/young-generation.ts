import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * Keep V8's young generation at two 4 MB semi-spaces instead of letting it grow to two 16 MB ones.
 *
 * Nearly everything that survives a scavenge during a lint is the schema model, which V8 promotes at
 * once, so a bigger young generation saves little copying; but every fresh page of it is a page fault
 * the first time it is touched. On the 2-core VM the targets are measured on, one has cost up to ~12 µs
 * (bench/page-fault-cost.js), and growing the young generation to 32 MB was ~8,000 of the main
 * thread's ~20,500 faults on the 2,000-table corpus. Capped at 8 MB, it takes ~6,000 fewer, and on
 * that day the lint took 0.05 s less wall time and 0.14 s less CPU (16 alternating runs; README,
 * Performance).
 *
 * The size can be set only on Node's command line; at run time V8 lets it be frozen instead: with a
 * growth factor of 1 the semi-spaces stop doubling. Creating an isolate (the parser thread's) resets
 * that factor to V8's minimum of 2, so the cap is applied again as the replay goes on: between
 * files, and when the parser thread is first heard from.
 */
const CAPPED_NEW_SPACE_BYTES = 8 * 1024 * 1024;

let enabled = false;

/** For batch runs of the CLI (not for tests or library use): from now on keepYoungGenerationSmall works. */
export function capYoungGeneration(): void {
  enabled = true;
  keepYoungGenerationSmall();
}

/** Cheap (a few µs): call it between units of work, such as migration files, of a long run. */
export function keepYoungGenerationSmall(): void {
  if (!enabled) return;
  const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (newSpace && newSpace.space_size >= CAPPED_NEW_SPACE_BYTES) setFlagsFromString('--semi-space-growth-factor=1');
}
