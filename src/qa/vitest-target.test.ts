// The vitest target: what the generated file holds is the suite, as data; it type-checks against the
// published `ismslint/qa` types; a hostile schema's names never leave their JSON strings.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleSuites, selectModules } from '../commands/qa-common.js';
import { recordingIO } from '../../test/support/command-io.js';
import type { Suite } from './runtime/index.js';

const root = resolve(__dirname, '../..');
const HOSTILE = 'fixtures/qa/generated/hostile.test.ts';

/** The file with its embedded suite cut out: what is code rather than data. */
function codeOnly(text: string): { code: string; json: string } {
  const start = text.indexOf('const suite: Suite = ') + 'const suite: Suite = '.length;
  const end = text.indexOf(';\n\ndescribe(', start);
  return { code: text.slice(0, start) + text.slice(end), json: text.slice(start, end) };
}

describe('generated vitest suites', () => {
  it('embed exactly the suite the generator built, even for hostile names', async () => {
    const io = recordingIO(root);
    const sel = await selectModules(io, ['fixtures/qa/hostile'], undefined);
    const [m] = moduleSuites(io, sel, resolve(root, 'fixtures/qa/generated'));
    const { code, json } = codeOnly(readFileSync(resolve(root, HOSTILE), 'utf8'));
    expect(JSON.parse(json)).toEqual(m!.suite);
    const names = m!.suite.requirements.map((r) => r.table);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile table name, meant literally
    expect(names).toContain('evil"table*/`${x}`\n-- name');
    // Outside the data, nothing of the schema: no template literal or comment it could have opened.
    expect(code).not.toContain('evil');
    expect(code).not.toContain('child`');
    expect(code.split('\n').filter((l) => l.startsWith('//'))).toHaveLength(4);
  });

  it('are one program, whatever the module: only the module name and the suite differ', () => {
    const generic = (file: string) => {
      const { code, json } = codeOnly(readFileSync(resolve(root, file), 'utf8'));
      const { module } = JSON.parse(json) as Suite;
      const program = code.split('\n').filter((line) => !line.startsWith('//'));
      return program.join('\n').replace(`describe(${JSON.stringify(`module ${module}`)}, `, 'describe(NAME, ');
    };
    const suites = readdirSync(join(root, 'qa')).filter((f) => f.endsWith('.test.ts'));
    expect(suites.length).toBeGreaterThan(1);
    const program = generic(HOSTILE);
    expect(program).toContain('describe(NAME, ');
    for (const file of suites) expect(generic(`qa/${file}`), file).toBe(program);
  });

  // So one committed suite of each kind stands for all of them: the hostile fixture, and a real module.
  it('type-check against the published ismslint/qa types (dist/types)', () => {
    const config = join(root, `tsconfig.generated-check-${process.pid}.json`);
    writeFileSync(config, JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, include: ['qa/global.test.ts', HOSTILE], exclude: [] }));
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const failed = e as { stdout: string; stderr: string };
      throw new Error(`tsc: ${failed.stdout}${failed.stderr}`);
    } finally {
      rmSync(config, { force: true });
    }
  }, 120_000);
});
