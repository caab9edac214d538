import type { CommandIO } from '../../src/commands/io.js';

/** A CommandIO that records what a command prints. */
export function recordingIO(cwd: string): CommandIO & { out: string; err: string } {
  const io = {
    cwd,
    env: {},
    isTTY: false,
    out: '',
    err: '',
    stdout: (s: string) => void (io.out += s),
    stderr: (s: string) => void (io.err += s),
  };
  return io;
}
