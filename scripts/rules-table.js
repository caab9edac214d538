// The README's rule table: one row per rule, by category, then id. `node scripts/rules-table.js` prints
// it from the registry (run after `npm run build`); scripts/new-rule.js inserts a new rule's row.
import { pathToFileURL } from 'node:url';

export const CATEGORY = { naming: 'Naming', audit: 'Audit', tenancy: 'Tenancy', integrity: 'Integrity', rls: 'Row-level security', types: 'Types', meta: 'Input and suppressions' };
const order = Object.keys(CATEGORY);
const HEAD = '| rule | category | recommended | what it requires |\n| --- | --- | --- | --- |';

/** A rule's row of the table. */
function tableRow(meta) {
  return `| [\`${meta.id}\`](rules/${meta.id}/README.md) | ${CATEGORY[meta.category]} | ${meta.severity} | ${meta.description.replace(/\|/g, '\\|')} |`;
}

const byPlace = (a, b) => order.indexOf(a.category) - order.indexOf(b.category) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function rulesTable(metas) {
  return [HEAD, ...[...metas].sort(byPlace).map(tableRow)].join('\n');
}

/** The README with `meta`'s row inserted in its place in the table, or undefined when it has no table. */
export function insertRow(readme, meta) {
  const lines = readme.split('\n');
  const head = lines.indexOf(HEAD.split('\n')[0]);
  if (head < 0) return undefined;
  const labels = Object.fromEntries(Object.entries(CATEGORY).map(([k, v]) => [v, k]));
  let at = head + 2;
  for (; at < lines.length && lines[at].startsWith('| ['); at++) {
    const [, id, label] = /^\| \[`([^`]+)`\][^|]*\| ([^|]+) \|/.exec(lines[at]) ?? [];
    if (byPlace(meta, { id, category: labels[label.trim()] }) < 0) break;
  }
  lines.splice(at, 0, tableRow(meta));
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { allRules } = await import('../dist/rules/index.js');
  console.log(rulesTable(allRules.map((r) => r.meta)));
}
