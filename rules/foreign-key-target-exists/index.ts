import { defineRule } from '../../src/engine/rule.js';
import type { Column, Constraint, Table, TypeRef } from '../../src/model/catalog.js';
import { findColumn, foreignKeys, primaryKey } from '../../src/model/catalog.js';
import { indexLikes } from '../../src/model/queries.js';
import { storedTypeName } from '../../src/model/types.js';

const INTEGERS = new Set(['smallint', 'integer', 'bigint']);
const STRINGS = new Set(['text', 'character varying', 'character']);
/** Broad type categories with no implicit casts between them, so PostgreSQL finds no equality operator. */
const CATEGORIES: Set<string>[] = [new Set([...INTEGERS, 'numeric', 'real', 'double precision']), STRINGS, new Set(['uuid']), new Set(['boolean'])];

function storedType(t: TypeRef, defaultSchema: string): string {
  const name = storedTypeName(t.name);
  if (t.arrayDims === 0 && name === t.name && !t.name.includes('.')) return t.name;
  const bare = name.startsWith(`${defaultSchema}.`) ? name.slice(defaultSchema.length + 1) : name;
  return bare + '[]'.repeat(t.arrayDims);
}

function typeMismatch(fkCol: Column, refCol: Column, defaultSchema: string): string | undefined {
  // Equal types share one TypeRef.
  if (fkCol.type === refCol.type) return undefined;
  const a = storedType(fkCol.type, defaultSchema);
  const b = storedType(refCol.type, defaultSchema);
  if (a === b) return undefined;
  const pair = `"${fkCol.name}" is ${a} but references "${refCol.name}" of type ${b}`;
  if ((INTEGERS.has(a) && INTEGERS.has(b)) || (STRINGS.has(a) && STRINGS.has(b))) {
    return `${pair}: PostgreSQL accepts it, but every check and join compares across types and values may not fit; make it ${b}`;
  }
  const ca = CATEGORIES.find((c) => c.has(a));
  const cb = CATEGORIES.find((c) => c.has(b));
  if (ca && cb && ca !== cb) return `${pair}: PostgreSQL rejects it (foreign key constraint cannot be implemented: incompatible types); make it ${b}`;
  return `${pair}: make it ${b}`;
}

/** A column list as a set, with its length: what a unique key must equal for a foreign key to use it. */
function columnSet(columns: string[]): string {
  if (columns.length === 1) return `1:${columns[0]}`;
  return `${columns.length}:${[...new Set(columns)].sort().join('\u0000')}`;
}

/** The column sets of the primary key, unique constraints and unique, non-partial column indexes. */
function uniqueKeySets(target: Table): Set<string> {
  const sets = new Set<string>();
  for (const i of indexLikes(target)) {
    if (i.unique && !i.partial && i.keys.every((k) => k !== undefined)) sets.add(columnSet(i.keys as string[]));
  }
  return sets;
}

/** Near-misses for a missing table: the same name in another case or in another schema. */
function lookalikes(tables: Iterable<Table>, schema: string, name: string): string[] {
  const out: string[] = [];
  for (const t of tables) {
    if (t.schema === schema && t.name !== name && t.name.toLowerCase() === name.toLowerCase()) {
      out.push(
        t.name === t.name.toLowerCase()
          ? `"${t.name}" (its name is lower case: write REFERENCES ${t.name} without quotes)`
          : `"${t.name}" (created with a quoted name, which keeps its case: write REFERENCES "${t.name}")`,
      );
    } else if (t.name === name && t.schema !== schema) {
      out.push(`"${t.schema}"."${t.name}" (in another schema: qualify the reference)`);
    }
  }
  return out.sort();
}

