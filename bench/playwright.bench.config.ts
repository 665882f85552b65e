import { defineConfig } from '@playwright/test';

/** The bench runs like the end-to-end tests (same harness, same built extension), one at a time. */
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.spec.ts',
  workers: 1,
  timeout: 180_000,
  retries: 0,
  reporter: [['list']],
  globalSetup: '../tests/e2e/support/global-setup.ts',
});
