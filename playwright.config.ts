import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Each test launches its own Chromium with the extension; two cores run one at a time best.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  // A failed test keeps its trace (actions, DOM snapshots, console); no screencast, which costs a
  // quarter of the run's CPU for frames nobody looks at.
  use: { trace: { mode: 'retain-on-failure', screenshots: false } },
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './tests/e2e/support/global-setup.ts',
});
