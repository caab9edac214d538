import { github, githubChunks } from './github.js';
import { gitlab, gitlabChunks } from './gitlab.js';
import { junit, junitChunks } from './junit.js';
import { json, jsonChunks } from './json.js';
import { sarif, sarifChunks } from './sarif.js';
import { stylish, stylishChunks } from './stylish.js';
import type { ChunkedFormatter, Formatter } from './types.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit';

export const formatters: Record<FormatName, Formatter> = { stylish, json, sarif, github, gitlab, junit };

/** The same formats in pieces, for writing a big report as it is made. */
export const chunkedFormatters: Record<FormatName, ChunkedFormatter> = { stylish: stylishChunks, json: jsonChunks, sarif: sarifChunks, github: githubChunks, gitlab: gitlabChunks, junit: junitChunks };

/** In the order `--help` lists them; the first is the default. */
export const formatNames: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'];

export type { ChunkedFormatter, Formatter } from './types.js';
