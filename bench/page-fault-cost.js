// node bench/page-fault-cost.js: what one page fault costs on this machine. It touches each 4 KiB page
// of 200 MB of fresh memory once and prints the time per page. A lint's main thread takes ~20,000 faults
// on the 2,000-table corpus (bench/lint-once.js prints mainThreadFaults). The development VM measured
// 1.4 µs on one day and 11-14 µs on another, when they were ~0.2 s of the lint (bench/README.md).
const PAGE = 4096;
const bytes = new Uint8Array(200 * 1024 * 1024);
const started = performance.now();
for (let i = 0; i < bytes.length; i += PAGE) bytes[i] = 1;
const ms = performance.now() - started;
const pages = bytes.length / PAGE;
console.log(`${pages} pages in ${ms.toFixed(0)} ms: ${((ms * 1000) / pages).toFixed(2)} µs per page fault`);
