// The HTML report in a real browser: it loads with no console error and no network request (its CSP
// allows nothing else), shows the verdict and the figures, and its filters work.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { run } from '../src/cli/main.js';
import { itWithChromium, launchChromium } from './support/browser.js';
import { recordingIO } from './support/command-io.js';

const root = resolve(__dirname, '..');
/** Where CI keeps the screenshot as an artifact. */
const ARTIFACTS = join(root, 'test-results');
let out: string;

async function writeReport(workspace: string, dir: string): Promise<string> {
  const io = recordingIO(root);
  io.env = { ISMSLINT_TODAY: '2026-12-01', SOURCE_DATE_EPOCH: '1764547200' };
  expect(await run(['report', workspace, '--out', dir, '--format', 'html', '--no-gate'], io), io.err).toBe(0);
  return pathToFileURL(join(dir, 'compliance-report.html')).href;
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'ismslint-browser-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the HTML report in Chromium', () => {
  itWithChromium('loads with no console error or network request, shows verdict and figures, and filters findings', async () => {
    const url = await writeReport('fixtures/workspaces/report', join(out, 'report'));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => r.url() !== url && requests.push(r.url()));
      await page.goto(url, { waitUntil: 'load' });
      expect(await page.textContent('#verdict strong')).toBe('REJECT');
      expect(await page.textContent('[data-figure="errors"] b')).toBe('2');
      expect(await page.textContent('[data-figure="waivers expired"] b')).toBe('1');
      expect(await page.textContent('#match-count')).toBe('7 of 7 findings');
      await page.selectOption('#f-rule', 'foreign-key-index');
      expect(await page.textContent('#match-count')).toBe('1 of 7 findings');
      expect(await page.locator('#findings tbody tr:visible').count()).toBe(1);
      await page.selectOption('#f-rule', '');
      await page.selectOption('#f-severity', 'waived');
      expect(await page.locator('#findings tbody tr:visible').count()).toBe(4);
      await page.selectOption('#f-severity', '');
      await page.fill('#f-text', 'uploaded');
      expect(await page.textContent('#match-count')).toBe('2 of 7 findings');
      await page.fill('#f-text', '');
      await page.locator('#findings th', { hasText: 'rule' }).click();
      expect(await page.locator('#findings tbody tr:visible code').first().textContent()).toBe('foreign-key-index');
      await page.evaluate('window.scrollTo(0, 0)');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'compliance-report.png'), fullPage: true });
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  itWithChromium('runs no script from hostile names: no dialog, no injected element', async () => {
    const url = await writeReport('fixtures/workspaces/report-hostile', join(out, 'hostile'));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const problems: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(url, { waitUntil: 'load' });
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('#findings').textContent()).toContain('"><img src=x onerror=alert(1)>');
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
