import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Tags this run's PostgreSQL test databases and drops any a suite left dropping in the background.
    globalSetup: ['tests/testRun.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Database suites create their own databases; a few files at a time keeps PostgreSQL calm on 2 cores.
    maxWorkers: 2,
  },
});
