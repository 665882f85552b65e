import { defineConfig } from '@playwright/test';

/**
 * Pictures made by the code, with Playwright in Debian's Chromium: `npm run icons` renders
 * media/icon.svg into public/icon/, `npm run screenshots` takes the store screenshots from the
 * ChatGPT fixture with the built extension (the end-to-end harness, tests/e2e/support/).
 */
export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/media',
  testMatch: '*.spec.ts',
  workers: 1,
  timeout: 120_000,
  retries: 0,
  reporter: [['list']],
  globalSetup: '../tests/e2e/support/global-setup.ts',
});
