import type { CommandSpec, OptionSpec } from './commands.js';
import { COMMANDS, GLOBAL_OPTIONS } from './commands.js';

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` <${o.value}>` : ''}`;
    const def = o.default !== undefined && o.default !== false ? ` (default: ${String(o.default)})` : '';
    return [flag, o.describe + def] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
}

export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: ismslint <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Run `ismslint <command> --help` for the options of a command. With no command, `lint` runs.',
    '',
  ].join('\n');
}

export function commandHelp(c: CommandSpec): string {
  return [`Usage: ${c.usage}`, '', c.summary, '', 'Arguments:', `  ${c.positionals.name}  ${c.positionals.describe}`, '', 'Options:', ...optionLines({ ...c.options, ...GLOBAL_OPTIONS }), ''].join(
    '\n',
  );
}
