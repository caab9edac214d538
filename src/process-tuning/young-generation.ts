import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { parserThreadReady, replayingFile } from '../sources/events.js';

/**
 * Keep V8's young generation at two 4 MB semi-spaces instead of letting it grow to two 16 MB ones.
 *
 * Nearly everything that survives a scavenge during a lint is the schema model, which V8 promotes at
 * once, so a bigger young generation saves little copying; but every fresh page of it is a page fault
 * the first time it is touched (bench/page-fault-cost.js measures what one costs).
 *
 * The size can be set only on Node's command line; at run time V8 lets it be frozen instead: with a
 * growth factor of 1 the semi-spaces stop doubling. Creating an isolate (the parser thread's) resets
 * that factor to V8's minimum of 2, so the cap is applied again as the replay goes on: before each
 * migration file, and when the parser thread is first heard from.
 */
const CAPPED_NEW_SPACE_BYTES = 8 * 1024 * 1024;

export function capYoungGeneration(): void {
  keepYoungGenerationSmall();
  replayingFile.subscribe(keepYoungGenerationSmall);
  parserThreadReady.subscribe(keepYoungGenerationSmall);
}

/** Cheap (a few µs), so it can run before every file. */
function keepYoungGenerationSmall(): void {
  const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (newSpace && newSpace.space_size >= CAPPED_NEW_SPACE_BYTES) setFlagsFromString('--semi-space-growth-factor=1');
}
