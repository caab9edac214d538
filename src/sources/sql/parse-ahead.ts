import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { parseToJson, parserModule, type PgSyntaxError } from '../../model/pg-wasm.js';
import { parserThreadCreated, parserThreadReady } from '../events.js';
import { CLAIMED, COUNTERS, DELIVERED, PIECES_TAKEN, TAKEN, claimPiece } from './parse-ahead-protocol.js';
import { withoutMetaCommands, type StatementSpan } from './split.js';

/** One file as the worker split it, and its statements as the worker parses them. */
export interface ParsedAheadFile {
  index: number;
  spans: StatementSpan[];
  /** Comment [start, end) pairs, flattened. */
  comments: number[];
  /** psql meta-commands' [start, end) pairs, flattened. */
  meta: number[];
  /**
   * Statement `i`'s libpg-query JSON or syntax error, waiting for the worker if it has not sent it yet;
   * undefined when the worker has failed and the caller is to parse the statement itself. Each is
   * handed out once and then let go, so a big file's JSON is never held whole.
   */
  result: (i: number) => string | PgSyntaxError | undefined;
}

/**
 * A file arrives in pieces, so that this thread can replay its first statements while the worker parses
 * the rest. The first message carries the file's spans, as flat [start, end) pairs: objects a message brings
 * have other hidden classes than those splitStatements makes here, and code that met both would be
 * optimised for both (iterateSqlFile was compiled three times). Then each piece the worker parsed:
 * `per` statements from statement `from` (see claimPiece: this thread parses the pieces it claims itself).
 */
export type ParsedAheadMessage =
  | { index: number; spans: number[]; comments: number[]; meta: number[]; per: number }
  | { index: number; from: number; results: (string | PgSyntaxError)[] }
  | { failed: string };

