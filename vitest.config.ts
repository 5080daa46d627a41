import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores here and in CI: keep the pool small and the suite deterministic.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    // Every test file: no connection may leave loopback.
    setupFiles: ['test/setup/loopback-only.ts'],
  },
});
