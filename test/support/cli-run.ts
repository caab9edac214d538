import { resolve } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { CommandIO } from '../../src/commands/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, as `bin/ismslint.js` would, recording what it prints. */
export async function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; isTTY?: boolean; stderrIsTTY?: boolean; columns?: number } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    cwd: opts.cwd ?? resolve(__dirname, '..', '..'),
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    columns: opts.columns,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** Findings of a `--format json` run as `file:line:column rule-id`, file relative to `base`. */
export function jsonFindings(stdout: string, base: string): string[] {
  const files = JSON.parse(stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string }[] }[];
  return files.flatMap((f) => f.messages.map((m) => `${f.filePath.slice(base.length + 1)}:${m.line}:${m.column} ${m.ruleId}`));
}
