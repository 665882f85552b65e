import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';
import { proxyPrefs, startDeadEndProxy } from './dead-end-proxy';
import { FIREFOX_EXTENSION_DIR, GECKO_ID, findFirefox } from './paths';
import { waitUntil } from './ui';

/**
 * One headless Firefox with the built add-on, in a profile under a temporary folder. Driven by
 * puppeteer-core over WebDriver BiDi: stock Firefox speaks it, and its `webExtension.install`
 * loads the unsigned build as a temporary add-on (unless the profile has it installed), so
 * neither geckodriver nor a signed package is needed.
 */
export type FirefoxSession = {
  browser: Browser;
  /** `moz-extension://<uuid>`, pinned before the install so tests can open the add-on's pages. */
  extensionOrigin: string;
  /** Where the add-on's downloads land, without a prompt. */
  downloadsDir: string;
  /** Requests that reached the dead-end proxy (dead-end-proxy.ts): none may, in any test. */
  proxied: readonly string[];
  /** Errors logged by the tabs the test opened or the add-on opened (not the background page: BiDi has no target for it). */
  consoleErrors: string[];
  /** Opens one of the add-on's pages (`popup.html`) in a new tab and waits until it has loaded. */
  openExtensionPage(file: string): Promise<Page>;
  /** Runs `action`, then waits for a tab it opened (the add-on opens some itself) to reach a URL starting with `prefix`. */
  newTab(prefix: string, description: string, action: () => Promise<unknown>): Promise<Page>;
  close(): Promise<void>;
};

const LAUNCH_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 10_000;
/** An add-on page loads in about half a second; a tab that shows nothing after this is given up for a new one. */
const OPEN_PAGE_ATTEMPT_MS = 5_000;
const OPEN_PAGE_TIMEOUT_MS = 20_000;

/** Preferences that make the add-on's downloads land in `dir` as they would for a person who chose "save files to". */
function downloadPrefs(dir: string): Record<string, unknown> {
  return {
    'browser.download.folderList': 2, // 2 = the folder in browser.download.dir
    'browser.download.dir': dir,
    'browser.download.useDownloadDir': true, // no "where to save" dialog
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.manager.addToRecentDocs': false,
  };
}

/**
 * A Firefox profile in a temporary folder, with its downloads folder and the add-on's pinned
 * moz-extension:// host. `launchFirefox()` makes a throwaway one; a test that restarts Firefox
 * makes one with `createProfile({ installed: true })`, launches it twice and removes it itself.
 */
export type FirefoxProfile = {
  root: string;
  dir: string;
  downloadsDir: string;
  uuid: string;
  /** Installed in the profile like an add-on from a store (kept across restarts), not as a temporary add-on. */
  installed: boolean;
  remove(): void;
};

export function createProfile({ installed = false } = {}): FirefoxProfile {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gpt-anchors-firefox-'));
  const dir = path.join(root, 'profile');
  const downloadsDir = path.join(root, 'downloads');
  mkdirSync(dir);
  mkdirSync(downloadsDir);
  if (installed) {
    // An extension proxy file: the add-on's id as file name, the build's folder as content. Firefox
    // installs it at startup like an add-on in the profile, and it stays installed over restarts.
    mkdirSync(path.join(dir, 'extensions'));
    writeFileSync(path.join(dir, 'extensions', GECKO_ID), FIREFOX_EXTENSION_DIR);
  }
  return {
    root,
    dir,
    downloadsDir,
    uuid: randomUUID(),
    installed,
    remove: () => rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }),
  };
}

/** An add-on in the profile folder is unsigned: ESR accepts it once signatures are optional, and enables it without asking. */
const INSTALLED_ADDON_PREFS = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
};

