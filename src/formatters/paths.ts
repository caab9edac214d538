import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SourceFile } from '../sources/source-file.js';
import type { FormatInput } from './types.js';

/** `file` (relative to `cwd`, POSIX style) as a path relative to `baseDir`; absolute when outside it. */
export function pathFrom(baseDir: string, cwd: string, file: string): string {
  const abs = resolve(cwd, file);
  const rel = relative(baseDir, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return abs;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * The input with finding paths relative to `input.baseDir` (the repository root), so that code
 * scanning places annotations whatever directory lint ran in. Unchanged when no base is given.
 */
export function rebased(input: FormatInput): FormatInput {
  const base = input.baseDir;
  if (base === undefined || resolve(base) === resolve(input.cwd)) return input;
  const map = new Map<string, string>();
  const to = (file: string) => {
    let p = map.get(file);
    if (p === undefined) map.set(file, (p = pathFrom(base, input.cwd, file)));
    return p;
  };
  const sources = new Map<string, SourceFile>();
  for (const [file, source] of input.sources) sources.set(to(file), source);
  return { ...input, cwd: base, sources, findings: input.findings.map((f) => ({ ...f, loc: { ...f.loc, file: to(f.loc.file) } })) };
}