export interface ParseAhead {
  /**
   * File `index` (asked for in order, from 0) as the worker parsed it, or undefined when the caller is
   * to parse it itself: the worker had not reached it yet, or has failed.
   */
  take(index: number): ParsedAheadFile | undefined;
  /** Pieces the worker has sent so far. */
  piecesSent(): number;
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
/**
 * A file this big is left to the worker even when it is behind: parsing it here would take longer than
 * the worker takes to start, and would leave the second core idle for the whole file. The worker parses it
 * a few pieces ahead of this thread's replay (parse-ahead-worker.ts), so its JSON is never held whole.
 */
const WORKER_FILE_CHARS = 1_000_000;
/** How long this thread waits for the worker to claim a big file before it parses the file itself. */
const BIG_FILE_PATIENCE_MS = 250;

/**
 * Split and parse migration files on a second thread while this one replays the files before them.
 * Node takes ~0.1 s to start a worker, so start it as soon as the workspace is known to be big. Both
 * threads claim files from one shared counter: this thread parses the first files itself if the worker
 * is not ready yet, and never waits for a file the worker has not begun (`workerOnly`: the worker parses
 * them all, for tests). Without a built worker script (tests run the TypeScript sources) it returns
 * undefined and everything is parsed here.
 */
export function startParseThread(opts: { workerOnly?: boolean } = {}): ParseThread | undefined {
  if (!existsSync(fileURLToPath(WORKER))) return undefined;
  const shared = new Int32Array(new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  const workerData = { port: port2, shared };
  const worker = new Worker(WORKER, { workerData, transferList: [port2] });
  worker.unref();
  parserThreadCreated.publish(undefined);
  let total = 0;
  const close = () => {
    // Whatever the worker has not claimed yet is not wanted any more.
    Atomics.store(shared, CLAIMED, total);
    Atomics.store(shared, TAKEN, total);
    Atomics.notify(shared, TAKEN);
    Atomics.store(shared, PIECES_TAKEN, 0x3fffffff);
    Atomics.notify(shared, PIECES_TAKEN);
    port1.close();
    void worker.terminate();
  };
  return {
    begin(texts) {
      total = texts.length;
      port1.postMessage({ texts, wasm: parserModule() });
      const workerOnly = (index: number) => !!opts.workerOnly || texts[index]!.length >= WORKER_FILE_CHARS;
      return { take: taker(shared, port1, texts, workerOnly, opts.workerOnly ? Infinity : BIG_FILE_PATIENCE_MS), piecesSent: () => Atomics.load(shared, DELIVERED), close };
    },
    close,
  };
}

/** A statement's result: JSON or a syntax error; `undefined` not here yet, `null` handed out and let go. */
type Slot = string | PgSyntaxError | undefined | null;

function taker(shared: Int32Array, port: MessagePort, texts: string[], workerOnly: (index: number) => boolean, patience: number): (index: number) => ParsedAheadFile | undefined {
  const steal = patience !== Infinity;
  /** Files whose first message has arrived and that are not taken yet. */
  const arrived = new Map<number, ParsedAheadFile>();
  /** The results of each file opened, by statement. */
  const slots = new Map<number, Slot[]>();
  let failed = false;
  let heard = false;

  /**
   * Take in one message, if one is there or once one comes within `waitMs` (STALL_MS: until the worker is
   * taken for dead); false when none came or the worker has failed or stalled.
   */
  const pump = (waitMs: number): boolean => {
    while (!failed) {
      const delivered = Atomics.load(shared, DELIVERED);
      const message = receiveMessageOnPort(port)?.message as ParsedAheadMessage | undefined;
      if (!message) {
        if (waitMs <= 0) return false;
        if (Atomics.wait(shared, DELIVERED, delivered, waitMs) === 'timed-out') {
          if (waitMs >= STALL_MS) failed = true;
          else return false;
        }
        continue;
      }
      if (!heard) {
        heard = true;
        parserThreadReady.publish(undefined);
      }
      if ('failed' in message) {
        failed = true;
        return false;
      }
      if ('spans' in message) opened(message);
      else {
        // Taken in: the worker may parse one piece more.
        Atomics.add(shared, PIECES_TAKEN, 1);
        Atomics.notify(shared, PIECES_TAKEN);
        const results = slots.get(message.index);
        if (results) for (let k = 0; k < message.results.length; k++) results[message.from + k] = message.results[k];
      }
      return true;
    }
    return false;
  };

  const opened = (first: { index: number; spans: number[]; comments: number[]; meta: number[]; per: number }) => {
    const { index, per } = first;
    const count = first.spans.length / 2;
    const pieces = Math.ceil(count / per);
    const results: Slot[] = new Array(count).fill(undefined);
    slots.set(index, results);
    // Pieces parsed here are parsed as the worker parses them: without psql's meta-commands.
    let text: string | undefined;
    const result = (i: number): string | PgSyntaxError | undefined => {
      if (i >= count) return undefined;
      for (;;) {
        const r = results[i];
        if (r === null) return undefined;
        if (r !== undefined) {
          results[i] = null;
          return r;
        }
        if (failed) return undefined;
        // Not here yet: take in what has come, else parse a piece the worker has not begun, else wait.
        if (pump(0)) continue;
        const piece = steal ? claimPiece(shared, index, pieces) : -1;
        if (piece >= 0) {
          for (let k = piece * per; k < Math.min(count, (piece + 1) * per); k++) {
            text ??= withoutMetaCommands(texts[index]!, first.meta);
            const parsed = parseToJson(text.slice(first.spans[2 * k]!, first.spans[2 * k + 1]!));
            results[k] = 'json' in parsed ? parsed.json : parsed.error;
          }
          continue;
        }
        if (!pump(STALL_MS)) return undefined;
      }
    };
    arrived.set(index, { index, spans: spanObjects(first.spans), comments: first.comments, meta: first.meta, result });
  };

  return (index) => {
    if (failed) return undefined;
    // The files before this one are done with.
    for (const done of slots.keys()) if (done < index) slots.delete(done);
    Atomics.store(shared, TAKEN, index + 1);
    Atomics.notify(shared, TAKEN);
    // Still unclaimed: the worker is behind, so parse it here rather than wait; a big file only after
    // waiting a little for the worker (on a busy machine its thread, at a lower priority, may start late).
    const until = performance.now() + (workerOnly(index) ? patience : 0);
    for (;;) {
      if (failed) return undefined;
      const left = until - performance.now();
      if (left <= 0 && Atomics.compareExchange(shared, CLAIMED, index, index + 1) === index) return undefined;
      const got = arrived.get(index);
      if (got !== undefined) {
        arrived.delete(index);
        return got;
      }
      const unclaimed = Atomics.load(shared, CLAIMED) <= index;
      if (unclaimed && left > 0 && left < STALL_MS) pump(Math.ceil(left));
      else if (!pump(STALL_MS)) return undefined;
    }
  };
}

function spanObjects(flat: number[]): StatementSpan[] {
  const spans: StatementSpan[] = [];
  for (let i = 0; i < flat.length; i += 2) spans.push({ start: flat[i]!, end: flat[i + 1]! });
  return spans;
}
