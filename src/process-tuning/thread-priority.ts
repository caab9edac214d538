import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parserThreadCreated } from '../sources/events.js';

const BACKGROUND_NICENESS = 10;

/**
 * Run every thread but the main one at a lower priority: V8's background threads (compilers,
 * garbage-collection helpers) now, and the parser thread as soon as it is created. They then use the
 * idle core rather than take turns with the main thread, whose work is the lint's critical path; the
 * parser thread's work is only ahead of it. Linux only, where a thread's priority can be set on its
 * own; elsewhere nothing changes.
 */
export function lowerPriorityOfOtherThreads(): void {
  lowerOtherThreadsNow();
  parserThreadCreated.subscribe(lowerOtherThreadsNow);
}

function lowerOtherThreadsNow(): void {
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
