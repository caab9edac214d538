import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { runDocs } from '../commands/docs.js';
import { runInit } from '../commands/init.js';
import type { CommandIO } from '../commands/io.js';
import { runSql } from '../commands/sql.js';
import { loadWorkspace } from '../commands/workspace.js';
import { loadConfig } from '../engine/config/load.js';
import { allRules } from '../../rules/index.js';

/** `sql`, `docs` and `init`: generators over the same model `lint` builds. */
export function extraCommands(cli: Argv<any>, io: CommandIO, setExit: (code: number) => void): void {
  cli
    .command(
      'sql <module>',
      'Generate PostgreSQL DDL for a module (a module name in the workspace, or a module directory)',
      (y) =>
        y
          .positional('module', { type: 'string', demandOption: true })
          .option('out', { type: 'string', describe: 'Write to this file instead of stdout' })
          .option('root', { type: 'string', array: true, describe: 'Workspace directories to load (default: roots from the config)' }),
      async (args) => {
        const asPath = /[/\\]/.test(args.module as string) || (args.module as string).startsWith('.');
        const { model } = await loadWorkspace(io, { paths: asPath ? [args.module as string] : ((args.root as string[]) ?? []), config: args.config as string | undefined });
        const name = asPath ? model.catalog.modules.find((m) => resolve(io.cwd, m.dir) === resolve(io.cwd, args.module as string))?.name ?? (args.module as string) : (args.module as string);
        setExit(await runSql(io, { model, module: name, out: args.out as string | undefined }));
      },
    )
    .command(
      'docs [modules..]',
      'Generate tables.md, fields.md and relationships.md (with a Mermaid ER diagram) per module',
      (y) =>
        y
          .positional('modules', { type: 'string', array: true, default: [], describe: 'Module names (default: all)' })
          .option('out', { type: 'string', default: 'reports/docs', describe: 'Output directory' })
          .option('root', { type: 'string', array: true, describe: 'Workspace directories to load (default: roots from the config)' }),
      async (args) => {
        const { model, config } = await loadWorkspace(io, { paths: (args.root as string[]) ?? [], config: args.config as string | undefined });
        const modules = (args.modules as string[]).length ? (args.modules as string[]) : model.catalog.modules.map((m) => m.name);
        setExit(await runDocs(io, { model, modules, outDir: resolve(io.cwd, args.out as string), standard: config.standard }));
      },
    )
    .command(
      'init <module>',
      'Scaffold <root>/<module>/schema.json with one compliant example table',
      (y) => y.positional('module', { type: 'string', demandOption: true }).option('root', { type: 'string', describe: 'Workspace directory (default: the first root in the config)' }),
      async (args) => {
        let root = args.root as string | undefined;
        if (root === undefined) {
          const config = loadConfig(allRules, { cwd: io.cwd, configPath: args.config as string | undefined });
          root = resolve(config.baseDir, config.roots[0] ?? 'module-schemas');
        }
        setExit(await runInit(io, { module: args.module as string, root: resolve(io.cwd, root) }));
      },
    );
}
