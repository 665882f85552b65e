import { defineConfig } from '@playwright/test';

/**
 * The Firefox end-to-end suite: Playwright's test runner drives puppeteer-core, which speaks
 * WebDriver BiDi to Debian's firefox-esr (tests/firefox/support/firefox.ts). Playwright's own
 * browsers are not used: its Firefox is a patched build that would have to be downloaded.
 */
export default defineConfig({
  testDir: 'tests/firefox',
  outputDir: 'test-results/firefox',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  globalSetup: './tests/firefox/support/global-setup.ts',
});
