// One lint on a single thread, through the sources' own functions and with the V8 settings the CLI
// uses, but without the parser thread: its work is then the same on every run, which is what
// bench/instructions.js counts. Prints the build and rule times as JSON.
import { resolve } from 'node:path';
import { allRules } from '../dist/rules/index.js';
import { loadConfig } from '../dist/src/engine/config/load.js';
import { runRules } from '../dist/src/engine/runner.js';
import { buildModel } from '../dist/src/sources/build.js';
import { createSchemaJsonLoader } from '../dist/src/sources/schema-json/index.js';
import { loadParser } from '../dist/src/sources/sql/parser.js';
import { discoverModules } from '../dist/src/sources/workspace.js';
import { tuneProcessForLint } from '../dist/src/process-tuning/index.js';

tuneProcessForLint();
const cwd = process.cwd();
const config = loadConfig(allRules, { cwd });
const { modules } = discoverModules([resolve(process.argv[2])], { cwd, baseDir: config.baseDir, ignorePatterns: config.ignorePatterns });
await loadParser();
const started = performance.now();
const model = buildModel(modules, config.standard.globalModule, createSchemaJsonLoader({ today: '2026-01-01' }));
const built = performance.now();
const findings = runRules({ catalog: model.catalog, rules: allRules, config, sourceFindings: model.findings, directives: model.directives });
process.stdout.write(JSON.stringify({ buildMs: built - started, rulesMs: performance.now() - built, findings: findings.length }) + '\n');
