import { isSnakeCase } from '../../src/model/names.js';

/** Letters that Unicode decomposition does not reduce to ASCII. */
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', Æ: 'Ae', Œ: 'Oe', Ø: 'O', Ł: 'L' };

/**
 * The snake_case spelling of a name, or undefined when there is none to offer (no letters, or it
 * would start with a digit): `fullName` → `full_name`, `HTTPServer` → `http_server`, `Café-Menu` → `cafe_menu`.
 */
export function toSnakeCase(name: string): string | undefined {
  const words = name
    .replace(/[ßæœøłÆŒØŁ]/g, (ch) => LIGATURES[ch]!)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const out = words.join('_');
  return isSnakeCase(out) ? out : undefined;
}
