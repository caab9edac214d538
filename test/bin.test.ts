// The executable users run: bin/ismslint.js loads the bundle `npm run build` makes, which parses big
// workspaces on a second thread. Its report must be the one the sources give in-process, byte for byte.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's corpus generator is plain JavaScript
import { writeCorpus } from '../bench/corpus.js';
import { run } from '../src/cli/main.js';
import { recordingIO } from './support/command-io.js';
import { readLintJson } from './support/lint-json.js';

const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'ismslint-bin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function inProcess(args: string[]): Promise<{ code: number; stdout: string }> {
  const io = recordingIO(work);
  const code = await run(args, io);
  return { code, stdout: io.out };
}

async function viaBin(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bin', 'ismslint.js'), ...args], { cwd: work, maxBuffer: 64 << 20 });
    return { code: 0, stdout };
  } catch (e) {
    const exited = e as { code: number; stdout: string };
    return { code: exited.code, stdout: exited.stdout };
  }
}

describe('bin/ismslint.js', () => {
  it('reports on a workspace big enough for two parser threads exactly as the sources do in-process', async () => {
    // ~1.1 MB of SQL: past the size from which the bundle parses on a second thread.
    writeCorpus(join(work, 'ws'), 1000);
    const bad = join(work, 'ws', 'zz_findings', 'migrations');
    mkdirSync(bad, { recursive: true });
    writeFileSync(
      join(bad, '001_bad.sql'),
      `CREATE TABLE "Vendor" (id serial PRIMARY KEY, m000_t000_id uuid REFERENCES m000_t000 (id));
CREATE TABLE oops (;
-- ismslint-disable-next-line prefer-text -- the importer's limit
CREATE TABLE vendor_note (id uuid PRIMARY KEY, body varchar(200));`,
    );
    const args = ['lint', 'ws', '--format', 'json'];
    const [shipped, sources] = [await viaBin(args), await inProcess(args)];
    expect(sources.code).toBe(1);
    const rules = new Set(readLintJson(sources.stdout).flatMap((f) => f.messages.map((m) => m.ruleId)));
    expect([...rules]).toEqual(expect.arrayContaining(['parse-error', 'primary-key-uuid-v7', 'no-cross-module-foreign-key', 'rls-enabled']));
    expect(shipped.code).toBe(1);
    expect(shipped.stdout).toBe(sources.stdout);
  });
});
