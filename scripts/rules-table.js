// Prints the README's rule table from the registry (run after `npm run build`).
import { allRules } from '../dist/rules/index.js';

const CATEGORY = { naming: 'Naming', audit: 'Audit', tenancy: 'Tenancy', integrity: 'Integrity', rls: 'Row-level security', types: 'Types', meta: 'Input and suppressions' };
const order = Object.keys(CATEGORY);
const rows = [...allRules].sort((a, b) => order.indexOf(a.meta.category) - order.indexOf(b.meta.category) || (a.meta.id < b.meta.id ? -1 : 1));
console.log('| rule | category | recommended | what it requires |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(`| [\`${r.meta.id}\`](rules/${r.meta.id}/README.md) | ${CATEGORY[r.meta.category]} | ${r.meta.severity} | ${r.meta.description.replace(/\|/g, '\\|')} |`);
