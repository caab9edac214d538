// Issue 15: the committed migrations and docs of module-schemas/ are what `ismslint sql` and
// `ismslint docs` generate now, and `ismslint lint` passes on them without a finding: editing a
// schema.json without regenerating (or a generated file by hand) fails here.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { runSql } from '../src/commands/sql.js';
import { loadWorkspace } from '../src/commands/workspace.js';
import type { BuiltModel } from '../src/sources/build.js';
import { recordingIO } from './support/command-io.js';

const root = resolve(__dirname, '..');
const MODULES = [
  'global',
  'integration',
  'pit',
  'erm',
  'risk_assessment',
  'threat',
  'vulnerability',
  'wrac',
  'course_crafter',
  'policy_builder',
  'analytics_remote_assurance',
  'auditor_mobile',
  'skills_portal',
];

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = recordingIO(root);
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

describe('module-schemas/', () => {
  it('lints clean: exit 0, no errors and no warnings under ismslint:recommended', async () => {
    const r = await cli(['lint', '--max-warnings', '0']);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);

  const committed = (module: string) => readFileSync(resolve(root, 'module-schemas', module, 'migrations', '001_init.sql'), 'utf8');

  it('global: migrations/001_init.sql is what `ismslint sql global` prints', async () => {
    expect(await cli(['sql', 'global'])).toEqual({ code: 0, out: committed('global'), err: '' });
  });

  // Each module's DDL from the one workspace the CLI would load for it.
  let workspace: Promise<BuiltModel> | undefined;
  it.each(MODULES)(
    '%s: migrations/001_init.sql is what `ismslint sql` generates from its schema.json',
    async (module) => {
      workspace ??= loadWorkspace(recordingIO(root), { paths: [] }).then((w) => w.model);
      const io = recordingIO(root);
      expect(await runSql(io, { model: await workspace, module })).toBe(0);
      expect(io.err).toBe('');
      expect(io.out).toBe(committed(module));
    },
    60_000,
  );

  it('docs are what `ismslint docs --in-module` generates (ismslint docs --in-module --check)', async () => {
    const r = await cli(['docs', '--in-module', '--check']);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);
});
