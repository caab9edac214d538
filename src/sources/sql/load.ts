import { sourceFinding } from '../../engine/source-messages.js';
import type { SuppressionDirective, RawFinding } from '../../engine/suppressions.js';
import { SourceFile, decodeUtf8, lineOfByte, type DecodeResult } from '../source-file.js';
import type { ParsedAheadFile } from './parse-ahead.js';
import { readDirectives } from './directives.js';
import { iterateSqlFile, type SyntaxProblem } from './parser.js';
import type { ReplayState } from './replay/index.js';
import { replayFile } from './replay/index.js';
import { splitWithComments, withoutMetaCommands } from './split.js';

export interface LoadedSqlFile {
  source?: SourceFile;
  findings: RawFinding[];
  directives: SuppressionDirective[];
}

/**
 * Read one migration: decode, parse statement by statement, replay into the catalog. `parsedAhead` is
 * the same file already split and parsed on another thread.
 */
export function loadSqlFile(state: ReplayState, path: string, bytes: Uint8Array, module: string, decoded: DecodeResult = decodeUtf8(bytes), parsedAhead?: ParsedAheadFile): LoadedSqlFile {
  if (!decoded.ok) {
    const { line, column } = lineOfByte(bytes, decoded.offset);
    return { findings: [sourceFinding('parse-error', 'notText', { reason: decoded.reason }, { loc: { file: path, line, column, endLine: line, endColumn: column + 1 }, module })], directives: [] };
  }
  const source = new SourceFile(path, decoded.text);
  const findings: RawFinding[] = [];
  const { spans, comments, meta } = parsedAhead ?? splitWithComments(decoded.text);
  if (spans.length === 0) {
    findings.push(sourceFinding('empty-file', 'noStatements', undefined, { loc: source.span(0, 0), module }));
  }
  const syntaxErrors: SyntaxProblem[] = [];
  const before = state.problems.length;
  // Parsed and replayed a statement at a time, so each parse tree is garbage before the next is made.
  replayFile(state, source, module, iterateSqlFile(withoutMetaCommands(decoded.text, meta), syntaxErrors, spans, parsedAhead?.result));
  for (const e of syntaxErrors) findings.push(sourceFinding('parse-error', 'syntaxError', { message: e.message }, { loc: source.span(e.start, e.end), module }));
  for (const p of state.problems.splice(before)) findings.push(sourceFinding('replay-error', 'rejected', { message: p.message }, { loc: p.loc, module }));
  // A directive counts only inside a comment: the same text in a string or dollar-quoted body is data.
  const directives = readDirectives(source, module, (offset) => insideComment(comments, offset));
  return { source, findings, directives };
}

/** `comments` holds [start, end) pairs in file order. */
function insideComment(comments: number[], offset: number): boolean {
  for (let i = 0; i < comments.length; i += 2) if (comments[i]! <= offset && offset < comments[i + 1]!) return true;
  return false;
}
