import type { RawFinding, SuppressionDirective } from '../engine/suppressions.js';
import type { Catalog, ModuleInfo } from '../model/catalog.js';
import { emptyCatalog } from '../model/catalog.js';
import { replayingFile } from './events.js';
import { deploymentOrder } from './deploy-order.js';
import type { SourceFile } from './source-file.js';
import { decodeUtf8 } from './source-file.js';
import { loadSqlFile } from './sql/load.js';
import { startParseThread, type ParseThread } from './sql/parse-ahead.js';
import { ReplayState, type ReplayOptions } from './sql/replay/index.js';

/** Below about this much SQL (~1,000 tables) a second thread costs more to start than it saves (measured). */
const PARSE_THREAD_MIN_BYTES = 1_000_000;

export interface InputFile {
  /** Path as shown in findings: relative to the working directory, with forward slashes. */
  path: string;
  bytes: Uint8Array;
}

export interface InputModule {
  name: string;
  dir: string;
  schemaJson?: InputFile;
  migrations: InputFile[];
}

export interface BuiltModel {
  catalog: Catalog;
  sources: Map<string, SourceFile>;
  findings: RawFinding[];
  directives: SuppressionDirective[];
}

const FLYWAY_VERSION = /^V(\d+(?:[._]\d+)*)__/i;

/** Natural order: `2_x.sql` before `10_x.sql`; timestamps and Flyway's `V2__` sort as numbers. */
export function naturalCompare(a: string, b: string): number {
  // Flyway versions are dotted numbers: V1__ < V1_1__ (1.1) < V2__, whatever the descriptions say.
  const fa = FLYWAY_VERSION.exec(a);
  const fb = FLYWAY_VERSION.exec(b);
  if (fa && fb) {
    const byVersion = tokenCompare(fa[1]!.split(/[._]/), fb[1]!.split(/[._]/));
    if (byVersion !== 0) return byVersion;
  }
  return tokenCompare(a.match(/\d+|\D+/g) ?? [], b.match(/\d+|\D+/g) ?? []);
}

/** Digit runs compare as numbers (any length), other runs by code unit. */
function tokenCompare(ta: string[], tb: string[]): number {
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = x.replace(/^0+/, '').length - y.replace(/^0+/, '').length;
      if (d !== 0) return d;
      const bx = x.replace(/^0+/, '');
      const by = y.replace(/^0+/, '');
      if (bx !== by) return bx < by ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return ta.length - tb.length;
}

/** Modules in deployment order (see deploymentOrder); each module's migrations in natural file order. */
export function replayOrder(modules: InputModule[], globalModule: string, moduleOrder: string[] = []): InputModule[] {
  return deploymentOrder(modules, globalModule, moduleOrder);
}

export type SchemaJsonLoader = (file: InputFile, module: InputModule, ctx: BuiltModel & { state: ReplayState }) => void;

/**
 * Start a second parser thread when the workspace has enough SQL to pay for it (`always`: whatever its
 * size, for tests); give it to buildModel. Start it early: a worker takes ~0.1 s to start.
 */
export function startParserThread(modules: InputModule[], opts: { always?: boolean } = {}): ParseThread | undefined {
  const bytes = modules.reduce((n, m) => m.migrations.reduce((k, f) => k + f.bytes.length, n), 0);
  if (!opts.always && bytes < PARSE_THREAD_MIN_BYTES) return undefined;
  return startParseThread({ workerOnly: opts.always });
}

/** Replay every module's migrations into one catalog; schema.json modules are added by the loader given. */
export function buildModel(
  modules: InputModule[],
  globalModule: string,
  schemaJsonLoader?: SchemaJsonLoader,
  parserThread?: ParseThread,
  opts: { onFile?: (done: number, total: number) => void; moduleOrder?: string[] } & ReplayOptions = {},
): BuiltModel {
  const { onFile, moduleOrder, ...replayOptions } = opts;
  const catalog = emptyCatalog();
  const state = new ReplayState(catalog, replayOptions);
  const model: BuiltModel = { catalog, sources: new Map(), findings: [], directives: [] };
  const ordered = replayOrder(modules, globalModule, moduleOrder).map((m) => ({
    module: m,
    files: [...m.migrations].sort((a, b) => repeatable(a.path) - repeatable(b.path) || naturalCompare(baseName(a.path), baseName(b.path)) || naturalCompare(a.path, b.path)),
  }));
  const decoded = new Map(ordered.flatMap((o) => o.files.map((f) => [f, decodeUtf8(f.bytes)] as const)));
  const ahead = parserThread?.begin([...decoded.values()].flatMap((d) => (d.ok ? [d.text] : [])));
  let parsed = 0;
  let done = 0;
  const total = ordered.reduce((n, o) => n + o.files.length + (o.module.schemaJson ? 1 : 0), 0);
  try {
    for (const { module: m, files } of ordered) {
      const info: ModuleInfo = { name: m.name, dir: m.dir, files: files.map((f) => f.path) };
      catalog.modules.push(info);
      for (const f of files) {
        replayingFile.publish(f.path);
        const d = decoded.get(f)!;
        const loaded = loadSqlFile(state, f.path, f.bytes, m.name, d, d.ok ? ahead?.take(parsed++) : undefined);
        if (loaded.source) model.sources.set(f.path, loaded.source);
        // Loops, not push(...): 100,000 findings of one file would overflow the stack as arguments.
        for (const x of loaded.findings) model.findings.push(x);
        for (const x of loaded.directives) model.directives.push(x);
        onFile?.(++done, total);
      }
      if (m.schemaJson && schemaJsonLoader) {
        info.files.unshift(m.schemaJson.path);
        schemaJsonLoader(m.schemaJson, m, { ...model, state });
        onFile?.(++done, total);
      }
    }
  } finally {
    (ahead ?? parserThread)?.close();
  }
  return model;
}

/** Flyway's repeatable migrations (`R__*.sql`) run after all versioned ones. */
function repeatable(p: string): number {
  return /^R__/i.test(baseName(p)) ? 1 : 0;
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
