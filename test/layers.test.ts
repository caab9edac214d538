// src/ is layered: each layer imports only the layers below it (CONTRIBUTING.md), and rules see only
// the model and the engine. This keeps it so.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');

const ALLOWED: Record<string, string[]> = {
  model: ['model'],
  engine: ['engine', 'model'],
  sources: ['sources', 'engine', 'model'],
  formatters: ['formatters', 'engine', 'model', 'sources'],
  generators: ['generators', 'engine', 'model', 'sources'],
  qa: ['qa', 'engine', 'model', 'sources', 'generators'],
  reports: ['reports', 'engine', 'model'],
  commands: ['commands', 'sources', 'model', 'engine', 'formatters', 'generators', 'qa', 'reports', 'rules', 'package-info.js'],
  cli: ['cli', 'commands', 'engine', 'rules', 'package-info.js', 'process-tuning'],
  'process-tuning': ['process-tuning', 'sources', 'model'],
  rules: ['rules', 'engine', 'model'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'test-harness.ts' && !name.startsWith('test-') ? [path] : [];
  });
}

/** `src/<layer>/…` → layer; `rules/…` → rules; `src/package-info.ts` → that file. */
function layerOf(path: string): string {
  const rel = relative(root, path).split('/');
  return rel[0] === 'rules' ? 'rules' : rel[1]!;
}

describe('layers', () => {
  for (const file of [...files(join(root, 'src')), ...files(join(root, 'rules'))]) {
    const layer = layerOf(file);
    if (!ALLOWED[layer]) continue;
    it(relative(root, file), () => {
      const imports = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)].map((m) => m[1]!);
      for (const spec of imports) expect(ALLOWED[layer], `${spec}`).toContain(layerOf(resolve(dirname(file), spec)));
    });
  }
});
