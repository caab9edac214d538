import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../../engine/lazy.js';
import { describeAjvErrors, type SchemaProblem } from '../../engine/ajv-messages.js';

export const MODULE_SCHEMA_FILE = 'schemas/module-schema.json';

let schemaPath: string | undefined;

/** The published JSON Schema of schema.json, found from this file upwards (works from src/ and from dist/). */
export function moduleSchemaPath(): string {
  if (schemaPath) return schemaPath;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, MODULE_SCHEMA_FILE);
    if (existsSync(candidate)) return (schemaPath = candidate);
    if (dirname(dir) === dir) throw new Error(`${MODULE_SCHEMA_FILE} not found above ${fileURLToPath(import.meta.url)}`);
  }
}

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  return createAjv(['date']).compile(JSON.parse(readFileSync(moduleSchemaPath(), 'utf8')));
}

/** Every way the document breaks the JSON Schema, worded for people and placed at the value at fault. */
export function validateModuleDefinition(value: unknown): SchemaProblem[] {
  validator ??= compile();
  return validator(value) ? [] : describeAjvErrors(validator.errors);
}
