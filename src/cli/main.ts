import { parseArgs } from 'node:util';
import type { CommandIO } from '../commands/io.js';
import { UsageError } from '../engine/config/types.js';
import { toolVersion } from '../package-info.js';
import { fsReason, isFsError } from '../engine/fs-error.js';
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec, type Values } from './commands.js';
import { commandHelp, generalHelp } from './help.js';

function processIO(): CommandIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns || process.stderr.columns || undefined,
  };
}

function parse(command: CommandSpec, args: string[]): { positionals: string[]; values: Values } {
  const specs: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, ...command.options };
  const options = Object.fromEntries(Object.entries(specs).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]));
  let parsed: { positionals: string[]; values: unknown };
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, specs), options, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs' own wording, in one line, minus its advice about `--`, which does not apply here.
    throw new UsageError(
      String((e as Error).message)
        .replace(/\. To specify a positional argument.*$/s, '')
        .replace(/^Unknown option/, 'unknown option')
        .split('\n')[0]!,
    );
  }
  const values = parsed.values as Values;
  for (const [name, o] of Object.entries(specs)) if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
  return { positionals: parsed.positionals, values };
}

/** `--max-warnings -1` as `--max-warnings=-1`: parseArgs takes a value that starts with `-` for an option. */
function joinNegativeValues(args: string[], specs: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    if (a === '--') return [...out, ...args.slice(i)];
    if (a.startsWith('--') && !a.includes('=') && specs[a.slice(2)]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Whether an option token (`--config`, `-f`) takes the next argument as its value, in any command. */
function takesValue(token: string): boolean {
  const all = [GLOBAL_OPTIONS, ...COMMANDS.map((c) => c.options)];
  if (token.startsWith('--')) return all.some((o) => o[token.slice(2)]?.type === 'string');
  return token.length === 2 && all.some((o) => Object.values(o).some((s) => s.short === token[1] && s.type === 'string'));
}

/**
 * The command word is the first argument that is not an option or an option's value, so global
 * options may come before it (`ismslint --config c.json lint`). Anything else first means `lint`.
 */
export function splitCommandWord(argv: string[]): { command?: CommandSpec; args: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-') && a !== '-') {
      if (!a.includes('=') && takesValue(a)) i++;
      continue;
    }
    const command = COMMANDS.find((c) => c.name === a);
    return command ? { command, args: [...argv.slice(0, i), ...argv.slice(i + 1)] } : { args: argv };
  }
  return { args: argv };
}

/**
 * Parse arguments and run one command. Returns the exit code: 0 clean, 1 findings fail the gate,
 * 2 usage, configuration or I/O problem (one line on stderr; the stack only with --debug).
 */
export async function run(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const { command, args } = splitCommandWord(argv);
    // No command word: `lint`, with everything as its paths and options.
    return await runCommand(command ?? COMMANDS[0]!, args, io, !command);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`ismslint: ${e.message}\n`);
      if (debug && e.stack) io.stderr(e.stack + '\n');
      return 2;
    }
    if (isFsError(e)) {
      // A file-system problem the command did not word itself is still the user's to fix, not a bug.
      io.stderr(`ismslint: cannot ${e.syscall}${e.path ? ` ${e.path}` : ''}: ${fsReason(e)}\n`);
      if (debug && e.stack) io.stderr(e.stack + '\n');
      return 2;
    }
    const err = e as { message?: unknown; stack?: string } | null | undefined;
    const reason = err?.message ?? String(e);
    io.stderr(`ismslint: internal error: ${reason}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && err?.stack) io.stderr(err.stack + '\n');
    return 2;
  }
}

async function runCommand(command: CommandSpec, args: string[], io: CommandIO, implicit: boolean): Promise<number> {
  const { positionals, values } = parse(command, args);
  if (values.version) {
    io.stdout(toolVersion + '\n');
    return 0;
  }
  if (values.help) {
    io.stdout(implicit ? generalHelp() : commandHelp(command));
    return 0;
  }
  const p = command.positionals;
  if (p.required && positionals.length === 0) throw new UsageError(`${command.name}: missing <${p.name}> (usage: ${command.usage})`);
  if (!p.variadic && positionals.length > 1) throw new UsageError(`${command.name}: unexpected argument "${positionals[1]}" (usage: ${command.usage})`);
  return command.run(io, positionals, values);
}
