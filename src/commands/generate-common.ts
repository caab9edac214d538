import { relative } from 'node:path';
import { UsageError } from '../engine/config/types.js';
import type { BuiltModel } from '../sources/build.js';
import type { CommandIO } from './io.js';

/** The module's name as the workspace knows it, or a UsageError that lists the known ones. */
export function requireModules(model: BuiltModel, names: string[]): void {
  const known = model.catalog.modules.map((m) => m.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length === 0) return;
  const list = [...known].sort();
  const what = unknown.length === 1 ? `unknown module "${unknown[0]}"` : `unknown modules ${unknown.map((n) => `"${n}"`).join(', ')}`;
  throw new UsageError(`${what}; known modules: ${list.length ? list.join(', ') : '(none found)'}`);
}

const UNREADABLE = new Set(['parse-error', 'replay-error', 'schema-definition-invalid', 'empty-file']);

/** Generating from a module that did not read cleanly documents only what was read: say so. */
export function warnIfIncomplete(io: CommandIO, model: BuiltModel, module: string): void {
  const problems = model.findings.filter((f) => f.module === module && UNREADABLE.has(f.ruleId)).length;
  if (problems > 0) {
    io.stderr(`ismslint: warning: module "${module}" has ${problems} problem${problems === 1 ? '' : 's'} reading its sources (run ismslint lint); the output shows only what was read\n`);
  }
}

export function shownPath(io: CommandIO, path: string): string {
  return relative(io.cwd, path).split('\\').join('/') || '.';
}

export function writeError(io: CommandIO, path: string, e: unknown): UsageError {
  if (e instanceof UsageError) return e;
  const err = e as NodeJS.ErrnoException | undefined;
  return new UsageError(`cannot write ${shownPath(io, path)}: ${err?.code ?? err?.message ?? e}`);
}
