// The bundle's entry, which bin/ismslint.js loads: the CLI, and the tuning that only the command-line
// tool applies to its process (tests and library users call run() on a Node left as it is).
export { run } from './main.js';
export { tuneProcessForLint } from '../process-tuning/index.js';
