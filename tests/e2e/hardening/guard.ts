import type { BrowserContext, Page, Request } from '@playwright/test';
import { expect, test as base } from '../support/extension';

/**
 * The hardening suite's `test`: the usual extension fixtures, plus two guards that run in every
 * hardening test without being asked for.
 *
 * - `network`: every request made in the browser context — extension pages (popup, options), the
 *   background service worker (Playwright reports service-worker requests on the context since
 *   1.5x; `networkGuard.spec.ts` proves it catches one), and the ChatGPT pages where the content
 *   script runs. After the test, nothing may have left for any host: only extension-local URLs
 *   (`chrome-extension:`, `data:`, `blob:`) and top-level navigations to the two ChatGPT hosts
 *   (the tests' own `goto`s and the new tab the popup's *Resume* opens, both served by
 *   `serveChatGPT`) are allowed. A fetch to chatgpt.com that is not a navigation fails too.
 * - `pwned`: a `dialog` (alert/confirm/prompt) on any page fails the test; `expectNotPwned(page)`
 *   checks that `window.__pwned` was never set by a payload.
 */

export type RecordedRequest = { url: string; resourceType: string; navigation: boolean; from: string };

const LOCAL = /^(chrome-extension|data|blob|about):/;
const CHATGPT_HOSTS = new Set(['chatgpt.com', 'chat.openai.com']);

/** Why a request is not allowed, or null when it is. */
export function forbidden(request: RecordedRequest): string | null {
  if (LOCAL.test(request.url)) return null;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'unparseable URL';
  }
  if (CHATGPT_HOSTS.has(url.hostname) && url.protocol === 'https:' && request.navigation && request.resourceType === 'document') {
    return null;
  }
  return `${request.resourceType} request from ${request.from}`;
}

function describeOrigin(request: Request): string {
  const worker = request.serviceWorker();
  if (worker) return `service worker ${worker.url()}`;
  try {
    return `page ${request.frame().url() || '(new page)'}`;
  } catch {
    return 'unknown context';
  }
}

/** Starts recording every request in the context; returns the live list. */
export function recordRequests(context: BrowserContext): RecordedRequest[] {
  const seen: RecordedRequest[] = [];
  context.on('request', (request) => {
    seen.push({
      url: request.url(),
      resourceType: request.resourceType(),
      navigation: request.isNavigationRequest(),
      from: describeOrigin(request),
    });
  });
  return seen;
}

export const test = base.extend<{ network: RecordedRequest[]; dialogs: string[] }>({
  network: [
    async ({ context }, use) => {
      const seen = recordRequests(context);
      await use(seen);
      const leaks = seen.flatMap((r) => {
        const why = forbidden(r);
        return why ? [`${r.url} (${why})`] : [];
      });
      expect(leaks, 'no request left the browser except the tests’ own ChatGPT navigations').toEqual([]);
    },
    { auto: true },
  ],
  dialogs: [
    async ({ context }, use) => {
      const dialogs: string[] = [];
      const watch = (page: Page) =>
        page.on('dialog', (dialog) => {
          dialogs.push(`${dialog.type()}: ${dialog.message()}`);
          void dialog.dismiss().catch(() => undefined);
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(dialogs);
      expect(dialogs, 'no page opened a dialog').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** No payload ran in this page (its main world). */
export async function expectNotPwned(page: Page): Promise<void> {
  const flag = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
  expect(flag, `window.__pwned in ${page.url()}`).toBeUndefined();
}
