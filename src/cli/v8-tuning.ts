import { setFlagsFromString } from 'node:v8';

/**
 * A lint is a batch job of about a second: V8's optimising compiler runs on the second core, which the
 * parser's thread needs, and inlining makes each of its compilations several times dearer while the
 * code it makes runs only briefly. Without inlining a 2,000-table lint spends ~0.2 s less CPU and ends
 * sooner (bench/compare.js). Set once, before any code is hot.
 */
export function tuneV8ForBatchRun(): void {
  setFlagsFromString('--no-turbo-inlining');
}
