import { defineConfig } from 'vitest/config';

// Two cores: run test files in two forks at most, and give socket and crash
// tests room; no test may depend on timing for its verdict.
//
// The suite runs once with the WASM core (IGGY_CORE=wasm: a broken build
// fails loudly instead of falling back), and the tests that drive the real
// server run a second time on the pure-TypeScript twin, so both message paths
// are exercised end to end. Core and storage tests compare both cores inside
// one run already.
const SERVER_TESTS = ['test/server/**/*.test.ts', 'test/groups/**/*.test.ts', 'test/sdk/**/*.test.ts', 'test/interop/**/*.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'wasm',
          include: ['src/**/*.test.ts', 'sdk/**/*.test.ts', 'bench/**/*.test.ts', 'test/**/*.test.ts'],
          env: { IGGY_CORE: 'wasm' },
        },
      },
      {
        extends: true,
        test: { name: 'ts', include: SERVER_TESTS, env: { IGGY_CORE: 'ts' } },
      },
    ],
  },
});
