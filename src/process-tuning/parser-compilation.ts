import { setFlagsFromString } from 'node:v8';
import { parserCompilation } from '../model/pg-wasm.js';

/**
 * Compile the parser's WebAssembly with V8's baseline compiler (Liftoff) only. Otherwise V8 recompiles
 * its hot functions with the optimising compiler on the second core, which the lint also needs for
 * JavaScript compilation, garbage collection and the parser thread; the baseline code is fast enough.
 * V8 reads the flag when a module is compiled, so it is put back at once for any other WebAssembly.
 */
export function compileParserWithBaselineOnly(): void {
  parserCompilation.start.subscribe(() => setFlagsFromString('--liftoff-only'));
  parserCompilation.end.subscribe(() => setFlagsFromString('--no-liftoff-only'));
}
