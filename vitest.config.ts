import { defineConfig } from 'vitest/config';

// Two cores: run test files in a few forks, never more, and give socket and
// crash tests room; no test may depend on timing for its verdict.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'sdk/**/*.test.ts', 'bench/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
