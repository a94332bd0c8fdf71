import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const shared = { environment: 'node', testTimeout: 20_000, hookTimeout: 20_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    // vitest's default (one worker less than the cores) is a single worker on two cores; the e2e files
    // spend most of their time waiting (bot processes, Discord's 5 s identify window), so two run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One PostgreSQL server for the run; each test file takes its own database (test/support/postgres.ts).
    globalSetup: ['test/support/postgres-global-setup.ts'],
    projects: [
      {
        // These files keep no state between files (no vi.mock, no stubbed globals, process listeners removed),
        // so a worker loads the modules once for all of them instead of once per file.
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          isolate: false,
        },
      },
      // Each e2e file starts bots, emulators and processes: a fresh module graph each.
      { test: { ...shared, name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
