import type { Browser } from 'puppeteer-core';
import { fixtureHtml, type FixtureOptions } from '../../e2e/support/chatgpt-fixture';

/**
 * Serves the ChatGPT fixture (tests/fixtures/chatgpt/) at https://chatgpt.com and
 * https://chat.openai.com in Firefox, and refuses every other request that leaves the browser.
 *
 * It intercepts browser-wide over WebDriver BiDi (`network.addIntercept` without `contexts`),
 * because a per-tab interception comes too late for a tab the add-on opens itself (the popup's
 * *Resume*). An intercepted request is answered before any DNS or TLS, so no certificate is needed.
 *
 * Like the Chromium suite's guard (tests/e2e/support/network-guard.ts), the only requests allowed
 * out are top-level page loads of the two ChatGPT hosts, which the fixture answers; anything else
 * over http(s) is failed and listed in `refused`, and the test checks that list is empty.
 * What BiDi shows is the tabs' traffic (ChatGPT pages with the content script, the add-on's pages
 * in tabs). The background page has no browsing context in BiDi: its requests go to the dead-end
 * proxy (dead-end-proxy.ts) instead, which the tests check as well.
 */

const CHATGPT_HOSTS = new Set(['chatgpt.com', 'chat.openai.com']);

/** The part of puppeteer-core's BiDi connection this needs (`BidiBrowser.connection`, not in its public types). */
type BidiConnection = {
  send(method: string, params: object): Promise<{ result: unknown }>;
  on(event: string, handler: (params: never) => void): unknown;
  off(event: string, handler: (params: never) => void): unknown;
};

type BeforeRequestSent = {
  context: string | null;
  isBlocked: boolean;
  navigation: string | null;
  request: { request: string; url: string; method: string };
};

type ContextCreated = { context: string; parent?: string | null };

export type ChatGPTServer = {
  /** Requests the guard refused: `METHOD url (why)`. */
  readonly refused: readonly string[];
  /** Every ChatGPT page load served, as URLs. */
  readonly served: readonly string[];
  stop(): Promise<void>;
};

function connectionOf(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection) {
    throw new Error('The Firefox suite needs puppeteer-core connected over WebDriver BiDi.');
  }
  return connection;
}

const textHeader = (value: string) => [{ name: 'content-type', value: { type: 'string', value } }];

export async function serveChatGPT(browser: Browser, options: FixtureOptions = {}): Promise<ChatGPTServer> {
  const connection = connectionOf(browser);
  const html = fixtureHtml(options);
  const refused: string[] = [];
  const served: string[] = [];
  // Frames inside a tab have a parent; only a tab's own page load may be served.
  const childContexts = new Set<string>();

  const onContext = (event: ContextCreated) => {
    if (event.parent) childContexts.add(event.context);
  };

  const answer = async (event: BeforeRequestSent) => {
    const { request } = event.request;
    const url = new URL(event.request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      await connection.send('network.continueRequest', { request });
      return;
    }
    const topLevel = event.navigation !== null && event.context !== null && !childContexts.has(event.context);
    if (url.protocol === 'https:' && CHATGPT_HOSTS.has(url.hostname) && topLevel && event.request.method === 'GET') {
      served.push(url.href);
      await connection.send('network.provideResponse', {
        request,
        statusCode: 200,
        reasonPhrase: 'OK',
        headers: textHeader('text/html; charset=utf-8'),
        body: { type: 'string', value: html },
      });
      return;
    }
    refused.push(`${event.request.method} ${url.href} (${topLevel ? 'a page load of a host the tests do not serve' : 'not a page load'})`);
    await connection.send('network.failRequest', { request });
  };

  const onRequest = (event: BeforeRequestSent) => {
    if (!event.isBlocked) return;
    answer(event).catch((error: unknown) => {
      // The tab may close while its request is pending; anything else is the test's business.
      if (!/no such request|discarded|closed/i.test(String(error))) refused.push(`${event.request.url} (answer failed: ${String(error)})`);
    });
  };

  connection.on('browsingContext.contextCreated', onContext);
  connection.on('network.beforeRequestSent', onRequest);
  const { result } = await connection.send('network.addIntercept', { phases: ['beforeRequestSent'] });
  const intercept = (result as { intercept: string }).intercept;

  return {
    refused,
    served,
    async stop() {
      connection.off('network.beforeRequestSent', onRequest);
      connection.off('browsingContext.contextCreated', onContext);
      await connection.send('network.removeIntercept', { intercept }).catch(() => undefined);
    },
  };
}
