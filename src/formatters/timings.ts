/**
 * `TIMING=1` (or `TIMING=all`, or a count): the slowest rules as a table on stderr, the way ESLint's
 * TIMING does, so a slow lint can be traced to its rule.
 */
export function formatTimings(timings: Map<string, number>, setting: string): string {
  const total = [...timings.values()].reduce((a, b) => a + b, 0);
  const rows = [...timings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const limit = setting === 'all' ? rows.length : /^\d+$/.test(setting) && Number(setting) > 1 ? Number(setting) : 10;
  const shown = rows.slice(0, limit);
  const width = Math.max(4, ...shown.map(([id]) => id.length));
  const lines = [`${'Rule'.padEnd(width)} | Time (ms) | Relative`, `${'-'.repeat(width)}-|-----------|---------`];
  for (const [id, ms] of shown) {
    const share = total > 0 ? (ms / total) * 100 : 0;
    lines.push(`${id.padEnd(width)} | ${ms.toFixed(3).padStart(9)} | ${share.toFixed(1).padStart(7)}%`);
  }
  return lines.join('\n') + '\n';
}
