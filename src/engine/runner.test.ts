// Several runs of the rules over one catalog (`ismslint check` lints and reports from one load) give
// the same findings as the first: names a run's fixes claim are not taken from the next.
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { ddlModule } from '../../test/support/generator-fixture.js';
import { buildModel } from '../sources/build.js';
import { loadParser } from '../sources/sql/parser.js';
import { resolveConfig } from './config/load.js';
import { runRules } from './runner.js';

beforeAll(() => loadParser());

describe('runRules', () => {
  it('gives the same findings and fixes on every run over one catalog', () => {
    const sql = `CREATE TABLE vendor (id uuid PRIMARY KEY, name text, owner_id uuid REFERENCES vendor (id));
CREATE INDEX vendor_name_index ON vendor (name);
`;
    const model = buildModel([ddlModule('m', sql)], 'global');
    const run = () => runRules({ catalog: model.catalog, rules: allRules, config: resolveConfig({}, allRules, '/'), sourceFindings: model.findings, directives: model.directives });
    const first = run();
    // A rename that claims its name, and an index that claims its own.
    expect(first.find((f) => f.ruleId === 'index-name-pattern')?.fix).toMatchObject({ kind: 'sql', sql: 'ALTER INDEX vendor_name_index RENAME TO idx_vendor_name' });
    expect(first.find((f) => f.ruleId === 'foreign-key-index')?.fix).toMatchObject({ kind: 'sql', sql: 'CREATE INDEX idx_vendor_owner_id ON vendor (owner_id)' });
    expect(run()).toEqual(first);
  });
});
