import { describe, expect, it } from 'vitest';
import { recordingIO } from '../../test/support/command-io.js';
import { progress } from './progress.js';

describe('progress on standard error', () => {
  const run = (stderrIsTTY: boolean, times: number[], env: NodeJS.ProcessEnv = {}) => {
    const io = Object.assign(recordingIO('/'), { stderrIsTTY, env });
    let i = 0;
    const p = progress(io, () => times[Math.min(i++, times.length - 1)]!);
    for (let step = 1; step <= times.length - 1; step++) p.update('reading files', step, times.length - 1);
    p.done();
    return io.err;
  };

  it('is silent for the first second', () => {
    expect(run(true, [0, 100, 500, 900])).toBe('');
  });

  it('shows steps in place after a second, at most every 100 ms, and erases itself', () => {
    expect(run(true, [0, 1000, 1050, 1200, 1250])).toBe('\r\x1b[Kismslint: reading files 1/4…\r\x1b[Kismslint: reading files 3/4…\r\x1b[K');
  });

  it('never when standard error is not a terminal, or under CI', () => {
    expect(run(false, [0, 5000, 9000])).toBe('');
    expect(run(true, [0, 5000, 9000], { CI: 'true' })).toBe('');
  });
});
