// The command-line tool caps V8's young generation (src/process-tuning/young-generation.ts) at the
// moments the sources announce. V8 flags are process-wide and other test files start isolates of their
// own, so each case runs in a fresh Node process, on the build.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const dist = join(resolve(__dirname, '..'), 'dist');
const built = (path: string) => JSON.stringify(pathToFileURL(join(dist, path)).href);

async function inFreshNode(script: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
  return stdout.trim();
}

/**
 * New-space size after a replay-like run: the cap is set (or not), then a second isolate starts (which
 * resets V8's growth factor; 'online' means its heap is configured), then objects that survive are
 * allocated "file" by "file", each announced on the sources' channel as the replay does.
 */
async function newSpaceMb(cap: boolean): Promise<number> {
  return Number(
    await inFreshNode(`
      import { Worker } from 'node:worker_threads';
      import { getHeapSpaceStatistics } from 'node:v8';
      const { capYoungGeneration } = await import(${built('src/process-tuning/young-generation.js')});
      const { replayingFile } = await import(${built('src/sources/events.js')});
      if (${cap}) capYoungGeneration();
      const worker = new Worker('setTimeout(() => {}, 50)', { eval: true });
      await new Promise((resolve) => worker.once('online', resolve));
      const kept = [];
      for (let file = 0; file < 300; file++) {
        replayingFile.publish('file_' + file + '.sql');
        for (let i = 0; i < 10000; i++) kept.push({ file, i, name: 'column_' + i });
      }
      const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      console.log(space.space_size / 1024 / 1024);
      process.exit(0);
    `),
  );
}

describe('young generation cap', () => {
  it('keeps the new space at two 4 MB semi-spaces, also after another isolate has started', async () => {
    expect(await newSpaceMb(true)).toBeLessThanOrEqual(9);
  });

  it('is off unless capYoungGeneration was called: V8 then grows the new space well past it', async () => {
    expect(await newSpaceMb(false)).toBeGreaterThan(16);
  });
});

describe('process tuning', () => {
  /** Whether anything listens on the channels the sources and the parser publish on, after `setup`. */
  const listened = (setup: string) =>
    inFreshNode(`
      import { hasSubscribers } from 'node:diagnostics_channel';
      const { run, tuneProcessForLint } = await import(${built('bundle/ismslint.js')});
      ${setup}
      const channels = ['ismslint:sources:replaying-file', 'ismslint:sources:parser-thread-created', 'ismslint:sources:parser-thread-ready', 'ismslint:model:parser-compilation-start', 'ismslint:model:parser-compilation-end'];
      console.log(JSON.stringify(channels.map(hasSubscribers)));
    `).then((out) => JSON.parse(out) as boolean[]);

  it('subscribes to every channel in the entry that bin/ismslint.js calls before run()', async () => {
    expect(await listened('tuneProcessForLint();')).toEqual([true, true, true, true, true]);
  });

  it('is not applied by run(), which tests and library users call', async () => {
    const subscribed = await listened(`await run(['--version'], { cwd: process.cwd(), env: {}, isTTY: false, stdout: () => {}, stderr: () => {} });`);
    expect(subscribed).toEqual([false, false, false, false, false]);
  });
});
