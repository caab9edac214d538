import type { InputModule } from './build.js';

const NAME = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)`;
const QUALIFIED = String.raw`(${NAME}(?:\s*\.\s*${NAME})?)`;
const CREATE_TABLE = new RegExp(String.raw`\bcreate\s+(?:(?:global|local)\s+)?(?:temp(?:orary)?\s+|unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?${QUALIFIED}`, 'gi');
const REFERENCES = new RegExp(String.raw`\breferences\s+${QUALIFIED}`, 'gi');
const JSON_TABLE_REF = /"table"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/** The relation name PostgreSQL would store: the last part, unquoted, or folded to lower case. */
function relationName(written: string): string {
  const parts = written.match(new RegExp(NAME, 'g')) ?? [written];
  const last = parts[parts.length - 1]!;
  return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last.toLowerCase();
}

/** Tables a module creates and tables it references, from a cheap scan of its text (before replay). */
function scan(m: InputModule): { creates: Set<string>; references: Set<string> } {
  const creates = new Set<string>();
  const references = new Set<string>();
  for (const f of m.migrations) {
    // latin1 keeps every byte as one character: names still match each other, at no decoding cost.
    const text = Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength).toString('latin1');
    for (const x of text.matchAll(CREATE_TABLE)) creates.add(relationName(x[1]!));
    for (const x of text.matchAll(REFERENCES)) references.add(relationName(x[1]!));
  }
  if (m.schemaJson) {
    const text = Buffer.from(m.schemaJson.bytes.buffer, m.schemaJson.bytes.byteOffset, m.schemaJson.bytes.byteLength).toString('utf8');
    try {
      const doc = JSON.parse(text) as { tables?: { name?: unknown }[] };
      for (const t of Array.isArray(doc?.tables) ? doc.tables : []) if (typeof t?.name === 'string') creates.add(t.name);
    } catch {
      // An invalid schema.json is reported when it is loaded; it creates nothing to order by.
    }
    for (const x of text.matchAll(JSON_TABLE_REF)) references.add(x[1]!.split('.').pop()!);
  }
  return { creates, references };
}

/**
 * Modules in the order they deploy: the global module first; then each module after the modules
 * whose tables it references; name order only between independent modules (and inside a cycle).
 * `explicit` (the config's `moduleOrder`) puts the modules it names first, in its order.
 */
export function deploymentOrder(modules: InputModule[], globalModule: string, explicit: string[] = []): InputModule[] {
  const byName = (a: InputModule, b: InputModule) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const rank = new Map(explicit.map((n, i) => [n, i]));
  const listed = modules.filter((m) => rank.has(m.name)).sort((a, b) => rank.get(a.name)! - rank.get(b.name)!);
  const rest = modules.filter((m) => !rank.has(m.name));
  if (rest.length <= 1) return [...listed, ...rest];

  const scans = new Map(rest.map((m) => [m, scan(m)]));
  const owner = new Map<string, InputModule>();
  for (const m of [...rest].sort(byName)) for (const t of scans.get(m)!.creates) if (!owner.has(t)) owner.set(t, m);
  const deps = new Map<InputModule, Set<InputModule>>();
  for (const m of rest) {
    const d = new Set<InputModule>();
    for (const t of scans.get(m)!.references) {
      const o = owner.get(t);
      if (o && o !== m) d.add(o);
    }
    deps.set(m, d);
  }
  const out: InputModule[] = [];
  const placed = new Set<InputModule>();
  const pending = new Set(rest);
  while (pending.size > 0) {
    const ready = [...pending].filter((m) => [...deps.get(m)!].every((d) => placed.has(d)));
    // Global first; then the first ready module by name; in a cycle, the first remaining one by name.
    const pick = ready.find((m) => m.name === globalModule) ?? [...pending].find((m) => m.name === globalModule) ?? (ready.length > 0 ? ready : [...pending]).sort(byName)[0]!;
    out.push(pick);
    placed.add(pick);
    pending.delete(pick);
  }
  return [...listed, ...out];
}
