import { expect, test } from '@playwright/test';
import { serveChatGPT } from './support/chatgpt-server';
import { CHAT, conversations } from './support/conversations';
import { launchFirefox } from './support/firefox';
import { waitUntil } from './support/ui';

/**
 * The Firefox suite's no-network guard refuses, and reports, what it must: the BiDi interception
 * (support/chatgpt-server.ts) for the tabs, the dead-end proxy (support/dead-end-proxy.ts) for the
 * background page. Every other Firefox test fails when either reports anything.
 */
test('the guard refuses requests from a ChatGPT tab, an add-on page and the background page', async () => {
  const firefox = await launchFirefox();
  try {
    const server = await serveChatGPT(firefox.browser, { conversations });
    const chat = await firefox.browser.newPage();
    await chat.goto(`https://chatgpt.com/c/${CHAT}`, { timeout: 15_000 });
    const attempt = (url: string) => fetch(url).then(() => 'answered', () => 'failed');
    expect(await chat.evaluate(attempt, 'https://chatgpt.com/backend-api/me')).toBe('failed');
    expect(await chat.evaluate(attempt, 'https://example.org/from-chat')).toBe('failed');

    const popup = await firefox.openExtensionPage('popup.html');
    expect(await popup.evaluate(attempt, 'https://example.org/from-popup')).toBe('failed');
    const fromBackground = await popup.evaluate(async (url) => {
      type Runtime = { getBackgroundPage(): Promise<Window> };
      const runtime = (globalThis as unknown as { browser: { runtime: Runtime } }).browser.runtime;
      const background = await runtime.getBackgroundPage();
      return background.fetch(url).then(() => 'answered', () => 'failed');
    }, 'https://example.org/from-background');
    expect(fromBackground).toBe('failed');
    // BiDi does not see the background page's requests; the dead-end proxy does.
    await waitUntil(async () => [...firefox.proxied], (asked) => asked.length > 0, 'the background page’s request at the proxy');
    expect(firefox.proxied).toEqual(['CONNECT example.org:443']);

    const other = await firefox.browser.newPage();
    await other.goto('https://example.org/a-page', { timeout: 15_000 }).catch(() => undefined);

    await waitUntil(async () => [...server.refused], (refused) => refused.length >= 4, 'four refused requests');
    expect([...server.refused].sort()).toEqual([
      'GET https://chatgpt.com/backend-api/me (not a page load)',
      'GET https://example.org/a-page (a page load of a host the tests do not serve)',
      'GET https://example.org/from-chat (not a page load)',
      'GET https://example.org/from-popup (not a page load)',
    ]);
    expect(server.served).toEqual([`https://chatgpt.com/c/${CHAT}`]);
    await server.stop();
  } finally {
    await firefox.close();
  }
});
