import type { Page } from '@playwright/test';
import { expect, test as base } from '../support/extension';

/**
 * The hardening suite's `test`: the usual extension fixtures — which already include the
 * no-network guard `network` of every e2e test (`../support/network-guard.ts`) — plus one more
 * guard that runs in every hardening test without being asked for:
 *
 * - `dialogs`: a `dialog` (alert/confirm/prompt) on any page fails the test; `expectNotPwned(page)`
 *   checks that `window.__pwned` was never set by a payload.
 */

export const test = base.extend<{ dialogs: string[] }>({
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
