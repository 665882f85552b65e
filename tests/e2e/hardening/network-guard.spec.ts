import { expect, test } from '../support/extension';
import { serveChatGPT } from '../support/chatgpt-fixture';
import { forbidden, networkViolations } from '../support/network-guard';

/**
 * The no-network guard (`support/network-guard.ts`, an auto fixture of every extension test) is
 * only worth something if it sees the requests it must refuse. This test makes one request of
 * each kind on purpose — from the service worker, the popup and a ChatGPT page (where the content
 * script runs) — and checks that the guard running in this very test recorded and refused each,
 * that its verdict would fail a test that had not declared them, and that the test's own
 * navigation to chatgpt.com is allowed. Declaring them with `expectCaught` lets this test pass
 * only if the guard caught all three.
 */
const LEAKS = {
  worker: 'https://leak.example/from-worker',
  popup: 'https://leak.example/from-popup',
  page: 'https://chatgpt.com/backend-api/conversation',
};

test('the network guard sees and refuses requests from the worker, the popup and a ChatGPT page', async ({
  context,
  serviceWorker,
  openPopup,
  network,
  consoleErrors,
}) => {
  for (const url of Object.values(LEAKS)) network.expectCaught(url);
  await context.route('https://leak.example/**', (route) => route.fulfill({ status: 204, body: '' }));
  await serveChatGPT(context, {});
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  const popup = await openPopup();

  await serviceWorker.evaluate((url) => fetch(url).then((r) => r.status), LEAKS.worker);
  await popup.evaluate((url) => fetch(url).then((r) => r.status), LEAKS.popup);
  // The fixture answers this fetch with a 404, which Chromium logs: the one error this test expects.
  expect(await page.evaluate((url) => fetch(url).then((r) => r.status), LEAKS.page)).toBe(404);
  await expect.poll(() => consoleErrors.findIndex((line) => line.includes('status of 404'))).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(consoleErrors.findIndex((line) => line.includes('status of 404')), 1);

  const refused = (url: string) => network.requests.filter((r) => r.url === url && forbidden(r) !== null);
  await expect.poll(() => refused(LEAKS.worker).length).toBe(1);
  expect(refused(LEAKS.worker)[0]!.from).toMatch(/^service worker chrome-extension:/);
  expect(refused(LEAKS.popup)).toHaveLength(1);
  expect(refused(LEAKS.page)).toHaveLength(1);
  const navigation = network.requests.find((r) => r.url === 'https://chatgpt.com/');
  expect(navigation && forbidden(navigation)).toBeNull();

  // Undeclared, the same requests are exactly what the guard would fail the test for.
  const urlsOf = (violations: string[]) => violations.map((line) => line.split(' ')[0]).sort();
  expect(urlsOf(networkViolations(network.requests))).toEqual(Object.values(LEAKS).sort());
});

test('the guard refuses ChatGPT in an iframe, allows a declared navigation only as a tab, and misses nothing declared', async ({
  network,
}) => {
  const tab = { url: 'https://chatgpt.com/', resourceType: 'document', navigation: true, topLevel: true, from: 'a new tab' };
  const iframe = { ...tab, topLevel: false, from: 'page https://chatgpt.com/' };
  expect(forbidden(tab)).toBeNull();
  expect(forbidden(iframe)).not.toBeNull();

  const other = { ...tab, url: 'https://example.com/c/1' };
  const allowed = { navigations: [other.url], caught: [] };
  expect(networkViolations([other])).toHaveLength(1);
  expect(networkViolations([other], allowed)).toEqual([]);
  expect(networkViolations([{ ...other, topLevel: false }], allowed)).toHaveLength(1);
  expect(networkViolations([{ ...other, resourceType: 'fetch', navigation: false }], allowed)).toHaveLength(1);

  expect(networkViolations(network.requests, { navigations: [], caught: [LEAKS.worker] })).toEqual([
    `${LEAKS.worker} (made on purpose, but the guard never caught it)`,
  ]);
});
