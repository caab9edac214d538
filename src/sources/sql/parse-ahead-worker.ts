import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { loadPgQuery as LoadPgQuery } from '../../model/pg-wasm.js';
import type { ParsedAheadMessage } from './parse-ahead.js';
import { CLAIMED, DELIVERED, TAKEN } from './parse-ahead-protocol.js';

const { port, shared, maxFileChars } = workerData as { port: MessagePort; shared: Int32Array; maxFileChars: number };
/** Files parsed but not yet taken: enough to keep the main thread fed, few enough to bound memory. */
const AHEAD = 4;

function deliver(message: ParsedAheadMessage | { index: number; declined: true } | { failed: string }): void {
  port.postMessage(message);
  Atomics.add(shared, DELIVERED, 1);
  Atomics.notify(shared, DELIVERED);
}

lowerOwnPriority();

try {
  // Imported here, not at the top, so that a failure to load is reported to the main thread too.
  const { loadPgQuery, parseToJson } = await import('../../model/pg-wasm.js');
  const { splitWithComments } = await import('./split.js');
  const { texts, wasm } = await new Promise<{ texts: string[]; wasm: Parameters<typeof LoadPgQuery>[0] }>((resolve) => port.once('message', resolve));
  await loadPgQuery(wasm);
  for (;;) {
    // Wait while the main thread has enough to do: their JSON would only pile up in memory.
    for (let taken = Atomics.load(shared, TAKEN); Atomics.load(shared, CLAIMED) >= taken + AHEAD; taken = Atomics.load(shared, TAKEN)) {
      Atomics.wait(shared, TAKEN, taken);
    }
    const index = Atomics.add(shared, CLAIMED, 1);
    if (index >= texts.length) break;
    const text = texts[index]!;
    // A file's parse trees are handed over at once: a big one (a whole pg_dump, say) would hold its
    // JSON in memory twice, and keep the main thread waiting. The main thread parses it a statement at a time.
    if (text.length > maxFileChars) {
      deliver({ index, declined: true });
      continue;
    }
    const { spans, comments } = splitWithComments(text);
    const results: ParsedAheadMessage['results'] = [];
    const flat: number[] = [];
    for (const span of spans) {
      flat.push(span.start, span.end);
      const r = parseToJson(text.slice(span.start, span.end));
      results.push('json' in r ? r.json : r.error);
    }
    deliver({ index, spans: flat, comments, results });
  }
} catch (e) {
  deliver({ failed: e instanceof Error ? e.message : String(e) });
}
port.close();

/**
 * The main thread replays what this one parses, and parses a file itself when this one is behind:
 * when both want the same core, the main thread should have it (Linux only; elsewhere a no-op).
 */
function lowerOwnPriority(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // No /proc, or not allowed: the thread keeps its priority.
  }
}
