import type { BrowserContext, Fixtures, Request } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * The no-network guard, an auto fixture of every test that loads the extension (the `test` of
 * `extension.ts`, and so of `hardening/guard.ts` too). The two specs that load no extension are
 * outside it: `fixture.spec.ts` tests the fake ChatGPT page alone, in a browser of its own, and
 * `hardening/manifest.spec.ts` only reads the built manifests.
 *
 * It records every request made in the browser context: extension pages (popup, options), the
 * background service worker (Playwright reports service-worker requests on the context;
 * `hardening/network-guard.spec.ts` proves it catches one) and the ChatGPT pages where the content
 * script runs. After the test, nothing may have left for any host. Allowed are only:
 * - extension-local URLs (`chrome-extension:`, `data:`, `blob:`, `about:`) and the browser's own
 *   pages (`chrome:`, such as chrome://extensions/shortcuts, which the options page opens), which
 *   are served from inside the browser;
 * - top-level document navigations to https://chatgpt.com and https://chat.openai.com: the tests'
 *   own `goto`s and the tab the popup's *Resume* opens, all served by `serveChatGPT`. A fetch, an
 *   iframe or any other request to those hosts is refused like any other.
 *
 * Sub-resources of the fixture page need no exception: `fixtureHtml` inlines its one script (the
 * CSS included) and its icon is `data:`, so a page served by `serveChatGPT` asks for nothing else
 * (a whole-suite recording confirmed it). Any other request to chatgpt.com therefore comes from the
 * extension (or a payload) and fails.
 *
 * A test can widen this only for itself, only by exact URL, and only through the fixture:
 * - `network.allowNavigation(url)`: the test itself opens this URL in a tab (a non-ChatGPT host
 *   serving the fixture, to show the extension stays off there). Only a top-level document
 *   navigation to exactly that URL passes; nothing else from that host does.
 * - `network.expectCaught(url)`: the test requests this URL on purpose to prove the guard. The
 *   test then fails unless the guard saw that request and refused it.
 */

export type RecordedRequest = {
  url: string;
  resourceType: string;
  navigation: boolean;
  /** A navigation of a tab's main frame (not an iframe); false for anything from a worker. */
  topLevel: boolean;
  from: string;
};

export type NetworkGuard = {
  /** Every request made in the context so far (live). */
  readonly requests: readonly RecordedRequest[];
  /** The test itself navigates a tab to exactly this URL (not a ChatGPT host); see above. */
  allowNavigation(url: string): void;
  /** The test makes this request on purpose; the guard must catch and refuse it. */
  expectCaught(url: string): void;
};

/** What a test declared through its `NetworkGuard`. */
export type NetworkAllowances = { navigations: readonly string[]; caught: readonly string[] };

const LOCAL = /^(chrome-extension|chrome|data|blob|about):/;
const CHATGPT_HOSTS = new Set(['chatgpt.com', 'chat.openai.com']);

function isTopLevelDocument(request: RecordedRequest): boolean {
  return request.navigation && request.topLevel && request.resourceType === 'document';
}

/** Why a request is not allowed by the rule itself, or null when it is. */
export function forbidden(request: RecordedRequest): string | null {
  if (LOCAL.test(request.url)) return null;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'unparseable URL';
  }
  if (CHATGPT_HOSTS.has(url.hostname) && url.protocol === 'https:' && isTopLevelDocument(request)) return null;
  return `${request.resourceType} request from ${request.from}`;
}

/**
 * The guard's verdict: one line per request that left and was not allowed, plus one per
 * `expectCaught` URL the guard never saw refused. Empty means the test passes the guard.
 */
export function networkViolations(
  requests: readonly RecordedRequest[],
  allow: NetworkAllowances = { navigations: [], caught: [] },
): string[] {
  const violations: string[] = [];
  const caught = new Set<string>();
  for (const request of requests) {
    const why = forbidden(request);
    if (why === null) continue;
    if (isTopLevelDocument(request) && allow.navigations.includes(request.url)) continue;
    if (allow.caught.includes(request.url)) {
      caught.add(request.url);
      continue;
    }
    violations.push(`${request.url} (${why})`);
  }
  for (const url of allow.caught) {
    if (!caught.has(url)) violations.push(`${url} (made on purpose, but the guard never caught it)`);
  }
  return violations;
}

function describeOrigin(request: Request): string {
  const worker = request.serviceWorker();
  if (worker) return `service worker ${worker.url()}`;
  try {
    return `page ${request.frame().url() || '(new page)'}`;
  } catch {
    return request.isNavigationRequest() ? 'a new tab' : 'unknown context';
  }
}

/**
 * Main frame or not. Playwright has no frame for a service worker's request (not a navigation at
 * all) nor for the navigation that creates a new tab (`chrome.tabs.create`, `window.open`) before
 * its frame exists: that one is a tab's first, top-level navigation. An iframe always has its
 * frame before it navigates.
 */
function isMainFrame(request: Request): boolean {
  if (request.serviceWorker()) return false;
  try {
    return request.frame().parentFrame() === null;
  } catch {
    return request.isNavigationRequest();
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
      topLevel: isMainFrame(request),
      from: describeOrigin(request),
    });
  });
  return seen;
}

/** The auto fixture `network`, for `test.extend` over fixtures that provide `context`. */
export const networkGuard: Fixtures<{ network: NetworkGuard }, object, { context: BrowserContext }> = {
  network: [
    async ({ context }, use) => {
      const requests = recordRequests(context);
      const navigations: string[] = [];
      const caught: string[] = [];
      await use({
        requests,
        allowNavigation: (url) => {
          const { hostname } = new URL(url);
          if (CHATGPT_HOSTS.has(hostname)) throw new Error(`${url}: ChatGPT navigations need no allowance`);
          navigations.push(url);
        },
        expectCaught: (url) => {
          caught.push(url);
        },
      });
      expect(
        networkViolations(requests, { navigations, caught }),
        'no request left the browser except the tests’ own ChatGPT navigations',
      ).toEqual([]);
    },
    { auto: true },
  ],
};
