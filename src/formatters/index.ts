import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';

export const formatters: Record<FormatName, Formatter> = { stylish, json, sarif, github };

/** In the order `--help` lists them; the first is the default. */
export const formatNames: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github'];

export type { Formatter } from './types.js';
