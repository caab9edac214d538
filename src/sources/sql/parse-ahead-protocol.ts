/** The parser thread's shared counters (an Int32Array on a SharedArrayBuffer), by index. */
export const CLAIMED = 0;
export const DELIVERED = 1;
export const TAKEN = 2;
export const COUNTERS = 3;
