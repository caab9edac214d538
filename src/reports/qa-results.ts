import type { QaSummary } from './types.js';

type State = 'pass' | 'fail' | 'skip';
interface QaResult {
  name: string;
  category: string | null;
  state: State;
}

const STATES: Record<string, State> = { pass: 'pass', passed: 'pass', ok: 'pass', fail: 'fail', failed: 'fail', failure: 'fail', error: 'fail', skip: 'skip', skipped: 'skip', pending: 'skip', todo: 'skip' };

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
}

/** JUnit XML: each <testcase>, failed by a <failure>/<error> child, skipped by <skipped>. */
function fromJunit(xml: string): QaResult[] {
  const out: QaResult[] = [];
  const re = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const tag = m[1]!;
    const body = m[3] ?? '';
    const state: State = /<(failure|error)\b/.test(body) ? 'fail' : /<skipped\b/.test(body) ? 'skip' : 'pass';
    out.push({ name: attr(tag, 'name') ?? '(unnamed)', category: attr(tag, 'classname') ?? null, state });
  }
  return out;
}

interface JsonResults {
  engine?: unknown;
  mutationScore?: unknown;
  mutation?: { score?: unknown };
  results?: unknown;
}

/** `ismslint test --reporter json`: `{ engine, results: [{ name, category, status }], mutation?: { score } }`. */
function fromJson(value: JsonResults): { results: QaResult[]; engine: string | null; mutationScore: number | null } {
  const list = Array.isArray(value.results) ? value.results : [];
  const results: QaResult[] = [];
  for (const r of list as Array<Record<string, unknown>>) {
    const state = STATES[String(r.status ?? r.state ?? '').toLowerCase()];
    if (!state || typeof r.name !== 'string') continue;
    results.push({ name: r.name, category: typeof r.category === 'string' ? r.category : null, state });
  }
  const score = typeof value.mutationScore === 'number' ? value.mutationScore : typeof value.mutation?.score === 'number' ? value.mutation.score : null;
  return { results, engine: typeof value.engine === 'string' ? value.engine : null, mutationScore: score };
}

/** Merge the results of one or more QA result files; a file that is neither JSON nor JUnit is an error. */
export function readQaResults(files: Array<{ path: string; text: string }>): QaSummary {
  const results: QaResult[] = [];
  let engine: string | null = null;
  let mutationScore: number | null = null;
  for (const { path, text } of files) {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{')) {
      let parsed: JsonResults;
      try {
        parsed = JSON.parse(trimmed) as JsonResults;
      } catch {
        throw new Error(`${path} is not valid JSON`);
      }
      const read = fromJson(parsed);
      results.push(...read.results);
      engine ??= read.engine;
      mutationScore ??= read.mutationScore;
    } else if (trimmed.startsWith('<')) {
      results.push(...fromJunit(trimmed));
    } else {
      throw new Error(`${path} is neither ismslint test JSON nor JUnit XML`);
    }
  }
  const passed = results.filter((r) => r.state === 'pass').length;
  const failed = results.filter((r) => r.state === 'fail').length;
  const skipped = results.length - passed - failed;
  const ran = passed + failed;
  return {
    sources: files.map((f) => f.path),
    passed,
    failed,
    skipped,
    passRate: ran === 0 ? null : Math.round((passed / ran) * 1000) / 10,
    mutationScore,
    engine,
    results,
  };
}
