import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { channel } from 'node:diagnostics_channel';

/**
 * A thin binding to libpg-query's WebAssembly build (the real PostgreSQL parser). libpg-query's own
 * wrapper converts strings to and from WASM memory a byte at a time in JavaScript; for a 2,000-table
 * schema that is ~19 MB each way, so we call the same exports with the engine's native UTF-8 encoder
 * and decoder instead. The JSON it returns, and so every tree, is the same as `parseSync`'s
 * (pg-wasm.test.ts checks it). This reaches into the package's files, so package.json pins its version.
 */
interface PgQueryModule {
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
  _wasm_parse_query_raw(query: number): number;
  _wasm_free_parse_result(result: number): void;
  _wasm_scan(query: number): number;
  _wasm_free_string(ptr: number): void;
}

export interface PgSyntaxError {
  message: string;
  /** 0-based code-point offset of the error in the query. */
  cursor: number;
}

/** The few WebAssembly APIs used here: TypeScript declares them only in its DOM library. */
declare namespace WebAssembly {
  type Module = object;
  type Instance = object;
  type Imports = object;
  function compile(bytes: Uint8Array): Promise<Module>;
  function instantiate(module: Module, imports: Imports): Promise<Instance>;
}

let mod: PgQueryModule | undefined;
let compiled: WebAssembly.Module | undefined;
let loading: Promise<void> | undefined;

type Factory = (overrides: { instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void): object }) => Promise<PgQueryModule>;

/**
 * Compile and instantiate the parser once; every other function here needs it loaded. A module another
 * thread compiled (`parserModule()` there) is instantiated as it is: its code is shared, not compiled again.
 */
export function loadPgQuery(precompiled?: WebAssembly.Module): Promise<void> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const factory = require('libpg-query/wasm/libpg-query.js') as Factory;
    compiled = precompiled ?? (await compileParser(readFileSync(require.resolve('libpg-query/wasm/libpg-query.wasm'))));
    const module = compiled;
    // Emscripten's hook has no way to fail: a failed instantiation must not leave the factory waiting.
    let failed!: (e: unknown) => void;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    const instantiateWasm = (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) => {
      WebAssembly.instantiate(module, imports).then(done, failed);
      return {};
    };
    mod = await Promise.race([factory({ instantiateWasm }), failure]);
  })();
  return loading;
}

/** The compiled parser, to hand to a worker thread's `loadPgQuery`. */
export function parserModule(): WebAssembly.Module {
  if (!compiled) throw new Error('the PostgreSQL parser is not loaded: await loadPgQuery() first');
  return compiled;
}

/**
 * The parser's WebAssembly is about to be compiled (`start`), and has been or has failed to be (`end`):
 * Node diagnostics channels, free while nobody subscribes, so that the process running it may set V8
 * flags for it. The command-line tool compiles it with the baseline compiler only (src/process-tuning).
 */
export const parserCompilation = {
  start: channel('ismslint:model:parser-compilation-start'),
  end: channel('ismslint:model:parser-compilation-end'),
};

async function compileParser(bytes: Uint8Array): Promise<WebAssembly.Module> {
  parserCompilation.start.publish(undefined);
  try {
    return await WebAssembly.compile(bytes);
  } finally {
    parserCompilation.end.publish(undefined);
  }
}

function loaded(): PgQueryModule {
  if (!mod) throw new Error('the PostgreSQL parser is not loaded: await loadPgQuery() first');
  return mod;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function withQuery<T>(m: PgQueryModule, sql: string, use: (ptr: number) => T): T {
  // UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
  const room = sql.length * 3 + 1;
  const ptr = m._malloc(room);
  try {
    const { written } = encoder.encodeInto(sql, m.HEAPU8.subarray(ptr, ptr + room - 1));
    m.HEAPU8[ptr + written] = 0;
    return use(ptr);
  } finally {
    m._free(ptr);
  }
}

/** A Buffer over the WASM memory, for its memchr-based indexOf: a typed array's own indexOf compares a byte at a time. */
let heapBuffer: Buffer | undefined;

/** A NUL-terminated string in WASM memory. Memory may have grown since the last call: read HEAPU8 afresh. */
function cString(m: PgQueryModule, ptr: number): string {
  const heap = m.HEAPU8;
  if (heapBuffer?.buffer !== heap.buffer) heapBuffer = Buffer.from(heap.buffer, heap.byteOffset, heap.byteLength);
  return decoder.decode(heap.subarray(ptr, heapBuffer.indexOf(0, ptr)));
}

/** The parse tree of `sql` as libpg-query's JSON text, or PostgreSQL's syntax error. */
export function parseToJson(sql: string): { json: string } | { error: PgSyntaxError } {
  const m = loaded();
  return withQuery(m, sql, (query) => {
    const result = m._wasm_parse_query_raw(query);
    if (!result) throw new Error('the PostgreSQL parser ran out of memory');
    try {
      const words = m.HEAPU32;
      const tree = words[result >> 2]!;
      const error = words[(result + 8) >> 2]!;
      if (error) {
        const message = words[error >> 2]!;
        const cursor = words[(error + 16) >> 2]!;
        return { error: { message: message ? cString(m, message) : 'syntax error', cursor: cursor > 0 ? cursor - 1 : 0 } };
      }
      return { json: tree ? cString(m, tree) : '{"version":0,"stmts":[]}' };
    } finally {
      m._wasm_free_parse_result(result);
    }
  });
}

export interface ScanToken {
  /** Byte offsets in the UTF-8 query. */
  start: number;
  end: number;
  text: string;
  tokenName: string;
  keywordName: string;
}

/** PostgreSQL's scanner: the tokens of `sql` with their byte offsets, as libpg-query's `scanSync` gives them. */
export function scanTokens(sql: string): { tokens: ScanToken[] } {
  const m = loaded();
  return withQuery(m, sql, (query) => {
    const result = m._wasm_scan(query);
    try {
      const text = result ? cString(m, result) : '';
      if (!text.startsWith('{')) throw new Error(text || 'scan failed');
      const parsed = JSON.parse(text) as { tokens?: ScanToken[] };
      return { tokens: parsed.tokens ?? [] };
    } finally {
      if (result) m._wasm_free_string(result);
    }
  });
}
