// The QA results as other tools read them: JUnit through a real XML parser (Chromium's DOMParser),
// TAP by its plan and numbering, JSON as data; with names written to break each format.
import { describe, expect, it } from 'vitest';
import { formatQa, type QaRun } from '../src/qa/report.js';
import { itWithChromium, launchChromium } from './support/browser.js';

// biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile name, meant literally
const HOSTILE = 'evil"table*/`${x}`\n-- name <b>&amp; ]]> # TODO \u0001 \u2028 ✓';

const run: QaRun = {
  version: '0.0.0',
  suites: [
    {
      module: 'hostile<&>"',
      engine: 'postgresql',
      engineVersion: '15.8 "x" <y>',
      notes: ['a note with\na newline & <markup>'],
      requirements: [
        { title: `${HOSTILE} exists`, group: 'schema', table: HOSTILE, ok: true, assertions: [{ label: 'exists', ok: true }] },
        {
          title: `${HOSTILE}: organisation B's rows are invisible to organisation A`,
          group: 'rls',
          table: HOSTILE,
          ok: false,
          assertions: [
            { label: `${HOSTILE} first`, ok: false, diagnostic: 'got 1\nexpected 0' },
            { label: 'second', ok: true },
          ],
        },
      ],
    },
    { module: 'plain', engine: 'postgresql', notes: [], requirements: [{ title: 'plain exists', group: 'schema', table: 'plain', ok: true, assertions: [] }] },
  ],
};

/** Runs in the browser (plain JavaScript): the parsed document, or the parser's error. */
const READ_JUNIT = `(text) => {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.querySelector('parsererror');
  if (error) return { error: error.textContent };
  return {
    root: doc.documentElement.getAttribute('tests') + '/' + doc.documentElement.getAttribute('failures'),
    suites: [...doc.querySelectorAll('testsuite')].map((s) => ({
      name: s.getAttribute('name'),
      counts: s.getAttribute('tests') + '/' + s.getAttribute('failures'),
      properties: [...s.querySelectorAll('property')].map((p) => p.getAttribute('name') + '=' + p.getAttribute('value')),
      cases: [...s.querySelectorAll('testcase')].map((c) => ({
        name: c.getAttribute('name'),
        failure: c.querySelector('failure')?.getAttribute('message') ?? null,
        text: c.querySelector('failure')?.textContent ?? null,
      })),
    })),
  };
}`;

describe('QA results', () => {
  itWithChromium('JUnit is well-formed XML that holds every name as it was (control characters aside)', async () => {
    const xml = formatQa(run, 'junit');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const parsed = await page.evaluate(`(${READ_JUNIT})(${JSON.stringify(xml)})`);
      const name = HOSTILE.replace('\u0001', '');
      expect(parsed).toEqual({
        root: '3/1',
        suites: [
          {
            name: 'hostile<&>"',
            counts: '2/1',
            properties: ['engine=postgresql 15.8 "x" <y>', 'note=a note with\na newline & <markup>'],
            cases: [
              { name: `${name} exists`, failure: null, text: null },
              { name: `${name}: organisation B's rows are invisible to organisation A`, failure: `${name} first: got 1\nexpected 0`, text: `${name} first: got 1\nexpected 0` },
            ],
          },
          { name: 'plain', counts: '1/0', properties: ['engine=postgresql'], cases: [{ name: 'plain exists', failure: null, text: null }] },
        ],
      });
    } finally {
      await browser.close();
    }
  });

  it('TAP has a plan that matches its numbered tests, and a name cannot add a line or a directive', () => {
    const lines = formatQa(run, 'tap').trimEnd().split('\n');
    expect(lines[0]).toBe('TAP version 13');
    expect(lines[1]).toBe('1..3');
    const tests = lines.filter((l) => /^(not )?ok \d+ - /.test(l));
    expect(tests.map((l) => Number(/^(?:not )?ok (\d+)/.exec(l)![1]))).toEqual([1, 2, 3]);
    // Every other line is YAML diagnostics (indented) or a comment.
    expect(lines.slice(2).filter((l) => !tests.includes(l) && !/^ {2}/.test(l) && !l.startsWith('# '))).toEqual([]);
    expect(tests[1]).toMatch(/^not ok 2 - .* \\# TODO /);
    expect(tests[1]).not.toMatch(/[^\\]# TODO/);
  });

  it('JSON holds every name exactly', () => {
    const json = JSON.parse(formatQa(run, 'json'));
    expect(json.summary).toEqual({ requirements: 3, passed: 2, failed: 1 });
    expect(json.modules[0].requirements[1].table).toBe(HOSTILE);
  });
});
