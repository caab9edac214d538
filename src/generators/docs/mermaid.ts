/**
 * A Mermaid erDiagram of a module's tables and every foreign key that touches them, including edges
 * to and from other modules' tables (shown with their module). Names that Mermaid's grammar would not
 * take bare are quoted, and what even quotes cannot hold (", %, backslash, line breaks) is replaced.
 */
import type { Catalog, Constraint, Table } from '../../model/catalog.js';
import { tableKey } from '../../model/catalog.js';
import { foreignKeys, tableKeyOf } from './model-text.js';

interface Edge {
  from: Table;
  fk: Constraint;
}

/** Characters a quoted Mermaid entity name or label cannot contain. */
function quotable(text: string): string {
  return text.replace(/["%\\\u0000-\u001f\u007f]/g, '_');
}

/** Attribute types and names are bare tokens: letters, digits, `_`, `-`, `()`, `[]`, starting with a letter. */
function token(text: string): string {
  const t = text.replace(/\s+/g, '_').replace(/[^A-Za-z0-9_()[\]-]/g, '_');
  return /^[A-Za-z]/.test(t) ? t : `x_${t}`;
}

export function erDiagram(catalog: Catalog, moduleName: string, tables: Table[]): string {
  const edges: Edge[] = [];
  const inModule = new Set(tables.map(tableKeyOf));
  for (const t of [...catalog.tables.values()]) {
    for (const fk of foreignKeys(t)) {
      const target = tableKey(fk.references!.schema, fk.references!.table);
      if (inModule.has(tableKeyOf(t)) || inModule.has(target)) edges.push({ from: t, fk });
    }
  }
  edges.sort((a, b) => {
    const x = `${tableKeyOf(a.from)}\u0000${a.fk.name}`;
    const y = `${tableKeyOf(b.from)}\u0000${b.fk.name}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });

  // Entity names: the module's tables by name, other tables as module.table; unique after replacement.
  const names = new Map<string, string>();
  const used = new Set<string>();
  const entity = (schema: string, name: string): string => {
    const key = tableKey(schema, name);
    let e = names.get(key);
    if (e) return e;
    const owner = catalog.tables.get(key)?.module;
    const base = quotable(`${owner && owner !== moduleName ? `${owner}.` : ''}${schema === 'public' ? '' : `${schema}.`}${name}`);
    let candidate = base;
    for (let i = 2; used.has(candidate); i++) candidate = `${base}_${i}`;
    used.add(candidate);
    e = /^[A-Za-z_][A-Za-z0-9_]*$/.test(candidate) ? candidate : `"${candidate}"`;
    names.set(key, e);
    return e;
  };
  for (const t of tables) entity(t.schema, t.name);

  const lines = ['erDiagram'];
  for (const t of tables) {
    const pk = new Set(t.constraints.find((c) => c.kind === 'primary key')?.columns ?? []);
    const fkCols = new Set(foreignKeys(t).flatMap((c) => c.columns));
    const uk = new Set(t.constraints.filter((c) => c.kind === 'unique' && c.columns.length === 1).flatMap((c) => c.columns));
    lines.push(`  ${entity(t.schema, t.name)} {`);
    for (const c of t.columns) {
      const keys = [pk.has(c.name) && 'PK', fkCols.has(c.name) && 'FK', uk.has(c.name) && 'UK'].filter(Boolean).join(', ');
      lines.push(`    ${token(c.type.text)} ${token(c.name)}${keys ? ` ${keys}` : ''}`);
    }
    lines.push('  }');
  }
  for (const { from, fk } of edges) {
    const target = fk.references!;
    const optional = fk.columns.some((col) => !from.columns.find((c) => c.name === col)?.notNull);
    const unique = from.constraints.some((c) => (c.kind === 'primary key' || c.kind === 'unique') && sameColumns(c.columns, fk.columns));
    // Crow's foot: the referencing side is many (or at most one when the key columns are unique), the
    // referenced side exactly one (zero or one when the key columns may be NULL).
    const left = unique ? '|o' : '}o';
    const right = optional ? 'o|' : '||';
    lines.push(`  ${entity(from.schema, from.name)} ${left}--${right} ${entity(target.schema, target.table)} : "${quotable(fk.name)}"`);
  }
  return lines.join('\n');
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}
