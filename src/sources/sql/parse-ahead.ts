import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { PgSyntaxError } from '../../model/pg-wasm.js';
import type { StatementSpan } from './split.js';

/** One file as the worker split and parsed it: libpg-query's JSON, or its syntax error, per span. */
export interface ParsedAheadFile {
  index: number;
  spans: StatementSpan[];
  /** Comment [start, end) pairs, flattened. */
  comments: number[];
  results: (string | PgSyntaxError)[];
}

export interface ParseAhead {
  /**
   * File `index` (asked for in order, from 0) as the worker parsed it, or undefined when the caller is
   * to parse it itself: the worker had not reached it yet, or has failed.
   */
  take(index: number): ParsedAheadFile | undefined;
  close(): void;
}

const WORKER = new URL('./parse-ahead-worker.js', import.meta.url);
const CLAIMED = 0;
const DELIVERED = 1;
const TAKEN = 2;
/** A worker that delivers nothing for this long is taken for dead (it cannot be watched while we wait). */
const STALL_MS = 10_000;

/**
 * Split and parse migration files on a second thread while this one replays the files before them.
 * Both threads claim files from one shared counter, so this thread parses the first files itself while
 * the worker starts, and never waits for a file the worker has not begun (`workerOnly`: the worker
 * parses them all, for tests). Without a built worker script (tests run the TypeScript sources) it
 * returns undefined and everything is parsed here.
 */
export function startParseAhead(texts: string[], opts: { workerOnly?: boolean } = {}): ParseAhead | undefined {
  if (!existsSync(fileURLToPath(WORKER))) return undefined;
  const shared = new Int32Array(new SharedArrayBuffer(12));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { workerData: { texts, port: port2, shared }, transferList: [port2] });
  worker.unref();
  const arrived = new Map<number, ParsedAheadFile>();
  let failed = false;

  const receive = (index: number): ParsedAheadFile | undefined => {
    for (;;) {
      const got = arrived.get(index);
      if (got) {
        arrived.delete(index);
        return got;
      }
      const delivered = Atomics.load(shared, DELIVERED);
      const message = receiveMessageOnPort(port1)?.message as ParsedAheadFile | { failed: string } | undefined;
      if (message && 'failed' in message) break;
      if (message) {
        arrived.set(message.index, message);
        continue;
      }
      if (Atomics.wait(shared, DELIVERED, delivered, STALL_MS) === 'timed-out') break;
    }
    failed = true;
    return undefined;
  };

  return {
    take(index) {
      if (failed) return undefined;
      Atomics.store(shared, TAKEN, index + 1);
      Atomics.notify(shared, TAKEN);
      // Still unclaimed: the worker is behind, so parse it here rather than wait.
      if (!opts.workerOnly && Atomics.compareExchange(shared, CLAIMED, index, index + 1) === index) return undefined;
      return receive(index);
    },
    close() {
      // Whatever the worker has not claimed yet is not wanted any more.
      Atomics.store(shared, CLAIMED, texts.length);
      Atomics.store(shared, TAKEN, texts.length);
      Atomics.notify(shared, TAKEN);
      port1.close();
      void worker.terminate();
    },
  };
}
