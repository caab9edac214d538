import { describe, expect, it } from 'vitest';
import { allRules } from '../../../rules/index.js';
import { resolveConfig } from './load.js';
import { UsageError } from './types.js';

describe('rule options with formats', () => {
  it('rejects an option that must be a regular expression and is not, naming the key', () => {
    const resolve = () => resolveConfig({ rules: { 'index-name-pattern': ['warn', { pattern: '^idx_({table}' }] } }, allRules, '.');
    expect(resolve).toThrow(UsageError);
    expect(resolve).toThrow(/^ismslint\.config\.json: rules\.index-name-pattern: invalid options.*"pattern" must be a valid regular expression/);
  });

  it('rejects it in overrides too', () => {
    const resolve = () => resolveConfig({ overrides: [{ modules: ['app'], rules: { 'index-name-pattern': ['warn', { uniquePattern: '[' }] } }] }, allRules, '.');
    expect(resolve).toThrow(/overrides\[0\]\.rules\.index-name-pattern: invalid options.*"uniquePattern" must be a valid regular expression/);
  });

  it('accepts a valid regular expression and merges it with the defaults', () => {
    const config = resolveConfig({ rules: { 'index-name-pattern': ['error', { pattern: '^{table}_[a-z0-9_]+_idx$' }] } }, allRules, '.');
    expect(config.rules.get('index-name-pattern')).toEqual({ severity: 'error', options: { pattern: '^{table}_[a-z0-9_]+_idx$', uniquePattern: '^uq_{table}_[a-z0-9_]+$' } });
  });
});

describe('qa.mutationThreshold', () => {
  it('defaults to 95 and takes any percentage from 0 to 100', () => {
    expect(resolveConfig({}, allRules, '/').qaMutationThreshold).toBe(95);
    for (const n of [0, 80, 99.5, 100]) expect(resolveConfig({ qa: { mutationThreshold: n } }, allRules, '/').qaMutationThreshold).toBe(n);
  });

  it('refuses anything else in one line naming the key', () => {
    const refused = (value: unknown) => () => resolveConfig({ qa: { mutationThreshold: value as number } }, allRules, '/');
    expect(refused(101)).toThrow(new UsageError('ismslint.config.json: qa: "mutationThreshold" must be <= 100'));
    expect(refused(-1)).toThrow(new UsageError('ismslint.config.json: qa: "mutationThreshold" must be >= 0'));
    expect(refused('95%')).toThrow(new UsageError('ismslint.config.json: qa: "mutationThreshold" must be a number'));
  });
});
