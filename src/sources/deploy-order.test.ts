import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, type InputModule } from './build.js';
import { deploymentOrder } from './deploy-order.js';
import { loadParser } from './sql/parser.js';

beforeAll(() => loadParser());

const enc = new TextEncoder();
const mod = (name: string, sql: string, schemaJson?: unknown): InputModule => ({
  name,
  dir: `ws/${name}`,
  migrations: sql ? [{ path: `ws/${name}/001.sql`, bytes: enc.encode(sql) }] : [],
  schemaJson: schemaJson ? { path: `ws/${name}/schema.json`, bytes: enc.encode(JSON.stringify(schemaJson)) } : undefined,
});

const names = (ms: InputModule[]) => ms.map((m) => m.name);

describe('deployment order', () => {
  const global = mod('global', 'CREATE TABLE organisations (id int PRIMARY KEY);');
  const base = (name: string) => mod(name, 'CREATE TABLE "Asset" (id int PRIMARY KEY, org int REFERENCES public.organisations (id));');
  const user = (name: string) => mod(name, 'CREATE TABLE risk (id int PRIMARY KEY, asset_id int REFERENCES "Asset" (id));');

  it('global first, then each module after the modules it references, name order between independent ones', () => {
    expect(names(deploymentOrder([user('a_risk'), base('z_assets'), mod('m', 'CREATE TABLE m (id int);'), global], 'global'))).toEqual(['global', 'm', 'z_assets', 'a_risk']);
  });

  it('follows schema.json references too', () => {
    const json = mod('a_json', '', { module: 'a_json', tables: [{ name: 'x', columns: [{ name: 'a', type: 'int', references: { table: 'Asset', column: 'id' } }] }] });
    expect(names(deploymentOrder([json, base('b_assets'), global], 'global'))).toEqual(['global', 'b_assets', 'a_json']);
  });

  it('an explicit moduleOrder comes first, in its order', () => {
    expect(names(deploymentOrder([user('a'), base('b'), global, mod('c', '')], 'global', ['c', 'global']))).toEqual(['c', 'global', 'b', 'a']);
  });

  it("a module's findings do not change when it is renamed", () => {
    const run = (assets: string) => {
      const model = buildModel([user('risk_mod'), base(assets), global], 'global');
      return model.findings.map((f) => `${f.ruleId} ${f.message}`);
    };
    expect(run('z_assets')).toEqual([]);
    expect(run('a_assets')).toEqual(run('z_assets'));
  });
});
