import type { ErrorObject } from 'ajv';

export interface SchemaProblem {
  /** JSON path segments to the offending value, e.g. ['tables', 2, 'columns', 4, 'nullable']. */
  path: (string | number)[];
  message: string;
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

function closest(word: string, options: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const o of options) {
    const d = distance(word, o);
    if (d < bestScore && d <= Math.max(2, Math.floor(o.length / 3))) {
      best = o;
      bestScore = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** One readable sentence per problem, the most specific first, e.g. `tables[2].columns[4]: "nullable" must be a boolean`. */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  if (!errors?.length) return [];
  const depth = (e: ErrorObject) => decode(e.instancePath).length;
  const concrete = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not', 'false schema'].includes(e.keyword) && e.keyword !== 'false schema');
  const pool = concrete.length ? concrete : errors;
  const maxDepth = Math.max(...pool.map(depth));
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of pool) {
    // Alternatives of a oneOf report at shallower paths; keep the deepest, most specific ones.
    if (depth(e) < maxDepth && pool.length > 1 && e.keyword === 'type') continue;
    const p = describe(e);
    const key = pathText(p.path) + p.message;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

function describe(e: ErrorObject): SchemaProblem {
  const path = decode(e.instancePath);
  const last = path[path.length - 1];
  const parent = path.slice(0, -1);
  const subject = typeof last === 'string' ? `"${last}"` : last === undefined ? 'the document' : `item ${last}`;
  const at = (p: (string | number)[], msg: string): SchemaProblem => ({ path: p, message: p.length ? `${pathText(p)}: ${msg}` : msg });
  const params: any = e.params;
  switch (e.keyword) {
    case 'type':
      return at(typeof last === 'string' ? parent : path, `${subject} must be ${String(params.type).split(',').map((t) => ARTICLE[t] ?? t).join(' or ')}`);
    case 'required':
      return at(path, `missing required property "${params.missingProperty}"`);
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as any)?.properties ?? {});
      const hint = closest(params.additionalProperty, known);
      return { path: [...path, params.additionalProperty], message: `${pathText(path) ? pathText(path) + ': ' : ''}unknown property "${params.additionalProperty}"${hint ? ` (did you mean "${hint}"?)` : ''}` };
    }
    case 'enum': {
      const allowed: unknown[] = params.allowedValues ?? [];
      const hint = typeof e.data === 'string' ? closest(e.data, allowed.map(String)) : undefined;
      return at(typeof last === 'string' ? parent : path, `${subject} must be one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`);
    }
    case 'const':
      return at(typeof last === 'string' ? parent : path, `${subject} must be ${JSON.stringify(params.allowedValue)}`);
    case 'pattern': {
      const desc = (e.parentSchema as any)?.description;
      return at(typeof last === 'string' ? parent : path, `${subject} ${JSON.stringify(e.data)} ${desc ? `is not valid: ${desc}` : `must match ${params.pattern}`}`);
    }
    case 'format':
      return at(typeof last === 'string' ? parent : path, `${subject} must be a valid ${params.format}${typeof e.data === 'string' ? ` (got ${JSON.stringify(e.data)})` : ''}`);
    case 'minItems':
      return at(typeof last === 'string' ? parent : path, `${subject} must have at least ${params.limit} item${params.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return at(typeof last === 'string' ? parent : path, `${subject} must have at most ${params.limit} items`);
    case 'minLength':
      return at(typeof last === 'string' ? parent : path, params.limit === 1 ? `${subject} must not be empty` : `${subject} must be at least ${params.limit} characters`);
    case 'maxLength':
      return at(typeof last === 'string' ? parent : path, `${subject} must be at most ${params.limit} characters`);
    case 'minimum':
    case 'maximum':
      return at(typeof last === 'string' ? parent : path, `${subject} must be ${e.keyword === 'minimum' ? '>=' : '<='} ${params.limit}`);
    case 'uniqueItems':
      return at(path, `items ${params.j} and ${params.i} are the same`);
    default:
      return at(path, e.message ?? 'is not valid');
  }
}
