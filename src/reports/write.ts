import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComplianceReport } from './types.js';
import { renderCsv } from './render/csv.js';
import { renderHtml } from './render/html.js';
import { renderJunit } from './render/junit.js';
import { renderMarkdown } from './render/markdown.js';
import { sha256 } from './evidence.js';

export const REPORT_FORMATS = ['html', 'md', 'json', 'csv', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const FILE_NAMES: Record<ReportFormat, string> = {
  html: 'compliance-report.html',
  md: 'compliance-report.md',
  json: 'compliance-report.json',
  csv: 'compliance-report.csv',
  junit: 'compliance-report.junit.xml',
};

export const MANIFEST = 'manifest.sha256';

export function renderJson(r: ComplianceReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

const RENDER: Record<ReportFormat, (r: ComplianceReport) => string> = { html: renderHtml, md: renderMarkdown, json: renderJson, csv: renderCsv, junit: renderJunit };

/** Every file of the report, the manifest last: name → content, in a stable order. */
export function renderReport(r: ComplianceReport, formats: ReportFormat[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const format of REPORT_FORMATS) if (formats.includes(format)) files.set(FILE_NAMES[format], RENDER[format](r));
  const manifest = [...files].map(([name, content]) => `${sha256(content)}  ${name}\n`).join('');
  files.set(MANIFEST, manifest);
  return files;
}

/** The generated-at time of a report already in `dir`, so a check can regenerate it byte for byte. */
export function existingGeneratedAt(dir: string): string | null | undefined {
  const path = join(dir, FILE_NAMES.json);
  if (!existsSync(path)) return undefined;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { generatedAt?: unknown };
    return typeof value.generatedAt === 'string' ? value.generatedAt : null;
  } catch {
    return undefined;
  }
}

/** Names of the files in `dir` that differ from (or are missing against) what was generated. */
export function staleFiles(dir: string, files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [name, content] of files) {
    const path = join(dir, name);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) out.push(name);
  }
  return out;
}
