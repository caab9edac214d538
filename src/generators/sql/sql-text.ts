/** Names, types, roles and comment lines as generated SQL writes them: quoted and escaped where PostgreSQL needs it. */
import type { TypeRef } from '../../model/catalog.js';
import { BUILTIN_TYPE_NAMES, typeText } from '../../model/types.js';
import { sqlIdent } from '../../model/names.js';
import { intervalType } from '../../sources/sql/print-expr.js';

export { sqlIdent };

/** A table (or other schema object) name: qualified only outside the default schema. */
export function sqlRelation(schema: string, name: string, defaultSchema: string): string {
  return schema === defaultSchema ? sqlIdent(name) : `${sqlIdent(schema)}.${sqlIdent(name)}`;
}

/** A column type that PostgreSQL reads back to the same TypeRef. */
export function sqlType(type: TypeRef): string {
  const arrays = '[]'.repeat(type.arrayDims);
  if (type.name === 'interval') return (intervalType(type.mods) ?? typeText(type.name, type.mods, 0)) + arrays;
  // Bare CHARACTER and BIT mean length 1; without a length the type is the unlimited one, spelled by its internal name.
  if (type.name === 'character' && type.mods.length === 0) return 'bpchar' + arrays;
  if (type.name === 'bit' && type.mods.length === 0) return '"bit"' + arrays;
  // The model names the one-byte internal type as format_type() does, quotes included.
  if (type.name === '"char"') return type.name + arrays;
  // A built-in whose name is SQL syntax (a key word such as `integer`, or several words) is written as
  // it is: quoted, it would name another type, which does not exist.
  if (BUILTIN_TYPE_NAMES.has(type.name) && sqlIdent(type.name) !== type.name) return typeText(type.name, type.mods, type.arrayDims);
  const mods = type.mods.length ? `(${type.mods.join(',')})` : '';
  return type.name.split('.').map(sqlIdent).join('.') + mods + arrays;
}

const ROLE_KEYWORDS: Record<string, string> = {
  public: 'PUBLIC',
  current_user: 'CURRENT_USER',
  session_user: 'SESSION_USER',
  current_role: 'CURRENT_ROLE',
};

export function sqlRole(role: string): string {
  return ROLE_KEYWORDS[role] ?? sqlIdent(role);
}

/**
 * A string literal as PostgreSQL's quote_literal() writes it: quotes doubled, and where the text holds
 * a backslash the E'' form with backslashes doubled, which reads the same whatever
 * standard_conforming_strings is set to.
 */
export function sqlLiteral(value: string): string {
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/** Text for a `--` comment line: a line break in a name must not end the comment and start SQL. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
}

/** A name inside a comment, in double quotes as messages write them. */
export function commentName(name: string): string {
  return `"${commentText(name)}"`;
}
