import { expect, test } from '../support/extension';
import { serveChatGPT } from '../support/chatgpt-fixture';
import { forbidden, recordRequests } from './guard';

/**
 * The no-network guard (guard.ts) is only worth something if it sees the requests it must refuse.
 * This test makes one request of each kind on purpose — from the service worker, the popup and a
 * ChatGPT page (where the content script runs) — and checks the recorder caught and refused each,
 * while the test's own navigation to chatgpt.com is allowed.
 */
test('the network guard sees and refuses requests from the worker, the popup and a ChatGPT page', async ({
  context,
  serviceWorker,
  openPopup,
}) => {
  const seen = recordRequests(context);
  await context.route('https://leak.example/**', (route) => route.fulfill({ status: 204, body: '' }));
  await serveChatGPT(context, {});
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  const popup = await openPopup();

  await serviceWorker.evaluate(() => fetch('https://leak.example/from-worker').then((r) => r.status));
  await popup.evaluate(() => fetch('https://leak.example/from-popup').then((r) => r.status));
  await page.evaluate(() => fetch('https://chatgpt.com/backend-api/conversation').then((r) => r.status));

  const refused = (url: string) => seen.filter((r) => r.url === url && forbidden(r) !== null);
  await expect.poll(() => refused('https://leak.example/from-worker').length).toBe(1);
  expect(refused('https://leak.example/from-worker')[0]!.from).toMatch(/^service worker chrome-extension:/);
  expect(refused('https://leak.example/from-popup')).toHaveLength(1);
  expect(refused('https://chatgpt.com/backend-api/conversation')).toHaveLength(1);
  const navigation = seen.find((r) => r.url === 'https://chatgpt.com/');
  expect(navigation && forbidden(navigation)).toBeNull();
});
