// Dependencies loaded on first use: a lint without a config file or schema.json never pays for
// Ajv or the JSON parser (about 100 ms of start-up together).
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

type JsoncParser = typeof import('jsonc-parser');

let jsonc: JsoncParser | undefined;

export function jsoncParser(): JsoncParser {
  return (jsonc ??= require('jsonc-parser') as JsoncParser);
}

export interface SchemaCompiler {
  compile(schema: object): ValidateFunction;
}

/** An Ajv for JSON Schema draft 2020-12 with formats (`date`, `regex`, …), all errors and the data in them. */
export function createAjv(formats?: string[]): SchemaCompiler {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as { default: (ajv: unknown, formats?: string[]) => void };
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  addFormats.default(ajv, formats);
  return ajv;
}
