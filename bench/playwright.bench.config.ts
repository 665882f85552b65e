import { defineConfig } from '@playwright/test';

/**
 * `npm run bench`: the same harness and built extension as the end-to-end tests, one test at a
 * time. Tests fail only when a measurement could not be taken; targets are reported, in one
 * table printed at the end (bench/global-teardown.ts) and in bench-results/bench.json.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'bench.spec.ts',
  workers: 1,
  timeout: 900_000,
  retries: 0,
  reporter: [['list']],
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
});
