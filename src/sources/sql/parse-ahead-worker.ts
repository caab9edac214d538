import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { loadPgQuery as LoadPgQuery, PgSyntaxError } from '../../model/pg-wasm.js';
import type { ParsedAheadMessage } from './parse-ahead.js';
import { CLAIMED, DELIVERED, PIECE, PIECES_TAKEN, TAKEN, claimPiece, firstPiece, statementsPerPiece } from './parse-ahead-protocol.js';

const { port, shared } = workerData as { port: MessagePort; shared: Int32Array };
/** Files parsed but not yet taken: enough to keep the main thread fed, few enough to bound memory. */
const AHEAD = 4;
/**
 * Pieces sent but not yet taken in by the main thread: ~1 MB of JSON. A big file (a whole pg_dump) is
 * parsed here as far as this ahead of the main thread's replay, never whole, so its JSON is never in
 * memory at once, however the SQL is split into files.
 */
const PIECES_AHEAD = 16;
let piecesSent = 0;

/** Wait while the main thread has enough pieces to replay. */
function waitForRoom(): void {
  for (let taken = Atomics.load(shared, PIECES_TAKEN); piecesSent - taken >= PIECES_AHEAD; taken = Atomics.load(shared, PIECES_TAKEN)) {
    Atomics.wait(shared, PIECES_TAKEN, taken);
  }
}

function deliver(message: ParsedAheadMessage): void {
  if ('results' in message) piecesSent++;
  port.postMessage(message);
  Atomics.add(shared, DELIVERED, 1);
  Atomics.notify(shared, DELIVERED);
}

try {
  // Imported here, not at the top, so that a failure to load is reported to the main thread too.
  const { loadPgQuery, parseToJson } = await import('../../model/pg-wasm.js');
  const { splitWithComments, withoutMetaCommands } = await import('./split.js');
  const { texts, wasm } = await new Promise<{ texts: string[]; wasm: Parameters<typeof LoadPgQuery>[0] }>((resolve) => port.once('message', resolve));
  await loadPgQuery(wasm);
  for (;;) {
    // Wait while the main thread has enough to do: their JSON would only pile up in memory.
    for (let taken = Atomics.load(shared, TAKEN); Atomics.load(shared, CLAIMED) >= taken + AHEAD; taken = Atomics.load(shared, TAKEN)) {
      Atomics.wait(shared, TAKEN, taken);
    }
    const index = Atomics.add(shared, CLAIMED, 1);
    if (index >= texts.length) break;
    const { spans, comments, meta } = splitWithComments(texts[index]!);
    const text = withoutMetaCommands(texts[index]!, meta);
    const flat: number[] = [];
    for (const span of spans) flat.push(span.start, span.end);
    // A file is parsed in pieces, which the main thread may claim too when it would otherwise wait, so
    // that one big file keeps both threads busy as many small ones do.
    const per = statementsPerPiece(spans.length);
    const pieces = Math.ceil(spans.length / per);
    Atomics.store(shared, PIECE, firstPiece(index));
    deliver({ index, spans: flat, comments, meta, per });
    for (;;) {
      waitForRoom();
      const piece = claimPiece(shared, index, pieces);
      if (piece < 0) break;
      const results: (string | PgSyntaxError)[] = [];
      for (let i = piece * per; i < Math.min(spans.length, (piece + 1) * per); i++) {
        const r = parseToJson(text.slice(spans[i]!.start, spans[i]!.end));
        results.push('json' in r ? r.json : r.error);
      }
      deliver({ index, from: piece * per, results });
    }
  }
} catch (e) {
  deliver({ failed: e instanceof Error ? e.message : String(e) });
}
port.close();
