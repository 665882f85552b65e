import { expect, test } from '@playwright/test';
import { THESIS } from '../e2e/support/library';
import { contextMenuItemExists } from './support/addon';
import { serveChatGPT } from './support/chatgpt-server';
import { CHAT, conversations } from './support/conversations';
import { storedAnchors } from './support/database';
import { createProfile, launchFirefox, type FirefoxProfile } from './support/firefox';
import { clickRole, waitForStatus } from './support/ui';

/**
 * Firefox restarted with the add-on installed in the profile (as from a store, not a temporary
 * add-on, which a restart would remove). A persistent MV2 background page starts again without
 * `runtime.onInstalled`, and Firefox, unlike Chrome, keeps no context-menu items from the last run.
 */

/** Launches Firefox on `profile`, runs `steps`, checks nothing was logged or sent, and closes it. */
async function run(profile: FirefoxProfile, steps: (firefox: Awaited<ReturnType<typeof launchFirefox>>) => Promise<void>) {
  const firefox = await launchFirefox(profile);
  try {
    const server = await serveChatGPT(firefox.browser, { conversations });
    await steps(firefox);
    await server.stop();
    expect(server.refused, 'requests the guard refused').toEqual([]);
    expect(firefox.consoleErrors, 'errors logged by the pages or the add-on').toEqual([]);
    expect(firefox.proxied, 'requests that reached the dead-end proxy').toEqual([]);
  } finally {
    await firefox.close();
  }
}

test('after Firefox restarts, the anchors and the "Save selection as anchor" menu item are still there', async () => {
  test.setTimeout(90_000);
  const profile = createProfile({ installed: true });
  try {
    await test.step('first run: save an anchor', () =>
      run(profile, async (firefox) => {
        const page = await firefox.browser.newPage();
        await page.goto(`https://chatgpt.com/c/${CHAT}`, { timeout: 15_000 });
        await clickRole(page, 'button', 'Save anchor');
        await waitForStatus(page, 'Saved anchor [Thesis_Ch3_Methods]');
        const popup = await firefox.openExtensionPage('popup.html');
        expect(await contextMenuItemExists(popup), 'the menu item on the first run').toBe(true);
      }),
    );
    await test.step('after the restart', () =>
      run(profile, async (firefox) => {
        const popup = await firefox.openExtensionPage('popup.html');
        expect((await storedAnchors(popup)).map((anchor) => anchor.name)).toEqual([THESIS.name]);
        expect(await contextMenuItemExists(popup), 'the menu item after the restart').toBe(true);
      }),
    );
  } finally {
    profile.remove();
  }
});
