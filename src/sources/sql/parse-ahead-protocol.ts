/** The parser thread's shared counters (an Int32Array on a SharedArrayBuffer), by index. */
export const CLAIMED = 0;
export const DELIVERED = 1;
export const TAKEN = 2;
/** Pieces (messages with results) the main thread has taken in: the worker stays a few pieces ahead of it. */
export const PIECES_TAKEN = 3;
/** The next piece of the file the worker is parsing, which either thread may claim (see claimPiece). */
export const PIECE = 4;
export const COUNTERS = 5;

/** A piece is this many statements, or more in a file of over a million pieces. */
const STATEMENTS_PER_PIECE = 64;
const PIECE_BITS = 20;
const MAX_PIECES = (1 << PIECE_BITS) - 1;

/** Statements per piece of a file of `statements` statements. */
export function statementsPerPiece(statements: number): number {
  return Math.max(STATEMENTS_PER_PIECE, Math.ceil(statements / MAX_PIECES));
}

/**
 * The claim word of `file`'s first piece. The word holds the file's index (its low 11 bits: the worker is
 * never more than a few files ahead of the main thread) beside the next piece, so that a claim can never
 * take a piece of another file.
 */
export function firstPiece(file: number): number {
  return (file & 0x7ff) << PIECE_BITS;
}

/** Claim the next piece of `file` (of `pieces`): its number, or -1 when all are claimed or another file's are being parsed. */
export function claimPiece(shared: Int32Array, file: number, pieces: number): number {
  for (;;) {
    const word = Atomics.load(shared, PIECE);
    if (word >>> PIECE_BITS !== (file & 0x7ff)) return -1;
    const piece = word & MAX_PIECES;
    if (piece >= pieces) return -1;
    if (Atomics.compareExchange(shared, PIECE, word, word + 1) === word) return piece;
  }
}
