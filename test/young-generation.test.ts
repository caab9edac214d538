// The CLI caps V8's young generation (src/engine/young-generation.ts). V8 flags are process-wide and
// other test files start isolates of their own, so each case runs in a fresh Node process, on the build.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const built = pathToFileURL(join(resolve(__dirname, '..'), 'dist', 'src', 'engine', 'young-generation.js')).href;

/**
 * New-space size after a replay-like run: the cap is set, then a second isolate starts (which resets
 * V8's growth factor; 'online' means its heap is configured), then objects that survive are allocated
 * "file" by "file" with the cap kept between files.
 */
async function newSpaceMb(cap: boolean): Promise<number> {
  const script = `
    import { Worker } from 'node:worker_threads';
    import { getHeapSpaceStatistics } from 'node:v8';
    const { capYoungGeneration, keepYoungGenerationSmall } = await import(${JSON.stringify(built)});
    if (${cap}) capYoungGeneration();
    const worker = new Worker('setTimeout(() => {}, 50)', { eval: true });
    await new Promise((resolve) => worker.once('online', resolve));
    const kept = [];
    for (let file = 0; file < 300; file++) {
      keepYoungGenerationSmall();
      for (let i = 0; i < 10000; i++) kept.push({ file, i, name: 'column_' + i });
    }
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    console.log(space.space_size / 1024 / 1024);
    process.exit(0);
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
  return Number(stdout.trim());
}

describe('young generation cap', () => {
  it('keeps the new space at two 4 MB semi-spaces, also after another isolate has started', async () => {
    expect(await newSpaceMb(true)).toBeLessThanOrEqual(9);
  });

  it('is off unless capYoungGeneration was called: V8 then grows the new space well past it', async () => {
    expect(await newSpaceMb(false)).toBeGreaterThan(16);
  });
});
