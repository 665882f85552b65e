import { test as base, expect } from '@playwright/test';
import type { FixtureOptions } from '../../e2e/support/chatgpt-fixture';
import { serveChatGPT, type ChatGPTServer } from './chatgpt-server';
import { launchFirefox, type FirefoxSession } from './firefox';

/**
 * The Firefox suite's fixtures, on Playwright's test runner (its browsers unused): each test gets
 * its own Firefox and profile, closed and deleted afterwards even when the test fails or times
 * out. After every test, nothing may have been logged as an error, and no request may have been
 * refused by the BiDi interception or have reached the dead-end proxy.
 */
export type FirefoxFixtures = {
  firefox: FirefoxSession;
  /** Starts serving the ChatGPT fixture with these options (once per test). */
  serve: (options?: FixtureOptions) => Promise<ChatGPTServer>;
};

export const test = base.extend<FirefoxFixtures>({
  firefox: async ({}, use) => {
    const session = await launchFirefox();
    try {
      await use(session);
      expect(session.consoleErrors, 'errors logged by the pages or the add-on').toEqual([]);
      expect(session.proxied, 'requests that reached the dead-end proxy (the background page, Firefox itself)').toEqual([]);
    } finally {
      await session.close();
    }
  },
  serve: async ({ firefox }, use) => {
    let server: ChatGPTServer | undefined;
    await use(async (options = {}) => {
      if (server) throw new Error('serve() was called twice in one test.');
      server = await serveChatGPT(firefox.browser, options);
      return server;
    });
    await server?.stop();
    expect(server?.refused ?? [], 'requests the guard refused').toEqual([]);
  },
});

export { expect };
