import { xmlText as xml } from '../../engine/xml.js';
import type { ComplianceReport } from '../types.js';

interface Case {
  name: string;
  classname: string;
  failure?: string;
  skipped?: string;
}

function suite(name: string, cases: Case[]): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const body = cases
    .map((c) => {
      const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}"`;
      if (c.failure !== undefined) return `${open}>\n      <failure message="${xml(c.failure.split('\n')[0]!)}">${xml(c.failure)}</failure>\n    </testcase>`;
      if (c.skipped !== undefined) return `${open}>\n      <skipped message="${xml(c.skipped)}"/>\n    </testcase>`;
      return `${open}/>`;
    })
    .join('\n');
  return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${body}\n  </testsuite>`;
}

/** For CI test views: each criterion, each control, and each rule per module as a test case. */
export function renderJunit(r: ComplianceReport): string {
  const suites: string[] = [];
  suites.push(
    suite(
      'success criteria',
      r.criteria.map((c) => ({
        name: c.title,
        classname: 'criteria',
        ...(c.status === 'not met' ? { failure: `${c.value}% of ${c.appliesTo} (target ${c.target}%)` } : c.status === 'not evaluated' ? { skipped: 'not evaluated' } : {}),
      })),
    ),
  );
  suites.push(
    suite(
      'controls',
      r.controls.map((c) => ({
        name: `${c.framework} ${c.id} ${c.title}`,
        classname: c.framework,
        ...(c.status === 'FAIL'
          ? {
              failure: `failing rules: ${
                c.rules
                  .filter((x) => x.state === 'fail')
                  .map((x) => x.id)
                  .join(', ') || 'QA'
              }`,
            }
          : c.status === 'NOT EVALUATED'
            ? { skipped: 'no enabled rule or QA requirement serves it' }
            : {}),
      })),
    ),
  );
  for (const m of r.modules) {
    const own = r.findings.filter((f) => f.module === m.name && f.status === 'open');
    const rules = [...new Set(r.controls.flatMap((c) => c.rules.filter((x) => x.state !== 'off').map((x) => x.id)))].sort();
    suites.push(
      suite(
        `module ${m.name}`,
        rules.map((rule) => {
          const hits = own.filter((f) => f.ruleId === rule && f.severity === 'error');
          return { name: rule, classname: m.name, ...(hits.length ? { failure: hits.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`).join('\n') } : {}) };
        }),
      ),
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ismslint compliance">\n${suites.join('\n')}\n</testsuites>\n`;
}
