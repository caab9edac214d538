import type { Finding } from '../engine/finding.js';
import { fixText } from '../engine/fix.js';
import { xmlAttribute, xmlText } from '../engine/xml.js';
import { groupByFile } from './group.js';
import { rebased } from './paths.js';
import { joined, type ChunkedFormatter } from './types.js';

/**
 * JUnit XML, which Jenkins, GitLab, Azure DevOps and most CI systems show as test results: a suite
 * per file read, a failed test case per finding (its type the severity), a waived finding as a skipped
 * case with the reason, and a file without findings as one passing case. Paths are relative to the
 * repository root, as in SARIF.
 */
export const junitChunks: ChunkedFormatter = function* (given) {
  const input = rebased(given);
  const byFile = new Map(groupByFile(input.findings));
  const files = [...new Set([...input.sources.keys(), ...byFile.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const open = input.findings.filter((f) => !f.suppression).length;
  const skipped = input.findings.length - open;
  const tests = files.reduce((n, file) => n + Math.max(1, byFile.get(file)?.length ?? 0), 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="ismslint" tests="${tests}" failures="${open}" skipped="${skipped}">\n`;
  for (const file of files) yield* suite(file, byFile.get(file) ?? []);
  yield '</testsuites>\n';
};

export const junit = joined(junitChunks);

/** A file's suite, a piece per test case: one file may hold a hundred thousand findings. */
function* suite(file: string, findings: Finding[]): Generator<string> {
  const name = xmlAttribute(file);
  if (findings.length === 0) {
    yield `  <testsuite name="${name}" tests="1" failures="0" skipped="0">\n    <testcase classname="${name}" name="${name}"/>\n  </testsuite>\n`;
    return;
  }
  const failures = findings.filter((f) => !f.suppression).length;
  yield `  <testsuite name="${name}" tests="${findings.length}" failures="${failures}" skipped="${findings.length - failures}">\n`;
  for (const f of findings) yield testCase(file, f);
  yield '  </testsuite>\n';
}

function testCase(file: string, f: Finding): string {
  const { line, column } = f.loc;
  const open = `    <testcase classname="${xmlAttribute(file)}" name="${xmlAttribute(`${f.ruleId} at ${line}:${column}`)}">\n`;
  if (f.suppression) return `${open}      <skipped message="${xmlAttribute(`waived: ${f.suppression.justification}`)}"/>\n    </testcase>\n`;
  const severity = f.severity === 'error' ? 'error' : 'warning';
  const detail = `${file}:${line}:${column}: ${severity}: ${f.message} (${f.ruleId})${f.fix ? `\nfix: ${fixText(f.fix)}` : ''}`;
  return `${open}      <failure type="${severity}" message="${xmlAttribute(f.message)}">${xmlText(detail)}</failure>\n    </testcase>\n`;
}
