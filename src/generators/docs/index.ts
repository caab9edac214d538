/**
 * `ismslint docs`: tables.md, fields.md, relationships.md, validation-rules.md and versioning.md for one module, from the schema model,
 * so DDL-only modules are documented too (descriptions come from COMMENT ON). Pure and deterministic.
 */
import type { Catalog } from '../../model/catalog.js';
import { DEFAULT_STANDARD, type Standard } from '../../engine/standard.js';
import { fieldsMd } from './fields-md.js';
import { moduleTables } from './model-text.js';
import { relationshipsMd } from './relationships-md.js';
import { tablesMd } from './tables-md.js';
import { validationRulesMd } from './validation-rules-md.js';
import { versioningMd } from './versioning-md.js';

export interface GenerateDocsOptions {
  /** Names of the standard, for each table's kind where the model does not declare it. */
  standard?: Standard;
}

export function generateModuleDocs(catalog: Catalog, moduleName: string, options: GenerateDocsOptions = {}): Map<string, string> {
  if (!catalog.modules.some((m) => m.name === moduleName)) throw new Error(`unknown module "${moduleName}"`);
  const tables = moduleTables(catalog, moduleName);
  return new Map([
    ['tables.md', tablesMd(moduleName, tables, options.standard ?? DEFAULT_STANDARD, catalog.modules.find((m) => m.name === moduleName)?.description)],
    ['fields.md', fieldsMd(moduleName, tables)],
    ['relationships.md', relationshipsMd(catalog, moduleName, tables)],
    ['validation-rules.md', validationRulesMd(moduleName, tables, options.standard ?? DEFAULT_STANDARD)],
    ['versioning.md', versioningMd(catalog, moduleName, tables)],
  ]);
}
