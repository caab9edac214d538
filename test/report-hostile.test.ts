// Names, comments and suppression reasons written to break out of every format the report writes.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { csvField } from '../src/reports/render/csv.js';
import { MARKDOWN_LIMIT, renderMarkdown } from '../src/reports/render/markdown.js';
import type { ComplianceReport } from '../src/reports/types.js';
import { recordingIO } from './support/command-io.js';

const root = resolve(__dirname, '..');
let out: string;
const read = (name: string) => readFileSync(join(out, name), 'utf8');

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'ismslint-hostile-'));
  const io = recordingIO(root);
  io.env = { SOURCE_DATE_EPOCH: '0' };
  const code = await run(['report', 'fixtures/workspaces/report-hostile', '--out', out, '--format', 'html,md,json,csv,junit', '--no-gate'], io);
  expect(code, io.err).toBe(0);
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a report on hostile names', () => {
  it('HTML: the only script is the report’s own, allowed by its hash; input shows as text', () => {
    const html = read('compliance-report.html');
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img\b/);
    expect(html).toContain('&#60;/script&#62;&#60;script&#62;alert(2)&#60;/script&#62;');
    expect(html).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).toMatch(/^default-src 'none';/);
  });

  it('Markdown: no HTML, no table breaking pipes', () => {
    const md = read('compliance-report.md');
    expect(md).not.toMatch(/<script|<img|<\/td>/i);
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    const findings = md
      .slice(md.indexOf('## Open findings'), md.indexOf('## Success criteria'))
      .split('\n')
      .filter((l) => l.startsWith('|'));
    expect(findings.length).toBeGreaterThan(3);
    for (const line of findings) expect(cells(line), line).toBe(cells(findings[0]!));
    expect(md).toContain('vendor\\|note');
  });

  it('CSV: a cell a spreadsheet would run as a formula is quoted as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('a,b')).toBe('"a,b"');
    for (const line of read('compliance-report.csv').split('\r\n').filter(Boolean)) expect(line).not.toMatch(/(^|,)[=+@]/);
  });

  it('JUnit: markup in names and messages is escaped', () => {
    const xml = read('compliance-report.junit.xml');
    expect(xml).not.toMatch(/<script|<img/);
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('JSON keeps the names exactly as written', () => {
    const json = JSON.parse(read('compliance-report.json')) as ComplianceReport;
    expect(json.findings.some((f) => f.object?.includes('"><img src=x onerror=alert(1)>'))).toBe(true);
  });
});

describe('Markdown for a pull-request comment', () => {
  it('stays under 65,000 characters with thousands of findings, and says what it left out', () => {
    const base = JSON.parse(read('compliance-report.json')) as ComplianceReport;
    const many: ComplianceReport = { ...base, findings: Array.from({ length: 5000 }, (_, i) => ({ ...base.findings[0]!, key: String(i), message: `finding number ${i} `.repeat(3) })) };
    const md = renderMarkdown(many);
    expect(md.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(md).toMatch(/…and \d+ more, left out to fit a pull-request comment/);
    expect(md.startsWith('# ❌ REJECT')).toBe(true);
  });
});
