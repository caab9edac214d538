import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Generated QA suites import the runtime as the package does; here it comes from the source.
  resolve: { alias: { 'ismslint/qa': fileURLToPath(new URL('./src/qa/runtime/index.ts', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts', 'qa/**/*.test.ts', 'fixtures/qa/generated/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
