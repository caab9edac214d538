/**
 * Results of `ismslint test` in four formats. JSON and JUnit are what `ismslint report` reads: one
 * entry per requirement, its group (schema, relationships, completeness, required, rls, append-only,
 * naming) and its assertions.
 */
import { xmlAttribute as attr, xmlText as xml } from '../engine/xml.js';
import type { SuiteResult } from './runtime/index.js';

export type QaReporter = 'stylish' | 'junit' | 'json' | 'tap';
export const QA_REPORTERS: QaReporter[] = ['stylish', 'junit', 'json', 'tap'];

export interface QaRun {
  version: string;
  suites: SuiteResult[];
}

export function totals(run: QaRun): { requirements: number; passed: number; failed: number } {
  const all = run.suites.flatMap((s) => s.requirements);
  const passed = all.filter((r) => r.ok).length;
  return { requirements: all.length, passed, failed: all.length - passed };
}

export function formatQa(run: QaRun, reporter: QaReporter): string {
  switch (reporter) {
    case 'json':
      return formatJson(run);
    case 'junit':
      return formatJunit(run);
    case 'tap':
      return formatTap(run);
    default:
      return formatStylish(run);
  }
}

function formatJson(run: QaRun): string {
  return (
    JSON.stringify(
      {
        tool: 'ismslint',
        version: run.version,
        kind: 'qa-results',
        summary: totals(run),
        modules: run.suites.map((s) => ({ module: s.module, engine: s.engine, engineVersion: s.engineVersion ?? null, notes: s.notes, requirements: s.requirements })),
      },
      null,
      2,
    ) + '\n'
  );
}

function failureText(r: SuiteResult['requirements'][number]): string {
  return r.assertions
    .filter((a) => !a.ok)
    .map((a) => `${a.label}${a.diagnostic ? `: ${a.diagnostic}` : ''}`)
    .join('\n');
}

function formatJunit(run: QaRun): string {
  const t = totals(run);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="ismslint test" tests="${t.requirements}" failures="${t.failed}">`];
  for (const s of run.suites) {
    const failed = s.requirements.filter((r) => !r.ok).length;
    out.push(`  <testsuite name="${attr(s.module)}" tests="${s.requirements.length}" failures="${failed}">`);
    out.push(
      `    <properties><property name="engine" value="${s.engine}${s.engineVersion ? ` ${attr(s.engineVersion)}` : ''}"/>${s.notes.map((n) => `<property name="note" value="${attr(n)}"/>`).join('')}</properties>`,
    );
    for (const r of s.requirements) {
      const open = `    <testcase classname="${attr(`${s.module}.${r.group}`)}" name="${attr(r.title)}"`;
      if (r.ok) {
        out.push(`${open}/>`);
      } else {
        // The message is the first failed assertion, whole; the body lists them all.
        const first = r.assertions.find((a) => !a.ok);
        const message = first ? `${first.label}${first.diagnostic ? `: ${first.diagnostic}` : ''}` : '';
        out.push(`${open}>`, `      <failure message="${attr(message)}">${xml(failureText(r))}</failure>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function formatTap(run: QaRun): string {
  const all = run.suites.flatMap((s) => s.requirements.map((r) => ({ s, r })));
  const out = ['TAP version 13', `1..${all.length}`];
  all.forEach(({ s, r }, i) => {
    const title = shown(`${s.module}: ${r.title}`).replace(/#/g, '\\#');
    out.push(`${r.ok ? 'ok' : 'not ok'} ${i + 1} - ${title}`);
    if (!r.ok) {
      out.push('  ---', `  message: ${JSON.stringify(failureText(r))}`, '  ...');
    }
  });
  for (const s of run.suites) for (const n of s.notes) out.push(`# ${s.module}: ${n.replace(/[\r\n]+/g, ' ')}`);
  return out.join('\n') + '\n';
}

/** Control characters shown escaped, so a name cannot forge lines of the report. */
function shown(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
}

function formatStylish(run: QaRun): string {
  const out: string[] = [];
  for (const s of run.suites) {
    out.push(`module ${s.module} (${s.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'})`);
    for (const n of s.notes) out.push(`  note: ${n}`);
    for (const r of s.requirements) {
      out.push(`  ${r.ok ? '✓' : '✗'} ${shown(r.title)}`);
      if (!r.ok) for (const a of r.assertions.filter((a) => !a.ok)) out.push(`      ${shown(a.label)}${a.diagnostic ? `: ${shown(a.diagnostic)}` : ''}`);
    }
    out.push('');
  }
  const t = totals(run);
  out.push(`${t.failed ? '✗' : '✓'} ${t.passed} of ${t.requirements} requirement${t.requirements === 1 ? '' : 's'} passed${t.failed ? `, ${t.failed} failed` : ''}`);
  return out.join('\n') + '\n';
}
