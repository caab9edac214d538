import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { exampleTable } from '../../commands/init.js';
import { moduleSchemaPath, validateModuleDefinition } from './module-schema.js';

/** What these tests read of a JSON Schema node. */
interface SchemaNode {
  [keyword: string]: unknown;
  $ref?: string;
  description?: string;
  additionalProperties?: unknown;
  properties?: Record<string, SchemaNode>;
}

const schema = JSON.parse(readFileSync(moduleSchemaPath(), 'utf8')) as SchemaNode;

/** Every subschema that declares properties, with its JSON pointer. */
function objectSchemas(node: unknown, pointer = '#', out: [string, SchemaNode][] = []): [string, SchemaNode][] {
  if (Array.isArray(node)) node.forEach((n, i) => objectSchemas(n, `${pointer}/${i}`, out));
  else if (node && typeof node === 'object') {
    if ('properties' in node) out.push([pointer, node as SchemaNode]);
    for (const [k, v] of Object.entries(node)) objectSchemas(v, `${pointer}/${k}`, out);
  }
  return out;
}

function resolveRef(ref: string): SchemaNode {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((n, k) => n[k] as SchemaNode, schema);
}

describe('schemas/module-schema.json', () => {
  it('is a valid draft 2020-12 schema under strict mode, with $id and title', () => {
    // strictRequired would reject oneOf branches that only require a property declared beside them, a standard idiom.
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
    ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
    addFormatsModule.default(ajv, ['date']);
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/module-schema\.json$/);
    expect(schema.title).toMatch(/schema\.json/);
  });

  it('closes every object (additionalProperties: false) and describes every property, for editor help', () => {
    const objects = objectSchemas(schema);
    expect(objects.length).toBeGreaterThan(10);
    for (const [pointer, node] of objects) {
      if (pointer.includes('/oneOf/')) continue;
      expect(node.additionalProperties, pointer).toBe(false);
      for (const [name, prop] of Object.entries(node.properties ?? {})) {
        const description = prop.description ?? (prop.$ref ? resolveRef(prop.$ref).description : undefined);
        expect(description, `${pointer}/properties/${name}`).toEqual(expect.any(String));
      }
    }
  });

  it('accepts the vendor_risk fixture and the table `init` writes', () => {
    expect(validateModuleDefinition(JSON.parse(readFileSync('fixtures/schema-json/vendor_risk/schema.json', 'utf8')))).toEqual([]);
    expect(validateModuleDefinition({ $schema: '../../schemas/module-schema.json', module: 'asset', version: '0.1.0', tables: [exampleTable('asset')] })).toEqual([]);
  });

  it('rejects what the format forbids', () => {
    const messages = (v: unknown) => validateModuleDefinition(v).map((p) => p.message);
    expect(messages({ module: 'a', tables: [{ name: 't', columns: [] }] })).toEqual(['tables[0]: "columns" must have at least 1 item']);
    expect(messages({ module: 'a', tables: [{ name: 't', columns: [{ name: 'c', type: 'int', references: { table: 'x' } }] }] })).toEqual([
      'tables[0].columns[0].references: missing required property "column"',
    ]);
    expect(messages({ module: 'a', tables: [{ name: 't', columns: [{ name: 'c', type: 'int' }], indexes: [{ columns: ['c'], method: 'btre' }] }] })).toEqual([
      'tables[0].indexes[0]: "method" must be one of: "btree", "hash", "gist", "spgist", "gin", "brin", "bloom", "hnsw", "ivfflat" (did you mean "btree"?)',
    ]);
    expect(messages({ module: 'a', version: '1.0.0-rc.1+build.5', tables: [] })).toEqual([]);
  });
});
