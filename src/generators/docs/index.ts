/**
 * `ismslint docs`: tables.md, fields.md and relationships.md for one module, from the schema model,
 * so DDL-only modules are documented too (descriptions come from COMMENT ON). Pure and deterministic.
 */
import type { Catalog } from '../../model/catalog.js';
import { DEFAULT_STANDARD, type Standard } from '../../engine/standard.js';
import { fieldsMd } from './fields-md.js';
import { moduleTables } from './model-text.js';
import { relationshipsMd } from './relationships-md.js';
import { tablesMd } from './tables-md.js';

export interface GenerateDocsOptions {
  /** Names of the standard, for each table's kind where the model does not declare it. */
  standard?: Standard;
}

export function generateModuleDocs(catalog: Catalog, moduleName: string, options: GenerateDocsOptions = {}): Map<string, string> {
  if (!catalog.modules.some((m) => m.name === moduleName)) throw new Error(`unknown module "${moduleName}"`);
  const tables = moduleTables(catalog, moduleName);
  return new Map([
    ['tables.md', tablesMd(moduleName, tables, options.standard ?? DEFAULT_STANDARD)],
    ['fields.md', fieldsMd(moduleName, tables)],
    ['relationships.md', relationshipsMd(catalog, moduleName, tables)],
  ]);
}
