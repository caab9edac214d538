import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { logicalKind, sarif, SARIF_SCHEMA } from './sarif.js';
import { CWD, finding, input } from './test-input.js';

/**
 * The SARIF 2.1.0 JSON schema as Microsoft, whose staff edit the standard, ship it in
 * @microsoft/jest-sarif (sarif-2.1.0-rtm.5.json). It is written in draft-04; the keywords it uses
 * mean the same in draft-07 except `id`, so Ajv's default dialect validates it once `id` becomes
 * `$id`. One of its patterns is not a valid Unicode-mode RegExp, hence `unicodeRegExp: false`.
 */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(path, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormatsModule.default(ajv);
  return ajv.compile({ $id: id, ...schema });
}
const validate = sarifValidator();

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const findings = [
  finding({ file: 'module-schemas/vendor/migrations/001_init.sql', at: [3, 3, 3, 12], message: 'fk has no index', logical: 'public.vendor_contact.vendor_id' }),
  finding({ file: 'module-schemas/vendor/migrations/001_init.sql', at: [4, 8, 4, 19], ruleId: 'prefer-text', severity: 'warn', message: 'use text', logical: 'public.vendor_contact' }),
  finding({ file: 'module-schemas/vendor/migrations/002 fix.sql', at: [1, 1, 1, 7], ruleId: 'parse-error', message: 'syntax error' }),
  finding({ file: 'module-schemas/vendor/migrations/002 fix.sql', at: [2, 1, 2, 4], message: 'waived', logical: 'public.vendor', suppression: { kind: 'inSource', justification: 'legacy table' } }),
];

