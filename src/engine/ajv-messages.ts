import type { ErrorObject } from 'ajv';
import { closestMatch } from './suggest.js';

export interface SchemaProblem {
  /** JSON path the message is prefixed with: the object holding the property at fault, e.g. ['tables', 2, 'columns', 4]. */
  path: (string | number)[];
  message: string;
  /** JSON path of the value at fault, e.g. ['tables', 2, 'columns', 4, 'nullable'], for placing the problem in the file. */
  at: (string | number)[];
  /** True when the property name at `at` is the fault (an unknown property), not its value. */
  atKey?: boolean;
}

const ARTICLE: Record<string, string> = { boolean: 'a boolean', string: 'a string', number: 'a number', integer: 'an integer', object: 'an object', array: 'an array', null: 'null' };

export function pathText(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

function decode(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const COMPOSITE = new Set(['oneOf', 'anyOf', 'if', 'not', 'false schema']);

/** `q` is `p` or lies inside it. */
function within(p: string, q: string): boolean {
  return q === p || q.startsWith(p + '/');
}

/** A oneOf whose branches each require one property: "exactly one of a or b". */
function requiredAlternatives(e: ErrorObject): string[] | undefined {
  // `required` holds for anything but objects, so only an object can fail such a oneOf meaningfully.
  const isObject = e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data);
  const branches: unknown = e.keyword === 'oneOf' && isObject ? e.schema : undefined;
  if (!Array.isArray(branches) || branches.length < 2) return undefined;
  const names = branches.map((b: { required?: unknown } | null) => (Array.isArray(b?.required) && b.required.length === 1 && Object.keys(b).length === 1 ? String(b.required[0]) : undefined));
  return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

/**
 * One readable sentence per problem, the most specific first, e.g. `tables[2].columns[4]: "nullable" must be a boolean`.
 * With alternatives (oneOf/anyOf), a branch whose type did not match says nothing useful when another
 * branch matched the type and reports what is wrong inside it; type errors left at one place are merged
 * ("must be a string or an object").
 */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  if (!errors?.length) return [];
  // oneOf over `required` branches: one sentence for the object, instead of one per branch.
  const alternatives = new Map<string, string[]>();
  for (const e of errors) {
    const names = requiredAlternatives(e);
    if (names) alternatives.set(e.instancePath, names);
  }
  const concrete = errors.filter((e) => !COMPOSITE.has(e.keyword) && !(e.keyword === 'required' && alternatives.has(e.instancePath) && /\/oneOf\/\d+\/required$/.test(e.schemaPath)));
  // A type error is an alternative's noise when something more specific is said at or inside the same place.
  const noise = (e: ErrorObject) =>
    e.keyword === 'type' && (alternatives.has(e.instancePath) || concrete.some((o) => o !== e && (o.instancePath === e.instancePath ? o.keyword !== 'type' : within(e.instancePath, o.instancePath))));
  const kept = concrete.filter((e) => !noise(e));
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const push = (p: SchemaProblem) => {
    const key = pathText(p.path) + p.message;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  for (const [instancePath, names] of alternatives) {
    const path = decode(instancePath);
    const list = names.map((n) => `"${n}"`);
    const text = `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
    push({ path, at: path, message: `${pathText(path) ? pathText(path) + ': ' : ''}needs exactly one of ${text}` });
  }
  const typesAt = new Map<string, ErrorObject[]>();
  for (const e of kept) {
    if (e.keyword !== 'type') continue;
    const list = typesAt.get(e.instancePath) ?? [];
    list.push(e);
    typesAt.set(e.instancePath, list);
  }
  for (const e of kept) {
    if (e.keyword === 'type') {
      const group = typesAt.get(e.instancePath);
      if (!group || group[0] !== e) continue;
      const types = [...new Set(group.flatMap((g) => String((g.params as AjvParams).type).split(',')))];
      push(describe({ ...e, params: { type: types.join(',') } }));
    } else {
      push(describe(e));
    }
  }
  if (out.length === 0) for (const e of errors) push(describe(e));
  return out;
}

const FORMAT_HINT: Record<string, string> = { date: 'date (YYYY-MM-DD)', 'date-time': 'date and time (RFC 3339)', regex: 'regular expression' };

/** The fields of Ajv's `params` these messages read; each keyword sets its own. */
interface AjvParams {
  type: string;
  missingProperty: string;
  additionalProperty: string;
  allowedValues?: unknown[];
  allowedValue: unknown;
  pattern: string;
  format: string;
  limit: number;
  i: number;
  j: number;
}

function describe(e: ErrorObject): SchemaProblem {
  const path = decode(e.instancePath);
  const last = path[path.length - 1];
  const parent = path.slice(0, -1);
  const subject = typeof last === 'string' ? `"${last}"` : last === undefined ? 'the document' : `item ${last}`;
  const at = (p: (string | number)[], msg: string): SchemaProblem => ({ path: p, at: path, message: p.length ? `${pathText(p)}: ${msg}` : msg });
  const params = e.params as AjvParams;
  const parentSchema = e.parentSchema as { properties?: object; patternErrorMessage?: string; description?: string } | undefined;
  switch (e.keyword) {
    case 'type':
      return at(
        last !== undefined ? parent : path,
        `${subject} must be ${String(params.type)
          .split(',')
          .map((t) => ARTICLE[t] ?? t)
          .join(' or ')}`,
      );
    case 'required':
      return at(path, `missing required property "${params.missingProperty}"`);
    case 'additionalProperties': {
      const known = Object.keys(parentSchema?.properties ?? {});
      const hint = closestMatch(params.additionalProperty, known);
      return {
        path: [...path, params.additionalProperty],
        at: [...path, params.additionalProperty],
        atKey: true,
        message: `${pathText(path) ? pathText(path) + ': ' : ''}unknown property "${params.additionalProperty}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      };
    }
    case 'enum': {
      const allowed: unknown[] = params.allowedValues ?? [];
      const hint = typeof e.data === 'string' ? closestMatch(e.data, allowed.map(String)) : undefined;
      return at(last !== undefined ? parent : path, `${subject} must be one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`);
    }
    case 'const':
      return at(last !== undefined ? parent : path, `${subject} must be ${JSON.stringify(params.allowedValue)}`);
    case 'pattern': {
      // `patternErrorMessage` is the keyword VS Code shows for a failed pattern; use the same words here.
      const custom = parentSchema?.patternErrorMessage;
      const desc = parentSchema?.description;
      const value = e.data === undefined ? '' : ` ${JSON.stringify(e.data)}`;
      return at(last !== undefined ? parent : path, `${subject}${value} ${custom ?? (desc ? `is not valid: ${desc}` : `must match ${params.pattern}`)}`);
    }
    case 'format':
      return at(last !== undefined ? parent : path, `${subject} must be a valid ${FORMAT_HINT[params.format] ?? params.format}${typeof e.data === 'string' ? ` (got ${JSON.stringify(e.data)})` : ''}`);
    case 'minItems':
      return at(last !== undefined ? parent : path, `${subject} must have at least ${params.limit} item${params.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return at(last !== undefined ? parent : path, `${subject} must have at most ${params.limit} items`);
    case 'minLength':
      return at(last !== undefined ? parent : path, params.limit === 1 ? `${subject} must not be empty` : `${subject} must be at least ${params.limit} characters`);
    case 'maxLength':
      return at(last !== undefined ? parent : path, `${subject} must be at most ${params.limit} characters`);
    case 'minimum':
    case 'maximum':
      return at(last !== undefined ? parent : path, `${subject} must be ${e.keyword === 'minimum' ? '>=' : '<='} ${params.limit}`);
    case 'uniqueItems':
      return at(path, `items ${params.j} and ${params.i} are the same`);
    default:
      return at(path, e.message ?? 'is not valid');
  }
}
