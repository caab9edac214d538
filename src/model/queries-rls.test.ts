import { describe, expect, it } from 'vitest';
import { loadParser, parseExpression } from '../sources/sql/parser.js';
import { stripPositions } from '../sources/sql/expr.js';
import { isConstantTrue, isTenantEquality, restrictsToTenant } from './queries.js';

await loadParser();

function ast(sql: string): unknown {
  const r = parseExpression(sql);
  if ('error' in r) throw new Error(`${sql}: ${r.error}`);
  return stripPositions(r.ast);
}

const KEY = 'organisation_id';
const SETTING = 'app.current_organisation_id';

describe('isConstantTrue', () => {
  it.each([
    'true',
    'TRUE',
    "'t'::boolean",
    "'yes'::bool",
    "CAST('on' AS boolean)",
    "boolean 'true'",
    "'t'",
    '1::boolean',
    '1 = 1',
    "'a' = 'a'",
    'true = true',
    'NOT false',
    'false OR true',
    'organisation_id IS NULL OR true',
    'true AND 1 = 1',
    '(((true)))',
  ])('%s is constant true', (sql) => expect(isConstantTrue(ast(sql))).toBe(true));

  it.each([
    'false',
    "'f'::boolean",
    "'off'::boolean",
    "'o'::boolean",
    '0::boolean',
    'NULL',
    'NULL = NULL',
    'NULL::boolean',
    '1 = 2',
    "'1'::integer",
    "'t'::text",
    'NOT true',
    'true AND organisation_id IS NULL',
    'organisation_id = organisation_id',
    "organisation_id = current_setting('app.current_organisation_id')::uuid",
    'NOT NULL::boolean',
  ])('%s is not constant true', (sql) => expect(isConstantTrue(ast(sql))).toBe(false));
});

describe('isTenantEquality', () => {
  it.each([
    "organisation_id = current_setting('app.current_organisation_id')::uuid",
    "current_setting('app.current_organisation_id')::uuid = organisation_id",
    "organisation_id = CAST(current_setting('app.current_organisation_id') AS uuid)",
    "organisation_id = (current_setting('app.current_organisation_id'))::uuid",
    "organisation_id = current_setting('app.current_organisation_id', true)::uuid",
    "organisation_id = current_setting('app.current_organisation_id'::text)::uuid",
    "organisation_id = current_setting('APP.Current_Organisation_Id')::uuid",
    "organisation_id = pg_catalog.current_setting('app.current_organisation_id')::uuid",
    "organisation_id = current_setting('app.current_organisation_id')::text::uuid",
    "vendor.organisation_id = current_setting('app.current_organisation_id')::uuid",
    "public.vendor.organisation_id = current_setting('app.current_organisation_id')::uuid",
    "organisation_id::text = current_setting('app.current_organisation_id')",
    "organisation_id IN (current_setting('app.current_organisation_id')::uuid)",
  ])('%s', (sql) => expect(isTenantEquality(ast(sql), KEY, SETTING)).toBe(true));

  it.each([
    "organisation_id = current_setting('app.current_user_id')::uuid",
    "user_id = current_setting('app.current_organisation_id')::uuid",
    "organisation_id <> current_setting('app.current_organisation_id')::uuid",
    "organisation_id IS NOT DISTINCT FROM current_setting('app.current_organisation_id', true)::uuid",
    "organisation_id::varchar(8) = current_setting('app.current_organisation_id')::varchar(8)",
    "organisation_id = myschema.current_setting('app.current_organisation_id')::uuid",
    'organisation_id = current_setting(setting_name)::uuid',
    'organisation_id = organisation_id',
    "organisation_id IN (current_setting('app.current_organisation_id')::uuid, other_id)",
    "organisation_id NOT IN (current_setting('app.current_organisation_id')::uuid)",
  ])('not: %s', (sql) => expect(isTenantEquality(ast(sql), KEY, SETTING)).toBe(false));

  it('uses the configured key and setting', () => {
    const e = ast("tenant_id = current_setting('app.tenant')::uuid");
    expect(isTenantEquality(e, 'tenant_id', 'app.tenant')).toBe(true);
    expect(isTenantEquality(e, KEY, SETTING)).toBe(false);
  });
});

describe('restrictsToTenant', () => {
  it.each([
    "organisation_id = current_setting('app.current_organisation_id')::uuid AND deleted_at IS NULL",
    "deleted_at IS NULL AND (status = 'x' AND current_setting('app.current_organisation_id', true)::uuid = organisation_id)",
    "(organisation_id = current_setting('app.current_organisation_id')::uuid AND a) OR (organisation_id = current_setting('app.current_organisation_id')::uuid AND b)",
  ])('%s', (sql) => expect(restrictsToTenant(ast(sql), KEY, SETTING)).toBe(true));

  it.each([
    'true',
    "organisation_id = current_setting('app.current_organisation_id')::uuid OR is_public",
    "organisation_id = current_setting('app.current_organisation_id')::uuid OR true",
    "NOT (organisation_id = current_setting('app.current_organisation_id')::uuid)",
    "user_id = current_setting('app.current_user_id')::uuid",
    "EXISTS (SELECT 1 FROM membership m WHERE m.organisation_id = current_setting('app.current_organisation_id')::uuid)",
  ])('not: %s', (sql) => expect(restrictsToTenant(ast(sql), KEY, SETTING)).toBe(false));
});
