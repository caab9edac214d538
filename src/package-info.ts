import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root directory, found from this file whether it runs from src/ or dist/src/. */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string; homepage: string };

export const toolVersion: string = pkg.version;

export const homepage: string = pkg.homepage;

export function ruleDocsUrl(ruleId: string): string {
  return `${pkg.homepage}/blob/v${pkg.version}/rules/${encodeURIComponent(ruleId)}/README.md`;
}
