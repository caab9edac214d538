import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fsProblem } from '../engine/fs-error.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CommandIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard output is a terminal (colour). */
  isTTY: boolean;
  /** Standard error is a terminal (progress); its width in columns when known. */
  stderrIsTTY?: boolean;
  columns?: number;
}

/**
 * Write via a temporary file and rename, so a reader never sees half a report. An existing file keeps
 * its permissions, and a symbolic link is written through, not replaced. Failures are one-line
 * UsageErrors naming `shown` (the path as the user wrote it).
 */
export function writeFileAtomic(path: string, content: string | Uint8Array | Chunks, shown: string = path): void {
  let target = resolve(path);
  let mode: number | undefined;
  try {
    if (lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) target = realpathSync(target);
    const existing = statSync(target, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR', syscall: 'open' });
    mode = existing?.mode;
    mkdirSync(dirname(target), { recursive: true });
  } catch (e) {
    throw fsProblem('write', shown, e);
  }
  const tmp = `${target}.ismslint-tmp-${process.pid}`;
  try {
    if (content instanceof Chunks) writeChunksToFile(tmp, content);
    else writeFileSync(tmp, content, { mode: 0o666 });
    if (mode !== undefined) chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw fsProblem('write', shown, e);
  }
}

/** Output made in pieces (a formatter's), written as it comes so that a big report is never one string. */
export class Chunks {
  constructor(readonly pieces: Iterable<string>) {}
}

/**
 * Pieces are joined up to about this many characters per write: few system calls, and a batch small
 * enough to die in V8's young generation (a bigger one is copied to the old space before it is written,
 * and a 100 MB report then leaves 100 MB of garbage there).
 */
const BATCH_CHARS = 64 * 1024;

/** Call `write` with the pieces joined into batches of about BATCH_CHARS characters. */
export function writeInBatches(chunks: Chunks, write: (text: string) => void): void {
  let batch = '';
  for (const piece of chunks.pieces) {
    batch += piece;
    if (batch.length >= BATCH_CHARS) {
      write(batch);
      batch = '';
    }
  }
  if (batch !== '') write(batch);
}

function writeChunksToFile(path: string, chunks: Chunks): void {
  const fd = openSync(path, 'w', 0o666);
  try {
    writeInBatches(chunks, (text) => {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    });
  } finally {
    closeSync(fd);
  }
}
