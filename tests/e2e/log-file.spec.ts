import type { Page } from '@playwright/test';
import { expect, inPageToast, saveAnchorButton, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { waitForDownload } from './support/downloads';
import { THESIS, anchorReply, seedAnchors, storedAnchor, storedAnchors, type AnchorFields } from './support/library';
import {
  LOG_FILE,
  chooseFolder,
  countWrites,
  folderEntries,
  permissionRequests,
  readFolderFile,
  removeFolder,
  restorePermission,
  useOpfsFolderPicker,
  withdrawPermission,
  writeFolderFile,
} from './support/log-folder';
import { DEFAULT_TEMPLATE, formatLog } from '../../lib/format';
import type { Anchor } from '../../lib/anchor';

/**
 * The log kept as a file in a folder (issue 17), through the real write path: the options page's
 * picker (an Origin Private File System folder stands in for one on disk, see
 * support/log-folder.ts), the handle in IndexedDB, the service worker writing with createWritable.
 */

const CHAT = 'f1000000-0000-4000-8000-000000000001';
const conversations = {
  [CHAT]: {
    title: 'Thesis chapter 3',
    turns: [
      { role: 'user' as const, markdown: 'Anchor this as chat [Thesis_Ch3_Methods].' },
      { role: 'assistant' as const, markdown: anchorReply(THESIS) },
    ],
  },
};

const DEPLOY: AnchorFields = {
  name: 'Weekend_Bot_Deploy',
  context: 'Bot runs on polling.',
  milestone: 'MVP answers /start.',
  nextAction: 'Switch to webhook.',
  dependencies: ['BOT_TOKEN in .env'],
};

const canonical = (anchors: Anchor[]) => formatLog(anchors, { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });

/** The popup's line about the log file. */
const statusLine = (page: Page) => page.getByText(/^Log kept in Anchors\/ · /);

/** Saves through the background's message, as the content script does. */
function saveByMessage(page: Page, fields: AnchorFields) {
  return page.evaluate(async (draft) => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } })
      .chrome.runtime;
    const answer = await runtime.sendMessage({ type: 'saveAnchor', payload: { draft, origin: 'captured', source: {} } });
    if (!answer.ok) throw new Error(answer.error);
  }, fields);
}

test.afterEach(({ consoleErrors }) => {
  expect(consoleErrors, 'no errors logged by the page or the extension').toEqual([]);
});

test('a save in a chat rewrites the log file, which then equals the exported log', async ({
  context,
  extensionId,
  openPopup,
  downloadsDir,
}) => {
  await useOpfsFolderPicker(context);
  const earlier = storedAnchor(DEPLOY, 300);
  await seedAnchors(context, extensionId, [earlier]);
  const options = await chooseFolder(context, extensionId);
  expect(await readFolderFile(options)).toBe(canonical([earlier as Anchor]));

  await serveChatGPT(context, { conversations });
  const chat = await context.newPage();
  await chat.goto(`https://chatgpt.com/c/${CHAT}`);
  await saveAnchorButton(chat).click();
  await expect(inPageToast(chat)).toContainText(`Saved anchor [${THESIS.name}]`);
  await expect.poll(() => readFolderFile(options), { timeout: 5_000 }).toContain(`[${THESIS.name}]`);

  const popup = await openPopup();
  await expect(statusLine(popup)).toHaveText(/^Log kept in Anchors\/ · written (just now|\d+ s ago)$/);
  await popup.getByRole('button', { name: 'Export' }).click();
  await popup.getByRole('menuitem', { name: 'Markdown log' }).click();
  const exported = await waitForDownload(downloadsDir, /^gpt-anchors-log-.*\.md$/);
  expect(await readFolderFile(options)).toBe(exported);
  expect(exported).toBe(canonical((await storedAnchors(context, extensionId)) as Anchor[]));
  // Written through a swap file that replaced the log when done: nothing else is left in the folder.
  expect(await folderEntries(options)).toEqual([LOG_FILE]);
});
