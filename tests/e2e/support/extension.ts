import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { networkGuard } from './network-guard';
import { CHROMIUM_ARGS, EXTENSION_DIR, findChromium } from './paths';

export type ExtensionFixtures = {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  downloadsDir: string;
  /**
   * Errors logged by any page, worker or content script during the test. The test fails if any
   * is left when it ends (a test that expects one takes it out of the list; a file whose pages log
   * on purpose sets `allowConsoleErrors`).
   */
  consoleErrors: string[];
  openPopup: () => Promise<Page>;
};

export type ExtensionOptions = {
  /**
   * Whether the browser lets frames from another site use storage (third-party cookies). Off by
   * default, as in this Chromium and in every browser's private windows: the picker frame on
   * ChatGPT's page then cannot open IndexedDB and gets the library from the background.
   */
  thirdPartyStorage: boolean;
  /** `test.use({ allowConsoleErrors: true })`: errors logged by the pages do not fail the test. */
  allowConsoleErrors: boolean;
};

/**
 * Extension downloads don't reach Playwright's download event: send them to a folder we read.
 * Third-party storage is set explicitly (cookie_controls_mode 1 blocks it), so the suite does not
 * depend on the build's default.
 */
function writePreferences(userDataDir: string, downloadsDir: string, thirdPartyStorage: boolean): void {
  const defaultDir = path.join(userDataDir, 'Default');
  mkdirSync(defaultDir, { recursive: true });
  const preferences = {
    download: { default_directory: downloadsDir, prompt_for_download: false },
    profile: { cookie_controls_mode: thirdPartyStorage ? 0 : 1 },
  };
  writeFileSync(path.join(defaultDir, 'Preferences'), JSON.stringify(preferences));
}

const extensionTest = base.extend<ExtensionFixtures & ExtensionOptions & { userDataDir: string }>({
  thirdPartyStorage: [false, { option: true }],
  allowConsoleErrors: [false, { option: true }],
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gpt-anchors-profile-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  downloadsDir: async ({ userDataDir }, use) => {
    const dir = path.join(userDataDir, 'downloads');
    mkdirSync(dir, { recursive: true });
    await use(dir);
  },
  consoleErrors: async ({}, use) => {
    await use([]);
  },
  context: async ({ userDataDir, downloadsDir, consoleErrors, thirdPartyStorage, allowConsoleErrors }, use) => {
    if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(`No built extension at ${EXTENSION_DIR}. Run \`npm run build\` first (npm test does).`);
    }
    writePreferences(userDataDir, downloadsDir, thirdPartyStorage);
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
      viewport: { width: 1200, height: 850 },
    });
    const watch = (page: Page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    // Playwright routes downloads into its own folder; give them back to the profile's preference.
    const firstPage = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(firstPage);
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
    await use(context);
    // What was logged while the test ran (closing the browser may log more: not the test's doing).
    const logged = [...consoleErrors];
    await context.close();
    if (!allowConsoleErrors) expect(logged, 'no errors logged by the pages or the extension').toEqual([]);
  },
  serviceWorker: async ({ context, consoleErrors }, use) => {
    const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    worker.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`background: ${message.text()}`);
    });
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },
});

/**
 * The extension's fixtures, with the no-network guard (`network-guard.ts`) as an auto fixture:
 * every test that loads the extension fails if anything in the browser sent a request it may not.
 */
export const test = extensionTest.extend(networkGuard);

export { expect };

/** The bar's buttons live in an open shadow root; Playwright's role locators pierce it. */
export function anchorBar(page: Page) {
  return page.getByRole('group', { name: 'GPT Anchors' });
}

/** The bar's *Save anchor* button (not a message's *Save this anchor*). */
export function saveAnchorButton(page: Page) {
  return anchorBar(page).getByRole('button', { name: 'Save anchor', exact: true });
}

/**
 * The picker behind Resume anchor: an extension page in an iframe over the ChatGPT page
 * (lib/content/picker-frame.ts). Playwright reaches into the frame; the page itself cannot.
 */
export function resumePicker(page: Page) {
  return page.frameLocator('iframe[title="Resume anchor"]').getByRole('dialog', { name: 'Resume anchor' });
}

/** The in-page toast (Saved anchor, errors, Resumed …), inside the bar's shadow host. */
export function inPageToast(page: Page) {
  return page.locator('#gpt-anchors-host').getByRole('status');
}

/**
 * Stops the extension's service worker, as Chrome does after 30 s idle; the next message must
 * wake it. Resolves once DevTools reports the worker stopped.
 */
export async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.scriptURL.startsWith('chrome-extension://') && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}