export default defineRule({
  meta: {
    id: 'foreign-key-target-exists',
    category: 'integrity',
    description: 'Every foreign key references an existing table, existing columns of matching types, and a primary key or unique constraint of that table.',
    severity: 'error',
    compliance: ['ISO 27001 A.8.27', 'ISO 27001 A.8.32', 'GDPR Art. 5(1)(d)', 'POPIA s16', 'NIST CSF PR.DS-6'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      missingTarget: 'foreign key "{{fk}}" references table {{target}}, which does not exist once all migrations have run: {{advice}}',
      noPrimaryKey:
        'foreign key "{{fk}}" references {{target}} without naming columns, but {{target}} has no primary key (PostgreSQL: there is no primary key for referenced table); add a primary key or name the referenced columns',
      columnCount:
        'foreign key "{{fk}}" has {{count}} column(s) ({{columns}}) but references {{refCount}} ({{refColumns}}) (PostgreSQL: number of referencing and referenced columns for foreign key disagree)',
      brokenColumns: 'foreign key "{{fk}}" is broken: {{problems}}',
      notUnique:
        'foreign key "{{fk}}" references {{target}} ({{refColumns}}), which is neither its primary key nor a unique constraint (PostgreSQL: there is no unique constraint matching given keys for referenced table); reference the primary key or add UNIQUE ({{refColumns}}) to {{target}}',
      typeMismatch: 'foreign key "{{fk}}" ({{columns}} → {{target}}): {{problem}}',
    },
  },
  check(ctx) {
    const defaultSchema = ctx.standard.defaultSchema;
    const display = (schema: string, name: string) => (schema === defaultSchema ? `"${name}"` : `"${schema}"."${name}"`);

    for (const table of ctx.tables) {
      for (const fk of ctx.derived(table, foreignKeys)) check(table, fk);
    }

    function check(table: Table, fk: Constraint): void {
      const ref = fk.references!;
      const report = (messageId: string, data: Record<string, string | number>) => ctx.report({ table, node: fk, messageId, data: { fk: fk.name, ...data } });
      const target = ctx.lookupTable(ref.schema, ref.table);
      // Only messages need the display name: most foreign keys have none.
      const targetName = () => display(ref.schema, ref.table);
      if (!target) {
        // A platform's table (Supabase's auth.users): it exists on the server, its columns are not known here.
        if (ctx.catalog.platformRelations?.has(`${ref.schema}.${ref.table}`)) return;
        const near = lookalikes(ctx.catalog.tables.values(), ref.schema, ref.table);
        report('missingTarget', { target: targetName(), advice: near.length ? `did you mean ${near.join(' or ')}?` : 'create the table or correct the reference' });
        return;
      }
      let refColumns = ref.columns;
      if (refColumns.length === 0) {
        const pk = primaryKey(target);
        if (!pk) {
          report('noPrimaryKey', { target: targetName() });
          return;
        }
        refColumns = pk.columns;
      }
      if (refColumns.length !== fk.columns.length) {
        report('columnCount', { count: fk.columns.length, columns: fk.columns.join(', '), refCount: refColumns.length, refColumns: refColumns.join(', ') });
        return;
      }
      const broken = fk.columns.some((c) => !findColumn(table, c)) || refColumns.some((c) => !findColumn(target, c));
      if (broken) {
        const missingLocal = fk.columns.filter((c) => !findColumn(table, c));
        const missingRef = refColumns.filter((c) => !findColumn(target, c));
        const parts = [...missingLocal.map((c) => `column "${c}" does not exist in "${table.name}"`), ...missingRef.map((c) => `referenced column "${c}" does not exist in ${targetName()}`)];
        report('brokenColumns', { problems: parts.join('; ') });
        return;
      }
      if (!ctx.derived(target, uniqueKeySets).has(columnSet(refColumns))) {
        report('notUnique', { target: targetName(), refColumns: refColumns.join(', ') });
      }
      fk.columns.forEach((c, i) => {
        const problem = typeMismatch(findColumn(table, c)!, findColumn(target, refColumns[i]!)!, defaultSchema);
        if (problem) report('typeMismatch', { columns: fk.columns.join(', '), target: targetName(), problem });
      });
    }
  },
});
