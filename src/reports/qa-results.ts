import type { QaSummary } from './types.js';

type State = 'pass' | 'fail' | 'skip';
interface QaResult {
  name: string;
  category: string | null;
  state: State;
}

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
    const classname = attr(tag, 'classname');
    const module = classname?.includes('.') ? classname.slice(0, classname.lastIndexOf('.')) : undefined;
    const category = classname?.includes('.') ? classname.slice(classname.lastIndexOf('.') + 1) : (classname ?? null);
    out.push({ name: `${module ? `${module}: ` : ''}${attr(tag, 'name') ?? '(unnamed)'}`, category, state });
  }
  return out;
}

/** `ismslint test --reporter json` (kind `qa-results`) or `ismslint test --mutation --reporter json` (kind `qa-mutation`). */
interface JsonResults {
  kind?: unknown;
  modules?: Array<{ module?: unknown; engine?: unknown; engineVersion?: unknown; requirements?: Array<{ title?: unknown; group?: unknown; ok?: unknown }> }>;
  total?: { score?: unknown };
}

function fromJson(value: JsonResults): { results: QaResult[]; engine: string | null; mutationScore: number | null } {
  if (value.kind === 'qa-mutation') {
    const score = typeof value.total?.score === 'number' ? value.total.score : null;
    return { results: [], engine: null, mutationScore: score };
  }
  if (value.kind !== 'qa-results' || !Array.isArray(value.modules)) throw new Error('not ismslint test results (kind "qa-results" or "qa-mutation")');
  const results: QaResult[] = [];
  const engines = new Set<string>();
  for (const m of value.modules) {
    if (typeof m.engine === 'string') engines.add(typeof m.engineVersion === 'string' ? `${m.engine} ${m.engineVersion}` : m.engine);
    for (const r of m.requirements ?? []) {
      if (typeof r.title !== 'string') continue;
      results.push({ name: `${String(m.module)}: ${r.title}`, category: typeof r.group === 'string' ? r.group : null, state: r.ok === true ? 'pass' : 'fail' });
    }
  }
  return { results, engine: engines.size ? [...engines].sort().join(', ') : null, mutationScore: null };
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
      let read: ReturnType<typeof fromJson>;
      try {
        read = fromJson(parsed);
      } catch (e) {
        throw new Error(`${path}: ${(e as Error).message}`);
      }
      results.push(...read.results);
      engine ??= read.engine;
      mutationScore ??= read.mutationScore;
    } else if (trimmed.startsWith('<')) {
      results.push(...fromJunit(trimmed));
      engine ??= /<property name="engine" value="([^"]*)"/.exec(trimmed)?.[1] ?? null;
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
