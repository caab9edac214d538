import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { ParseError } from 'jsonc-parser';
import { createAjv, jsoncParser, type SchemaCompiler } from '../lazy.js';
import { describeAjvErrors, pathText } from '../ajv-messages.js';
import { MAX_JSON_DEPTH, tooDeepAt } from '../json-depth.js';
import { closestMatch } from '../suggest.js';
import type { Rule } from '../rule.js';
import { DEFAULT_STANDARD, type Standard } from '../standard.js';
import { PRESETS, presetRules, type PresetName } from './presets.js';
import { buildShapeSchema } from './schema.js';
import type { ConfigFile, ResolvedConfig, RuleEntry, RuleSetting } from './types.js';
import { DEFAULT_MUTATION_THRESHOLD, UsageError } from './types.js';

export const CONFIG_FILE_NAME = 'ismslint.config.json';

/** ismslint.config.json in the directory or the nearest one above it. */
export function findConfigFile(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

let compiler: SchemaCompiler | undefined;
// Rule options use `format` (e.g. `regex` for name patterns), which Ajv ignores without ajv-formats.
const ajv = (): SchemaCompiler => (compiler ??= createAjv());
let shapeValidator: ValidateFunction | undefined;
const optionValidators = new Map<string, ValidateFunction>();

export function loadConfig(rules: Rule[], options: { cwd: string; configPath?: string }): ResolvedConfig {
  const file = options.configPath ? resolve(options.cwd, options.configPath) : findConfigFile(options.cwd);
  if (options.configPath && (!file || !existsSync(file))) throw new UsageError(`config file not found: ${options.configPath}`);
  const raw = file ? readConfigFile(file, options.cwd) : {};
  return resolveConfig(raw, rules, file ? dirname(file) : options.cwd, file ? relative(options.cwd, file) || file : undefined);
}

function readConfigFile(file: string, cwd: string): ConfigFile {
  const shown = relative(cwd, file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`${shown}: cannot read config file (${err.code ?? err.message})`);
  }
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    return `${shown}:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
  };
  const deep = tooDeepAt(text);
  if (deep !== -1) throw new UsageError(`${at(deep)}: config file nested more than ${MAX_JSON_DEPTH} levels deep`);
  const errors: ParseError[] = [];
  const { parse: parseJsonc, printParseErrorCode } = jsoncParser();
  const value = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length) throw new UsageError(`${at(errors[0]!.offset)}: invalid JSON in config file (${printParseErrorCode(errors[0]!.error)})`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${shown}: config must be a JSON object`);
  return value as ConfigFile;
}

/** Validate a configuration object and fold presets, rules and overrides into one resolved configuration. */
export function resolveConfig(raw: ConfigFile, rules: Rule[], baseDir: string, shownName = CONFIG_FILE_NAME): ResolvedConfig {
  // No configuration at all is valid by definition: skip compiling the schema.
  if (Object.keys(raw).length > 0) {
    shapeValidator ??= ajv().compile(buildShapeSchema());
    if (!shapeValidator(raw)) {
      const [first] = describeAjvErrors(shapeValidator.errors);
      throw new UsageError(`${shownName}: ${first?.message ?? 'invalid configuration'}`);
    }
  }
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const presets = raw.extends === undefined ? ['ismslint:recommended'] : Array.isArray(raw.extends) ? raw.extends : [raw.extends];
  let base = new Map<string, RuleSetting>();
  for (const p of presets) {
    if (!PRESETS.includes(p as PresetName)) throw new UsageError(`${shownName}: extends: unknown preset "${p}"`);
    base = presetRules(p as PresetName, rules);
  }
  if (presets.length === 0) base = presetRules('ismslint:recommended', rules);
  for (const [id, entry] of Object.entries(raw.rules ?? {})) {
    const setting = ruleSetting(byId, id, entry, `${shownName}: rules.${id}`);
    const prev = base.get(id)!;
    base.set(id, { severity: setting.severity ?? prev.severity, options: setting.options ?? prev.options });
  }
  const overrides = (raw.overrides ?? []).map((o, i) => ({
    files: o.files ?? [],
    modules: o.modules ?? [],
    rules: new Map(Object.entries(o.rules).map(([id, entry]) => [id, ruleSetting(byId, id, entry, `${shownName}: overrides[${i}].rules.${id}`)])),
  }));
  return {
    baseDir,
    file: shownName,
    roots: raw.roots ?? ['module-schemas'],
    ignorePatterns: raw.ignorePatterns ?? [],
    extensions: raw.extensions ?? [],
    moduleOrder: raw.moduleOrder ?? [],
    migrations: raw.migrations ?? {},
    qaOutDir: raw.qa?.outDir ?? 'qa',
    qaMutationThreshold: raw.qa?.mutationThreshold ?? DEFAULT_MUTATION_THRESHOLD,
    standard: mergeStandard(raw.standard),
    rules: base,
    overrides,
  };
}

function mergeStandard(s: ConfigFile['standard']): Standard {
  return { ...DEFAULT_STANDARD, ...s, auditColumns: { ...DEFAULT_STANDARD.auditColumns, ...s?.auditColumns } };
}

function ruleSetting(byId: Map<string, Rule>, id: string, entry: RuleEntry, where: string): Partial<RuleSetting> {
  const rule = byId.get(id);
  if (!rule) {
    const hint = closestMatch(id, byId.keys(), 3) ?? [...byId.keys()].find((k) => k.includes(id) || id.includes(k));
    throw new UsageError(`${where}: unknown rule id "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
  if (!Array.isArray(entry)) return { severity: entry };
  const [severity, options] = entry;
  if (options === undefined) return { severity };
  let validate = optionValidators.get(id);
  if (!validate) optionValidators.set(id, (validate = ajv().compile(rule.meta.schema)));
  if (!validate(options)) {
    const [first] = describeAjvErrors(validate.errors);
    const path = first?.path.length ? pathText(first.path) : '';
    throw new UsageError(`${where}: invalid options${path ? ` (${path})` : ''}: ${first?.message.replace(/^[^:]*: /, '') ?? 'not valid'}`);
  }
  return { severity, options: { ...rule.meta.defaultOptions, ...options } };
}

/** The setting of a rule for one module and file, after the overrides that match them. */
export function effectiveSetting(config: ResolvedConfig, ruleId: string, module: string | undefined, file: string | undefined, matches: (file: string, globs: string[]) => boolean): RuleSetting {
  let setting = config.rules.get(ruleId) ?? { severity: 'off', options: {} };
  for (const o of config.overrides) {
    const partial = o.rules.get(ruleId);
    if (!partial) continue;
    const hit = (module !== undefined && o.modules.includes(module)) || (file !== undefined && o.files.length > 0 && matches(file, o.files));
    if (hit) setting = { severity: partial.severity ?? setting.severity, options: partial.options ?? setting.options };
  }
  return setting;
}
