import type { Node, ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, tooDeepAt } from '../../engine/json-depth.js';
import { jsoncParser } from '../../engine/lazy.js';
import { sourceFinding } from '../../engine/source-messages.js';
import type { RawFinding } from '../../engine/suppressions.js';
import type { Location } from '../../model/location.js';
import { decodeUtf8, lineOfByte, SourceFile } from '../source-file.js';
import type { JsonPath } from './definition.js';

/** A parsed JSON file that still knows where every value came from. */
export class JsonDocument {
  constructor(
    readonly source: SourceFile,
    readonly root: Node,
  ) {}

  get value(): unknown {
    return jsoncParser().getNodeValue(this.root);
  }

  node(path: JsonPath): Node | undefined {
    return path.length === 0 ? this.root : jsoncParser().findNodeAtLocation(this.root, path);
  }

  /**
   * Where to point for the value at `path`: a scalar's own span; for an object or array that is a
   * property value, its property name (one line, where a reader looks); else its opening bracket.
   * Falls back to the nearest existing parent.
   */
  loc(path: JsonPath): Location {
    for (let p = path; ; p = p.slice(0, -1)) {
      const n = this.node(p);
      if (n) return this.spanOf(n);
      if (p.length === 0) return this.source.span(0, 0);
    }
  }

  /** The property name of the value at `path` (which must end in a property name). */
  keyLoc(path: JsonPath): Location {
    const key = this.node(path)?.parent?.children?.[0];
    return key ? this.source.span(key.offset, key.offset + key.length) : this.loc(path);
  }

  /** One character inside the string value at `path`, by its index in the decoded string. */
  charLoc(path: JsonPath, index: number): Location {
    const n = this.node(path);
    if (n?.type !== 'string') return this.loc(path);
    const offsets = rawOffsets(this.source.text, n.offset);
    const at = offsets[Math.max(0, Math.min(index, offsets.length - 1))]!;
    return this.source.span(at, at + 1);
  }

  private spanOf(n: Node): Location {
    if (n.type === 'object' || n.type === 'array') {
      const key = n.parent?.type === 'property' ? n.parent.children?.[0] : undefined;
      return key ? this.source.span(key.offset, key.offset + key.length) : this.source.span(n.offset, n.offset + 1);
    }
    return this.source.span(n.offset, n.offset + n.length);
  }
}

/**
 * Offset in the file of each UTF-16 unit of a JSON string's decoded value (plus one past the end),
 * so that escapes such as `\"` or `\u00e9` do not shift positions reported inside the string.
 */
export function rawOffsets(text: string, quoteOffset: number): number[] {
  const out: number[] = [];
  let i = quoteOffset + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\') {
      out.push(i);
      i += text[i + 1] === 'u' ? 6 : 2;
    } else {
      out.push(i);
      i += 1;
    }
  }
  out.push(i);
  return out;
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character: expected a JSON value (a string in double quotes, a number, true, false, null, an object or an array)',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between values',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the array',
  EndOfFileExpected: 'expected the end of the file: a JSON file holds one value',
  InvalidCommentToken: 'comments are not allowed in JSON: put notes in "description"',
  UnexpectedEndOfComment: 'comments are not allowed in JSON: put notes in "description"',
  UnexpectedEndOfString: 'unterminated string: a JSON string ends with " on the same line',
  UnexpectedEndOfNumber: 'invalid number',
  InvalidUnicode: 'invalid \\u escape: expected four hex digits',
  InvalidEscapeCharacter: 'invalid escape sequence: JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
  InvalidCharacter: 'control character in a string: write it as an escape such as \\n or \\t',
};

/** A trailing comma before `}` or `]`: JSON5 habits are the commonest JSON error. */
function trailingComma(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === ',' ? i : undefined;
}

function describeJsonError(text: string, e: ParseError): { message: string; start: number; end: number } {
  const comma = trailingComma(text, e.offset);
  if (comma !== undefined) return { message: 'trailing comma: JSON allows no "," before "}" or "]"', start: comma, end: comma + 1 };
  if (text.trim() === '') return { message: 'file is empty: expected a JSON object describing the module', start: 0, end: 0 };
  if (text[e.offset] === "'") return { message: 'JSON strings and property names take double quotes, not single quotes', start: e.offset, end: e.offset + 1 };
  if (e.offset >= text.length)
    return { message: `unexpected end of file: ${JSON_ERRORS[jsoncParser().printParseErrorCode(e.error)] ?? 'the JSON is incomplete'}`, start: text.length, end: text.length };
  return { message: JSON_ERRORS[jsoncParser().printParseErrorCode(e.error)] ?? 'invalid JSON', start: e.offset, end: e.offset + Math.max(1, e.length) };
}

export type ReadJson = { ok: true; doc: JsonDocument } | { ok: false; source?: SourceFile; finding: RawFinding };

/**
 * Decode and parse strictly as JSON (no comments, no trailing commas). Only the first syntax error
 * is reported: after it, a parser's guesses about the rest of the file are more noise than help.
 */
export function readJsonFile(path: string, bytes: Uint8Array, module: string): ReadJson {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const { line, column } = lineOfByte(bytes, decoded.offset);
    return { ok: false, finding: sourceFinding('parse-error', 'notText', { reason: decoded.reason }, { loc: { file: path, line, column, endLine: line, endColumn: column + 1 }, module }) };
  }
  const source = new SourceFile(path, decoded.text);
  const deep = tooDeepAt(decoded.text);
  if (deep !== -1) {
    return { ok: false, source, finding: sourceFinding('parse-error', 'jsonTooDeep', { maxDepth: MAX_JSON_DEPTH }, { loc: source.span(deep, deep + 1), module }) };
  }
  const errors: ParseError[] = [];
  const root = jsoncParser().parseTree(decoded.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const d = errors[0] ? describeJsonError(decoded.text, errors[0]) : { message: 'expected a JSON object describing the module', start: 0, end: 0 };
    return { ok: false, source, finding: sourceFinding('parse-error', 'invalidJson', { message: d.message }, { loc: source.span(d.start, d.end), module }) };
  }
  return { ok: true, doc: new JsonDocument(source, root) };
}