describe('sarif', () => {
  it('is valid against the SARIF 2.1.0 schema', () => {
    expectValid(JSON.parse(sarif(input(findings))));
    expectValid(JSON.parse(sarif(input([]))));
  });

  it('has a validator that really rejects broken logs', () => {
    const log = JSON.parse(sarif(input(findings)));
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes the tool and each rule that produced a result, in id order', () => {
    const log = JSON.parse(sarif(input(findings, {}, { informationUri: 'https://example.test/ismslint' })));
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect([driver.name, driver.version, driver.semanticVersion, driver.informationUri]).toEqual(['ismslint', '1.2.3', '1.2.3', 'https://example.test/ismslint']);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['foreign-key-index', 'parse-error', 'prefer-text']);
    expect(driver.rules[0]).toEqual({
      id: 'foreign-key-index',
      name: 'ForeignKeyIndex',
      shortDescription: { text: 'Description of foreign-key-index.' },
      fullDescription: { text: 'Description of foreign-key-index. Category: integrity. Compliance: ISO 27001 A.8.15, NIST CSF PR.AC-4.' },
      help: {
        text: expect.stringContaining('Documentation: https://example.test/rules/foreign-key-index/README.md'),
        markdown: expect.stringContaining('[Rule documentation](https://example.test/rules/foreign-key-index/README.md)'),
      },
      helpUri: 'https://example.test/rules/foreign-key-index/README.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['integrity', 'ISO 27001 A.8.15', 'NIST CSF PR.AC-4'] },
    });
    expect(driver.rules[2].defaultConfiguration).toEqual({ level: 'warning' });
    expect(driver.rules[2].properties).toEqual({ tags: ['types'] });
  });

  it('reports results with physical and logical locations under %SRCROOT%', () => {
    const run = JSON.parse(sarif(input(findings))).runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${CWD}/` } });
    const [fk, text, parse] = run.results;
    expect(fk).toMatchObject({
      ruleId: 'foreign-key-index',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'fk has no index' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'module-schemas/vendor/migrations/001_init.sql', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 12 },
          },
          logicalLocations: [{ fullyQualifiedName: 'public.vendor_contact.vendor_id', kind: 'column' }],
        },
      ],
    });
    expect(text.ruleIndex).toBe(2);
    expect(text.level).toBe('warning');
    expect(text.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'public.vendor_contact', kind: 'table' }]);
    expect(parse.locations[0].logicalLocations).toBeUndefined();
    expect(parse.locations[0].physicalLocation.artifactLocation.uri).toBe('module-schemas/vendor/migrations/002%20fix.sql');
    expect(fk.suppressions).toBeUndefined();
  });

  it('keeps a suppressed finding, marked with its suppression', () => {
    const waived = JSON.parse(sarif(input(findings))).runs[0].results[3];
    expect(waived.message.text).toBe('waived');
    expect(waived.suppressions).toEqual([{ kind: 'inSource', justification: 'legacy table' }]);
    const external = finding({ suppression: { kind: 'external', justification: '' } });
    const log = JSON.parse(sarif(input([external])));
    expect(log.runs[0].results[0].suppressions).toEqual([{ kind: 'external' }]);
    expectValid(log);
  });

  it('fingerprints results by rule, object and message, not by line', () => {
    const moved = findings.map((f) => ({ ...f, loc: { ...f.loc, line: f.loc.line + 10, endLine: f.loc.endLine + 10 } }));
    const prints = (fs: typeof findings) => JSON.parse(sarif(input(fs))).runs[0].results.map((r: { partialFingerprints: object }) => r.partialFingerprints);
    expect(prints(moved)).toEqual(prints(findings));
    const all = prints(findings).map((p: Record<string, string>) => p['ismslint/v1']);
    expect(new Set(all).size).toBe(all.length);
    expect(all[0]).toMatch(/^[0-9a-f]{32}:1$/);
    // The same problem twice in one file stays two distinct results.
    const twice = prints([finding({ at: [1, 1] }), finding({ at: [9, 1] })]).map((p: Record<string, string>) => p['ismslint/v1']);
    expect(twice[0].replace(/:1$/, ':2')).toBe(twice[1]);
  });

  it('derives the logical location kind from the dotted name', () => {
    expect(logicalKind('public.vendor')).toBe('table');
    expect(logicalKind('public.vendor.vendor_id')).toBe('column');
    expect(logicalKind('public.a.b.c')).toBe('object');
  });

  it('describes a rule missing from the catalogue minimally but validly', () => {
    const log = JSON.parse(sarif(input([finding({ ruleId: 'unknown-thing' })])));
    expect(log.runs[0].tool.driver.rules).toEqual([
      { id: 'unknown-thing', name: 'UnknownThing', shortDescription: { text: 'unknown-thing' }, helpUri: 'https://example.test/rules/unknown-thing/README.md' },
    ]);
    expectValid(log);
  });

  it('uses an absolute file URL for a file outside the working directory', () => {
    const log = JSON.parse(sarif(input([finding({ file: '/elsewhere/my file.sql' })])));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/my%20file.sql' });
    expectValid(log);
  });

  it('gives a fix as artifactChanges: the statement inserted into the new migration, the schema.json edit in place', () => {
    const json = '{\n  "tables": [\n    { "name": "vendor", "rls": { "enabled": false } }\n  ]\n}\n';
    const sql = finding({ at: [3, 3], message: 'fk has no index', fix: { kind: 'sql', sql: 'CREATE INDEX idx_a_b ON a (b)', file: 'db/migrations/002_ismslint_fixes.sql' } });
    const edit = finding({
      file: 'mod/schema.json',
      at: [3, 17],
      ruleId: 'rls-enabled',
      message: 'no RLS',
      fix: { kind: 'json', file: 'mod/schema.json', op: 'set', path: ['tables', 0, 'rls', 'enabled'], value: true },
    });
    const log = JSON.parse(sarif(input([sql, edit], { 'mod/schema.json': json })));
    expectValid(log);
    const [created, edited] = log.runs[0].results.map((r: { fixes: unknown[] }) => r.fixes);
    expect(created).toEqual([
      {
        description: { text: 'CREATE INDEX idx_a_b ON a (b);' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'db/migrations/002_ismslint_fixes.sql', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { charOffset: 0, charLength: 0 }, insertedContent: { text: 'CREATE INDEX idx_a_b ON a (b);\n' } }],
          },
        ],
      },
    ]);
    expect(edited[0].description).toEqual({ text: 'set tables[0].rls.enabled to true' });
    const [{ deletedRegion, insertedContent }] = edited[0].artifactChanges[0].replacements;
    const applied = json.slice(0, deletedRegion.charOffset) + insertedContent.text + json.slice(deletedRegion.charOffset + deletedRegion.charLength);
    expect(JSON.parse(applied).tables[0].rls.enabled).toBe(true);
  });

  it('is deterministic, 2-space indented JSON', () => {
    const out = sarif(input(findings));
    expect(out).toBe(sarif(input(findings)));
    expect(out.startsWith('{\n  "$schema": ')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
  });
});
