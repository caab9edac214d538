import type { SeveritySetting } from '../finding.js';
import type { Standard } from '../standard.js';

export type RuleEntry = SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>];

/** The configuration file as written. */
export interface ConfigFile {
  $schema?: string;
  extends?: string | string[];
  roots?: string[];
  ignorePatterns?: string[];
  extensions?: string[];
  moduleOrder?: string[];
  migrations?: { include?: string[]; exclude?: string[] };
  qa?: { outDir?: string; mutationThreshold?: number };
  standard?: Partial<Omit<Standard, 'auditColumns'>> & { auditColumns?: Partial<Standard['auditColumns']> };
  rules?: Record<string, RuleEntry>;
  overrides?: { files?: string[]; modules?: string[]; rules: Record<string, RuleEntry> }[];
}

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

export interface ResolvedOverride {
  files: string[];
  modules: string[];
  rules: Map<string, Partial<RuleSetting>>;
}

export interface ResolvedConfig {
  /** Directory that relative roots and globs are resolved against. */
  baseDir: string;
  file?: string;
  roots: string[];
  ignorePatterns: string[];
  /** PostgreSQL extensions installed on the target database: their types are known to the SQL replay. */
  extensions: string[];
  /** Modules replayed first, in this order (the rest follow in deployment order). */
  moduleOrder: string[];
  /** Globs (relative to a module directory) choosing its migration files. */
  migrations: { include?: string[]; exclude?: string[] };
  /** Where `ismslint generate-tests` writes the suites (relative to baseDir) when --out is not given. */
  qaOutDir: string;
  /** The mutation score in percent below which `ismslint test --mutation` fails, when --mutation-threshold is not given. */
  qaMutationThreshold: number;
  standard: Standard;
  rules: Map<string, RuleSetting>;
  overrides: ResolvedOverride[];
}

/** `qa.mutationThreshold` when the configuration does not set it. */
export const DEFAULT_MUTATION_THRESHOLD = 95;

/** A problem with the configuration or the command line: a one-line message, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