/** Launches Firefox on `profile` (a throwaway one when none is given, removed on close). */
export async function launchFirefox(profile?: FirefoxProfile): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('No Firefox found (see tests/firefox/support/global-setup.ts).');
  const own = profile === undefined;
  const { dir, downloadsDir, uuid, installed } = (profile ??= createProfile());
  const proxy = await startDeadEndProxy();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: dir,
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      timeout: LAUNCH_TIMEOUT_MS,
      protocolTimeout: 30_000,
      defaultViewport: { width: 1200, height: 850 },
      // Lets a tab navigate to moz-extension:// pages (the popup, the options page).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        // The moz-extension:// host is random per profile unless pinned before the install.
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        ...downloadPrefs(downloadsDir),
        ...(installed ? INSTALLED_ADDON_PREFS : {}),
        ...proxyPrefs(proxy.port),
        // Firefox's own remote-settings sync (the proxy would otherwise see it on every start); a
        // release build takes this pref only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 (env, below).
        'services.settings.server': 'data:,#remote-settings-off/v1',
      },
    });
  } catch (error) {
    await proxy.close();
    if (own) profile.remove();
    throw new Error(`Firefox (${executablePath}) did not start within ${LAUNCH_TIMEOUT_MS / 1000} s: ${String(error)}`);
  }

  const consoleErrors: string[] = [];
  const watched = new WeakSet<Page>();
  const watch = (page: Page) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${String(error)}`));
  };
  const onTarget = (target: Target) => {
    void target.page().then((page) => page && watch(page), () => undefined);
  };
  browser.on('targetcreated', onTarget);
  (await browser.pages()).forEach(watch);

  const close = async () => {
    browser.off('targetcreated', onTarget);
    const process = browser.process();
    const closed = browser.close().then(() => true, () => false);
    const inTime = await Promise.race([closed, new Promise<false>((resolve) => setTimeout(() => resolve(false), CLOSE_TIMEOUT_MS))]);
    if (!inTime) process?.kill('SIGKILL');
    await proxy.close();
    if (own) profile.remove();
  };

  if (!installed) {
    try {
      await browser.installExtension(FIREFOX_EXTENSION_DIR);
    } catch (error) {
      await close();
      throw new Error(`Firefox refused to install the add-on from ${FIREFOX_EXTENSION_DIR}: ${String(error)}`);
    }
  }

  const extensionOrigin = `moz-extension://${uuid}`;
  return {
    browser,
    extensionOrigin,
    downloadsDir,
    proxied: proxy.asked,
    consoleErrors,
    close,
    async openExtensionPage(file) {
      const url = `${extensionOrigin}/${file}`;
      const deadline = Date.now() + OPEN_PAGE_TIMEOUT_MS;
      const failures: string[] = [];
      // Firefox never reports a moz-extension:// navigation as loaded over BiDi: start it once,
      // then ask the document itself with short evaluations. Not with waitForFunction: its
      // poller is one long evaluation, and when the navigation replaces the blank document under
      // it, Firefox's BiDi fails it ("right-hand side of 'in' should be an object, got null");
      // navigating again then restarts the load, and in 3 runs of 50 the tab never left
      // about:blank. Right after start-up the add-on may not be there yet either: a tab still
      // blank after an attempt is closed and the next attempt gets a new one.
      for (let attempt = 1; ; attempt++) {
        const page = await browser.newPage();
        watch(page);
        page.goto(url).catch(() => undefined); // never settles for moz-extension://, see above
        try {
          const state = () => page.evaluate(() => ({ href: location.href, readyState: document.readyState }));
          const loaded = ({ href, readyState }: { href: string; readyState: string }) => href === url && readyState === 'complete';
          await waitUntil(state, loaded, `attempt ${attempt}`, Math.max(1, Math.min(OPEN_PAGE_ATTEMPT_MS, deadline - Date.now())));
          return page;
        } catch (error) {
          failures.push(String(error).split('\n')[0]!);
        }
        await page.close().catch(() => undefined);
        if (Date.now() >= deadline) {
          throw new Error(`The add-on's page ${url} did not load within ${OPEN_PAGE_TIMEOUT_MS / 1000} s: ${failures.join('; ')}.`);
        }
      }
    },
    async newTab(prefix, description, action) {
      const before = new Set(browser.targets());
      const opened = browser.waitForTarget((t) => !before.has(t) && t.type() === 'page' && t.url().startsWith(prefix), {
        timeout: 10_000,
      });
      opened.catch(() => undefined); // awaited below, after the action
      await action();
      try {
        const target = await opened;
        const page = await target.page();
        if (!page) throw new Error('the target has no page');
        watch(page);
        return page;
      } catch (error) {
        const open = (await browser.pages()).map((p) => p.url()).join(', ');
        throw new Error(`No new tab at ${prefix}… (${description}) within 10 s; open tabs: ${open}. ${String(error)}`);
      }
    },
  };
}
