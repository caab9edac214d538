import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { loadPgQuery as LoadPgQuery, PgSyntaxError } from '../../model/pg-wasm.js';
import type { ParsedAheadMessage } from './parse-ahead.js';
import { CLAIMED, DELIVERED, TAKEN } from './parse-ahead-protocol.js';

const { port, shared, maxFileChars } = workerData as { port: MessagePort; shared: Int32Array; maxFileChars: number };
/** Files parsed but not yet taken: enough to keep the main thread fed, few enough to bound memory. */
const AHEAD = 4;
/** A file is sent in pieces of about this much JSON (~60 statements of a typical migration) or this many statements, so that the main thread can start on it. */
const PIECE_CHARS = 64 * 1024;
const PIECE_STATEMENTS = 1000;

function deliver(message: ParsedAheadMessage): void {
  port.postMessage(message);
  Atomics.add(shared, DELIVERED, 1);
  Atomics.notify(shared, DELIVERED);
}

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
    // The limit above counts files: a big one (a whole pg_dump, say) would be parsed far ahead of the main
    // thread and hold its JSON in memory twice. The main thread parses it a statement at a time.
    if (text.length > maxFileChars) {
      deliver({ index, declined: true });
      continue;
    }
    const { spans, comments } = splitWithComments(text);
    const flat: number[] = [];
    for (const span of spans) flat.push(span.start, span.end);
    let results: (string | PgSyntaxError)[] = [];
    let chars = 0;
    let first = true;
    for (let i = 0; i < spans.length; i++) {
      const r = parseToJson(text.slice(spans[i]!.start, spans[i]!.end));
      results.push('json' in r ? r.json : r.error);
      chars += 'json' in r ? r.json.length : r.error.message.length;
      const done = i === spans.length - 1;
      if (chars < PIECE_CHARS && results.length < PIECE_STATEMENTS && !done) continue;
      deliver(first ? { index, spans: flat, comments, results, done } : { index, results, done });
      first = false;
      results = [];
      chars = 0;
    }
    if (first) deliver({ index, spans: flat, comments, results, done: true });
  }
} catch (e) {
  deliver({ failed: e instanceof Error ? e.message : String(e) });
}
port.close();
