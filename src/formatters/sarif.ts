import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../engine/finding.js';
import { fixText } from '../engine/fix.js';
import { fixEdits, type TextEdit } from './fix-edits.js';
import type { RuleMeta } from '../engine/rule.js';
import { fingerprintsOf } from './fingerprint.js';
import { rebased } from './paths.js';
import { joined, type ChunkedFormatter, type FormatInput } from './types.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const DEFAULT_INFORMATION_URI = 'https://github.com/maturion/ismslint';
const SRCROOT = '%SRCROOT%';
/** Bump when the fingerprint recipe changes, so code scanning does not match old and new hashes. */
const FINGERPRINT_KEY = 'ismslint/v1';

/**
 * SARIF 2.1.0 log with one run. Rules: those that produced a result, by id. Suppressed findings are
 * kept with their suppression, so code scanning shows them as dismissed instead of losing them.
 */
export const sarifChunks: ChunkedFormatter = function* (given) {
  const input = rebased(given);
  const ruleIds = [...new Set(input.findings.map((f) => f.ruleId))].sort();
  const metaById = new Map(input.rules.map((r) => [r.id, r]));
  const rules = ruleIds.map((id) => descriptor(id, metaById.get(id), input));
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const fingerprints = fingerprintsOf(input.findings);

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ismslint',
            version: input.toolVersion,
            semanticVersion: input.toolVersion,
            informationUri: input.informationUri ?? DEFAULT_INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUrl(input.cwd) } },
        results: RESULTS_HERE,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  // The log around its results, then each result indented as `JSON.stringify(log, null, 2)` would place
  // it: no string in JSON holds a raw newline, so indenting one is adding to every line break.
  const text = `${JSON.stringify(log, null, 2)}\n`;
  const at = text.indexOf(RESULTS_PLACEHOLDER);
  if (input.findings.length === 0) {
    yield text.replace(RESULTS_PLACEHOLDER, '"results": []');
    return;
  }
  yield `${text.slice(0, at)}"results": [`;
  for (let i = 0; i < input.findings.length; i++) {
    const f = input.findings[i]!;
    const json = JSON.stringify(result(f, ruleIndex.get(f.ruleId)!, fingerprints[i]!, input), null, 2);
    yield `${i > 0 ? ',' : ''}\n${RESULT_INDENT}${json.replaceAll('\n', `\n${RESULT_INDENT}`)}`;
  }
  yield `\n${RESULTS_CLOSE_INDENT}]${text.slice(at + RESULTS_PLACEHOLDER.length)}`;
};

export const sarif = joined(sarifChunks);

/** Stands for the results in the log's text; quotes inside JSON strings are escaped, so this only matches the key. */
const RESULTS_HERE = 0;
const RESULTS_PLACEHOLDER = '"results": 0';
/** Depth of a result in the log: log, runs, run, results. */
const RESULT_INDENT = ' '.repeat(8);
const RESULTS_CLOSE_INDENT = ' '.repeat(6);

function descriptor(id: string, meta: RuleMeta | undefined, input: FormatInput) {
  const helpUri = input.helpUri(id);
  if (!meta) return { id, name: pascalCase(id), shortDescription: { text: id }, helpUri };
  const controls = meta.compliance.length > 0 ? meta.compliance.join(', ') : 'none';
  const level = sarifLevel(meta.severity);
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description} Category: ${meta.category}. Compliance: ${controls}.` },
    help: {
      text: `${meta.description}\n\nCategory: ${meta.category}\nRecommended severity: ${level}\nCompliance: ${controls}\n\nDocumentation: ${helpUri}`,
      markdown: [
        `**${id}**: ${meta.description}`,
        '',
        `| Category | Recommended | Compliance |`,
        `| --- | --- | --- |`,
        `| ${meta.category} | ${level} | ${controls} |`,
        '',
        `[Rule documentation](${helpUri})`,
      ].join('\n'),
    },
    helpUri,
    defaultConfiguration: { level },
    properties: { tags: [...new Set([meta.category, ...meta.compliance])] },
  };
}

function result(f: Finding, ruleIndex: number, fingerprint: string, input: FormatInput) {
  const edits = f.fix ? fixEdits(f.fix, input.sources) : [];
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: messageText(f.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.loc.file),
          region: {
            startLine: Math.max(1, f.loc.line),
            startColumn: Math.max(1, f.loc.column),
            endLine: Math.max(1, f.loc.endLine),
            endColumn: Math.max(1, f.loc.endColumn),
          },
        },
        ...(f.logical ? { logicalLocations: [{ fullyQualifiedName: f.logical, kind: logicalKind(f.logical) }] } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(f.fix && edits.length > 0 ? { fixes: [sarifFix(fixText(f.fix), edits)] } : {}),
    ...(f.suppression
      ? {
          suppressions: [{ kind: f.suppression.kind, ...(f.suppression.justification ? { justification: f.suppression.justification } : {}) }],
        }
      : {}),
  };
}

/** SARIF §3.55: one artifactChange per file, each replacement a region (here by character offset) and its new text. */
function sarifFix(description: string, edits: TextEdit[]) {
  const files = [...new Set(edits.map((e) => e.file))];
  return {
    description: { text: description },
    artifactChanges: files.map((file) => ({
      artifactLocation: artifactLocation(file),
      replacements: edits.filter((e) => e.file === file).map((e) => ({ deletedRegion: { charOffset: e.offset, charLength: e.length }, insertedContent: { text: e.text } })),
    })),
  };
}

function sarifLevel(severity: 'error' | 'warn'): 'error' | 'warning' {
  return severity === 'error' ? 'error' : 'warning';
}

/** `schema.table` is a table, `schema.table.x` something inside it; more dots: a name containing dots. */
export function logicalKind(name: string): 'table' | 'column' | 'object' {
  const dots = name.split('.').length - 1;
  return dots === 1 ? 'table' : dots === 2 ? 'column' : 'object';
}

/** SARIF reads `[text](target)` in plain text as an embedded link; literal brackets are escaped (§3.11.6). */
function messageText(text: string): string {
  return text.replace(/[[\]]/g, (b) => `\\${b}`);
}

/** A relative path becomes a percent-encoded URI reference under %SRCROOT%. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUrl(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
