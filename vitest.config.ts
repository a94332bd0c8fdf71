import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // One PostgreSQL server for the run; each test file takes its own database (test/support/postgres.ts).
    globalSetup: ['test/support/postgres-global-setup.ts'],
  },
});
