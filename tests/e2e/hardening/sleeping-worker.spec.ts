import type { Page } from '@playwright/test';
import { expect, test } from './guard';
import { waitForDownload } from '../support/downloads';
import { inPageToast, saveAnchorButton, stopServiceWorkers } from '../support/extension';
import { serveChatGPT } from '../support/chatgpt-fixture';
import { THESIS, anchorReply, storedAnchors } from '../support/library';
import type { FixtureWindow } from '../../fixtures/chatgpt/options';

/**
 * Chrome stops an idle MV3 worker after 30 s; every flow must wake it with its message and lose
 * nothing. The worker is stopped (DevTools' stopAllWorkers) before each step: save from the page,
 * resume from the popup, export from the popup. (The `serviceWorker` fixture is never evaluated
 * after a stop: pages' messages wake the worker.)
 */

const CHAT = 'b0000000-0000-4000-8000-000000000001';
const conversations = {
  [CHAT]: { title: 'Thesis', turns: [{ role: 'user' as const, markdown: 'anchor please' }, { role: 'assistant' as const, markdown: anchorReply(THESIS) }] },
};

const editorText = (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorText());

test('save, resume and export each wake a stopped worker, and nothing is lost', async ({
  context,
  extensionId,
  openPopup,
  downloadsDir,
}) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await expect(saveAnchorButton(page)).toBeVisible();

  await stopServiceWorkers(context, page);
  await saveAnchorButton(page).click();
  await expect(inPageToast(page)).toContainText(`Saved anchor [${THESIS.name}]`);

  await stopServiceWorkers(context, page);
  const popup = await openPopup();
  const row = popup.getByRole('list', { name: 'Anchors' }).getByRole('button', { name: new RegExp(`^${THESIS.name}\\b`) });
  await row.click();
  await stopServiceWorkers(context, page);
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    popup.getByRole('region', { name: `${THESIS.name}, details` }).getByRole('button', { name: 'Resume', exact: true }).click(),
  ]);
  await expect(tab).toHaveURL(/^https:\/\/chatgpt\.com\//);
  await expect.poll(() => editorText(tab), { timeout: 15_000 }).toContain(`Resume from anchor: [${THESIS.name}]`);
  expect(await editorText(tab)).toContain(`Next action: ${THESIS.nextAction}`);
  // The resume is recorded before the tab says so: stopping the worker any earlier would cut the
  // recording off mid-way, which the browser itself never does to a worker answering a message.
  await expect(inPageToast(tab)).toContainText(`Resumed [${THESIS.name}]: press send when ready.`);

  await stopServiceWorkers(context, page);
  await popup.getByRole('button', { name: 'Export' }).click();
  await popup.getByRole('menuitem', { name: 'Markdown log' }).click();
  await expect(popup.getByRole('status').first()).toContainText('Exported 1 anchor');
  const log = await waitForDownload(downloadsDir, /^gpt-anchors-log-.*\.md$/);
  expect(log).toContain(`[${THESIS.name}]`);
  expect(log).toContain(THESIS.nextAction);

  const stored = await storedAnchors(context, extensionId);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ name: THESIS.name, context: THESIS.context, dependencies: THESIS.dependencies, resumeCount: 1 });
});
