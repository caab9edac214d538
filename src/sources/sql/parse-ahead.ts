import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { parserModule, type PgSyntaxError } from '../../model/pg-wasm.js';
import { parserThreadCreated, parserThreadReady } from '../events.js';
import { CLAIMED, COUNTERS, DELIVERED, TAKEN } from './parse-ahead-protocol.js';
import type { StatementSpan } from './split.js';

/** One file as the worker split it, and its statements as the worker parses them. */
export interface ParsedAheadFile {
  index: number;
  spans: StatementSpan[];
  /** Comment [start, end) pairs, flattened. */
  comments: number[];
  /**
   * Statement `i`'s libpg-query JSON or syntax error, waiting for the worker if it has not sent it yet;
   * undefined when the worker has failed and the caller is to parse the statement itself.
   */
  result: (i: number) => string | PgSyntaxError | undefined;
}

/**
 * A file arrives in pieces, so that this thread can replay its first statements while the worker parses
 * the rest. The first piece carries the file's spans, as flat [start, end) pairs: objects a message brings
 * have other hidden classes than those splitStatements makes here, and code that met both would be
 * optimised for both (iterateSqlFile was compiled three times).
 */
export type ParsedAheadMessage =
  | { index: number; spans: number[]; comments: number[]; results: (string | PgSyntaxError)[]; done: boolean }
  | { index: number; results: (string | PgSyntaxError)[]; done: boolean }
  | { index: number; declined: true }
  | { failed: string };

export interface ParseAhead {
  /**
   * File `index` (asked for in order, from 0) as the worker parsed it, or undefined when the caller is
   * to parse it itself: the worker had not reached it yet, or has failed.
   */
  take(index: number): ParsedAheadFile | undefined;
  close(): void;
}

/** A parser thread started early, while this thread still reads files and loads its own parser. */
export interface ParseThread {
  /** Hand over the files (decoded, in replay order); needs this thread's parser loaded, whose code the worker shares. */
  begin(texts: string[]): ParseAhead;
  close(): void;
}

const WORKER = new URL('./parse-ahead-worker.js', import.meta.url);
/** A worker that delivers nothing for this long is taken for dead (it cannot be watched while we wait). */
const STALL_MS = 10_000;
/** Bigger files (~7 MB of parse-tree JSON) are left to the main thread, which parses them a statement at a time. */
const MAX_FILE_CHARS = 1_000_000;

/**
 * Split and parse migration files on a second thread while this one replays the files before them.
 * Node takes ~0.1 s to start a worker, so start it as soon as the workspace is known to be big. Both
 * threads claim files from one shared counter: this thread parses the first files itself if the worker
 * is not ready yet, and never waits for a file the worker has not begun (`workerOnly`: the worker parses
 * them all, for tests). Without a built worker script (tests run the TypeScript sources) it returns
 * undefined and everything is parsed here.
 */
export function startParseThread(opts: { workerOnly?: boolean; maxFileChars?: number } = {}): ParseThread | undefined {
  if (!existsSync(fileURLToPath(WORKER))) return undefined;
  const shared = new Int32Array(new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  const workerData = { port: port2, shared, maxFileChars: opts.maxFileChars ?? MAX_FILE_CHARS };
  const worker = new Worker(WORKER, { workerData, transferList: [port2] });
  worker.unref();
  parserThreadCreated.publish(undefined);
  let total = 0;
  const close = () => {
    // Whatever the worker has not claimed yet is not wanted any more.
    Atomics.store(shared, CLAIMED, total);
    Atomics.store(shared, TAKEN, total);
    Atomics.notify(shared, TAKEN);
    port1.close();
    void worker.terminate();
  };
  return {
    begin(texts) {
      total = texts.length;
      port1.postMessage({ texts, wasm: parserModule() });
      return { take: taker(shared, port1, !!opts.workerOnly), close };
    },
    close,
  };
}

function taker(shared: Int32Array, port: MessagePort, workerOnly: boolean): (index: number) => ParsedAheadFile | undefined {
  /** Files whose first piece has arrived and that are not taken yet; a declined file (parsed here) is `null`. */
  const arrived = new Map<number, ParsedAheadFile | null>();
  /** Results of the files still arriving. */
  const open = new Map<number, { results: (string | PgSyntaxError)[]; done: boolean }>();
  let failed = false;
  let heard = false;

  /** Take in one message, waiting for it if none is there; false once the worker has failed or stalled. */
  const pump = (): boolean => {
    while (!failed) {
      const delivered = Atomics.load(shared, DELIVERED);
      const message = receiveMessageOnPort(port)?.message as ParsedAheadMessage | undefined;
      if (!message) {
        if (Atomics.wait(shared, DELIVERED, delivered, STALL_MS) === 'timed-out') failed = true;
        continue;
      }
      if (!heard) {
        heard = true;
        parserThreadReady.publish(undefined);
      }
      if ('failed' in message) failed = true;
      else if ('declined' in message) arrived.set(message.index, null);
      else if ('spans' in message) opened(message);
      else {
        const entry = open.get(message.index)!;
        for (const r of message.results) entry.results.push(r);
        entry.done = message.done;
        if (message.done) open.delete(message.index);
      }
      return !failed;
    }
    return false;
  };

  const opened = (first: { index: number; spans: number[]; comments: number[]; results: (string | PgSyntaxError)[]; done: boolean }) => {
    const entry = { results: first.results, done: first.done };
    if (!first.done) open.set(first.index, entry);
    const result = (i: number) => {
      while (i >= entry.results.length && !entry.done) if (!pump()) return undefined;
      return entry.results[i];
    };
    arrived.set(first.index, { index: first.index, spans: spanObjects(first.spans), comments: first.comments, result });
  };

  return (index) => {
    if (failed) return undefined;
    Atomics.store(shared, TAKEN, index + 1);
    Atomics.notify(shared, TAKEN);
    // Still unclaimed: the worker is behind, so parse it here rather than wait.
    if (!workerOnly && Atomics.compareExchange(shared, CLAIMED, index, index + 1) === index) return undefined;
    for (;;) {
      const got = arrived.get(index);
      if (got !== undefined) {
        arrived.delete(index);
        return got ?? undefined;
      }
      if (!pump()) return undefined;
    }
  };
}

function spanObjects(flat: number[]): StatementSpan[] {
  const spans: StatementSpan[] = [];
  for (let i = 0; i < flat.length; i += 2) spans.push({ start: flat[i]!, end: flat[i + 1]! });
  return spans;
}
