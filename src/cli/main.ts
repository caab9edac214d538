import yargs from 'yargs';
import { UsageError } from '../engine/config/types.js';
import type { CommandIO } from '../commands/io.js';
import { runLint } from '../commands/lint.js';
import { toolVersion } from '../package-info.js';
import { extraCommands } from './extra-commands.js';

function processIO(): CommandIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/**
 * Parse arguments and run one command. Returns the exit code: 0 clean, 1 findings fail the gate,
 * 2 usage, configuration or I/O problem (one line on stderr; the stack only with --debug).
 */
export async function run(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = 0;
  try {
    const cli = yargs(argv)
      .scriptName('ismslint')
      .usage('$0 <command> [options]')
      .version(toolVersion)
      .option('config', { type: 'string', describe: 'Path to ismslint.config.json (default: nearest one from the working directory up)' })
      .option('debug', { type: 'boolean', describe: 'Show stack traces of internal errors' })
      .command(
        ['lint [paths..]', '$0 [paths..]'],
        'Lint modules (schema.json and migrations/*.sql) against the database standard',
        (y) =>
          y
            .positional('paths', { type: 'string', array: true, default: [], describe: 'Module or workspace directories, or files (default: roots from the config, module-schemas/)' })
            .option('format', { alias: 'f', type: 'string', default: 'stylish', describe: 'stylish | json | sarif | github' })
            .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report to this file (atomically) instead of stdout' })
            .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
            .option('max-warnings', { type: 'number', describe: 'Fail (exit 1) when there are more warnings than this' })
            .option('color', { type: 'boolean', describe: 'Force colour on or off (default: on for a terminal, off under NO_COLOR)' }),
        async (args) => {
          const r = await runLint(io, {
            paths: (args.paths as string[]) ?? [],
            config: args.config,
            format: args.format,
            outputFile: args['output-file'],
            quiet: args.quiet,
            maxWarnings: args['max-warnings'],
            color: args.color,
          });
          exitCode = r.exitCode;
        },
      );
    extraCommands(cli, io, (code) => (exitCode = code));
    await cli
      .strict()
      .demandCommand(1)
      .help()
      .alias('h', 'help')
      .wrap(Math.min(100, process.stdout.columns || 100))
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new UsageError(msg);
      })
      .parseAsync();
    return exitCode;
  } catch (e: any) {
    if (e instanceof UsageError || e?.name === 'YError') {
      io.stderr(`ismslint: ${e.message}\n`);
      if (debug && e.stack) io.stderr(e.stack + '\n');
      return 2;
    }
    io.stderr(`ismslint: internal error: ${e?.message ?? e}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && e?.stack) io.stderr(e.stack + '\n');
    return 2;
  }
}
