import type { BrowserContext, Page } from '@playwright/test';
import { expect, inPageToast, saveAnchorButton, stopServiceWorkers, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { contentScriptWorld } from './support/content-world';
import { waitForDownload } from './support/downloads';
import { THESIS, anchorReply, seedAnchors, storedAnchor, storedAnchors, type AnchorFields } from './support/library';
import {
  LOG_FILE,
  chooseFolder,
  countWrites,
  folderEntries,
  logKeeperSettled,
  permissionRequests,
  readFolderFile,
  removeFolder,
  restorePermission,
  useOpfsFolderPicker,
  withdrawPermission,
  writeFolderFile,
} from './support/log-folder';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './support/paths';
import { DEFAULT_TEMPLATE, formatLog } from '../../lib/log/format';
import { parseAnchorLog } from '../../lib/log/parse';
import type { Anchor } from '../../lib/model/anchor';

/**
 * The log kept as a file in a folder, through the real write path: the options page's
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

/** The log of what is stored now, in the library's order (newest first, ties by id, as lib/storage/db.ts lists them). */
async function libraryLog(context: BrowserContext, extensionId: string): Promise<string> {
  const stored = (await storedAnchors(context, extensionId)) as Anchor[];
  const newestFirst = (a: Anchor, b: Anchor) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  return canonical(stored.sort(newestFirst));
}

/** The popup's line about the log file. */
const statusLine = (page: Page) => page.getByText(/^Log kept in Anchors\/ · /);

/**
 * A ChatGPT tab whose content script saves through the background's message, as Save anchor
 * does (the reply's text; only a ChatGPT page may ask for a save): quicker than a reply per save,
 * and the same write.
 */
async function chatSaver(context: BrowserContext): Promise<(fields: AnchorFields) => Promise<void>> {
  await serveChatGPT(context, {});
  const chat = await context.newPage();
  await chat.goto('https://chatgpt.com/');
  const world = await contentScriptWorld(context, chat);
  return async (fields) => {
    const payload = JSON.stringify({ type: 'saveText', payload: { text: anchorReply(fields), origin: 'captured', source: {} } });
    await world.run(
      `chrome.runtime.sendMessage(${payload}).then((answer) => { if (!answer.ok || answer.value.notAnchor) throw new Error(answer.error ?? answer.value.notAnchor); })`,
    );
  };
}

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
  expect(exported).toBe(await libraryLog(context, extensionId));
  // Written through a swap file that replaced the log when done: nothing else is left in the folder.
  expect(await folderEntries(options)).toEqual([LOG_FILE]);
});

test('an entry added and one edited in the file elsewhere are offered, never overwritten, and imported', async ({
  context,
  extensionId,
  openPopup,
}) => {
  await useOpfsFolderPicker(context);
  const thesis = storedAnchor(THESIS, 300);
  const deploy = storedAnchor(DEPLOY, 200);
  await seedAnchors(context, extensionId, [thesis, deploy]);
  const options = await chooseFolder(context, extensionId);
  const save = await chatSaver(context);
  expect(await readFolderFile(options)).toBe(canonical([deploy, thesis] as Anchor[]));

  // Someone (Obsidian, another computer) adds an entry at the top and edits one next action.
  const added = storedAnchor({ ...DEPLOY, name: 'Capstone_Step9_Admin', nextAction: 'Add the admin route.' }, 10);
  const editedDeploy = { ...deploy, nextAction: 'Switch to webhook, then TLS.' };
  const edited = canonical([added, editedDeploy, thesis] as Anchor[]);
  await writeFolderFile(options, edited);

  // A change in the library meanwhile does not overwrite the file: the rewrite it starts finds the
  // file changed elsewhere (the options page says so once the background has looked) and waits
  // for the person's answer.
  const later = { ...THESIS, name: 'Thesis_Ch4_Results', nextAction: 'Draft 4.1.' };
  await save(later);
  await expect(options.getByRole('region', { name: 'Log file' }).getByRole('alert')).toContainText('1 new, 1 changed in your log file.');
  expect(await readFolderFile(options)).toBe(edited);

  const popup = await openPopup();
  const offer = popup.getByRole('region', { name: 'Log file' }).getByRole('alert');
  await expect(offer).toContainText('1 new, 1 changed in your log file.');
  await offer.getByRole('button', { name: 'Import' }).click();
  await expect(popup.getByText('Imported 1 new and 1 changed from your log file (the previous text is in the trash); the file was rewritten.')).toBeVisible();
  await expect(offer).toBeHidden();

  const stored = await storedAnchors(context, extensionId);
  const live = stored.filter((a) => !a.deletedAt);
  expect(live.map((a) => [a.name, a.nextAction])).toEqual([
    [THESIS.name, THESIS.nextAction],
    [DEPLOY.name, 'Switch to webhook, then TLS.'],
    ['Capstone_Step9_Admin', 'Add the admin route.'],
    [later.name, later.nextAction],
  ]);
  expect(live.find((a) => a.name === DEPLOY.name)?.id, 'the edited entry keeps its place in the library').toBe(deploy.id);
  expect(stored.filter((a) => a.deletedAt).map((a) => [a.name, a.nextAction]), 'the text before the edit is in the trash').toEqual([
    [DEPLOY.name, DEPLOY.nextAction],
  ]);
  // Then the file is the library's log again, with the entries from the file and the one saved meanwhile.
  await expect.poll(() => readFolderFile(options)).toBe(await libraryLog(context, extensionId));
});

test("Keep the library's rewrites a file changed elsewhere and leaves the library as it was", async ({
  context,
  extensionId,
  openPopup,
}) => {
  await useOpfsFolderPicker(context);
  const thesis = storedAnchor(THESIS, 300);
  await seedAnchors(context, extensionId, [thesis]);
  const options = await chooseFolder(context, extensionId);
  await writeFolderFile(options, canonical([{ ...thesis, context: 'Rewritten elsewhere.' }] as Anchor[]));

  const popup = await openPopup();
  const offer = popup.getByRole('region', { name: 'Log file' }).getByRole('alert');
  await expect(offer).toContainText('1 changed in your log file.');
  await offer.getByRole('button', { name: "Keep the library's" }).click();
  await expect(popup.getByText('The file was rewritten from the library.')).toBeVisible();
  expect(await readFolderFile(options)).toBe(canonical([thesis] as Anchor[]));
  expect(await storedAnchors(context, extensionId)).toEqual([thesis]);
});

test('permission withdrawn: the popup says so with one button, nothing is lost, and allowing writes the log', async ({
  context,
  extensionId,
  serviceWorker,
  openPopup,
}) => {
  await useOpfsFolderPicker(context);
  const thesis = storedAnchor(THESIS, 300);
  await seedAnchors(context, extensionId, [thesis]);
  const options = await chooseFolder(context, extensionId);
  const save = await chatSaver(context);
  const before = await readFolderFile(options);

  await withdrawPermission(serviceWorker);
  await save(DEPLOY);
  const popup = await openPopup();
  const problem = popup.getByRole('region', { name: 'Log file' }).getByRole('alert');
  await expect(problem).toContainText(
    'The browser wants your permission again before GPT Anchors writes to Anchors/ (it asks after a restart). Your library is safe.',
  );
  expect((await storedAnchors(context, extensionId)).map((a) => a.name)).toEqual([THESIS.name, DEPLOY.name]);
  expect(await readFolderFile(options), 'the file is untouched').toBe(before);

  // The person clicks; the browser's prompt (a shim here) grants it.
  await restorePermission(serviceWorker);
  await problem.getByRole('button', { name: 'Allow writing to Anchors/' }).click();
  await expect(problem).toBeHidden();
  expect(await permissionRequests(popup)).toBe(1);
  expect(await readFolderFile(options)).toBe(await libraryLog(context, extensionId));
});

test('ten saves within a second make one write', async ({ context, extensionId, serviceWorker }) => {
  await useOpfsFolderPicker(context);
  await seedAnchors(context, extensionId, [storedAnchor(THESIS, 300)]);
  const options = await chooseFolder(context, extensionId);
  const save = await chatSaver(context);
  const writes = await countWrites(serviceWorker);

  const started = Date.now();
  await Promise.all(Array.from({ length: 10 }, (_, i) => save({ ...DEPLOY, name: `Burst_${i}` })));
  expect(Date.now() - started, 'the ten saves took under a second').toBeLessThan(1_000);
  const library = await libraryLog(context, extensionId);
  await expect.poll(() => readFolderFile(options), { timeout: 5_000 }).toBe(library);
  await logKeeperSettled(options);
  expect(await writes()).toBe(1);
  expect(await readFolderFile(options)).toBe(library);
});

test('a delete in the popup while the service worker sleeps still rewrites the file', async ({ context, extensionId, openPopup }) => {
  await useOpfsFolderPicker(context);
  const thesis = storedAnchor(THESIS, 300);
  const deploy = storedAnchor(DEPLOY, 200);
  await seedAnchors(context, extensionId, [thesis, deploy]);
  const options = await chooseFolder(context, extensionId);
  const popup = await openPopup();
  await expect(statusLine(popup)).toBeVisible();

  // The popup writes the trash itself (lib/storage/db.ts); a stopped worker hears no BroadcastChannel.
  await stopServiceWorkers(context, popup);
  await popup.getByRole('list', { name: 'Anchors' }).getByRole('button', { name: new RegExp(`^${DEPLOY.name}\\b`) }).click();
  await popup.getByRole('region', { name: `${DEPLOY.name}, details` }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(popup.getByText(`Moved [${DEPLOY.name}] to the trash.`)).toBeVisible();
  await expect.poll(() => readFolderFile(options), { timeout: 5_000 }).toBe(canonical([thesis] as Anchor[]));
});

test('the folder gone: the popup says what to do, the library is untouched, choosing it again writes the log', async ({
  context,
  extensionId,
  openPopup,
}) => {
  await useOpfsFolderPicker(context);
  await seedAnchors(context, extensionId, [storedAnchor(THESIS, 300)]);
  const options = await chooseFolder(context, extensionId);
  const save = await chatSaver(context);
  await removeFolder(options);
  await save(DEPLOY);

  const popup = await openPopup();
  const problem = popup.getByRole('region', { name: 'Log file' }).getByRole('alert');
  await expect(problem).toContainText(
    'The folder Anchors/ is gone (moved, renamed or deleted). Your library is safe. Choose the folder again in Settings to keep the log there.',
  );
  await expect(problem.getByRole('button', { name: 'Open Settings' })).toBeVisible();
  expect((await storedAnchors(context, extensionId)).map((a) => a.name)).toEqual([THESIS.name, DEPLOY.name]);

  // On the options page, the same message and the way out.
  await options.reload();
  await options.getByRole('button', { name: 'Choose the folder again…' }).click();
  await expect(options.getByText(/^Log kept in Anchors\/ · written /)).toBeVisible();
  await expect(options.getByRole('alert')).toBeHidden();
  // Once (a clean-clone run) the file still read empty at this point, as if a write into the
  // re-created folder was not closed yet: wait for the text rather than read it once.
  await expect.poll(() => readFolderFile(options)).toBe(await libraryLog(context, extensionId));
});

test('a full disk: the write fails with what to do, the old file and the library stay, and Try again writes it', async ({
  context,
  extensionId,
  serviceWorker,
  openPopup,
}) => {
  await useOpfsFolderPicker(context);
  await seedAnchors(context, extensionId, [storedAnchor(THESIS, 300)]);
  const options = await chooseFolder(context, extensionId);
  const save = await chatSaver(context);
  const before = await readFolderFile(options);
  await serviceWorker.evaluate(() => {
    const proto = FileSystemWritableFileStream.prototype as unknown as Record<string, unknown>;
    proto.__close = proto.close;
    proto.close = async () => {
      throw new DOMException('There is not enough space on the disk.', 'QuotaExceededError');
    };
  });
  await save(DEPLOY);

  const popup = await openPopup();
  const problem = popup.getByRole('region', { name: 'Log file' }).getByRole('alert');
  await expect(problem).toContainText('The disk is full: the log file in Anchors/ was not written. Your library is safe. Free some space, then try again.');
  expect(await readFolderFile(options), 'the old file, whole').toBe(before);
  expect(await folderEntries(options), 'no swap file left behind').toEqual([LOG_FILE]);
  expect((await storedAnchors(context, extensionId)).map((a) => a.name)).toEqual([THESIS.name, DEPLOY.name]);

  await serviceWorker.evaluate(() => {
    const proto = FileSystemWritableFileStream.prototype as unknown as Record<string, unknown>;
    proto.close = proto.__close;
  });
  await problem.getByRole('button', { name: 'Try again' }).click();
  await expect(problem).toBeHidden();
  expect(await readFolderFile(options)).toBe(await libraryLog(context, extensionId));
});

test('one file per project too: written next to the whole log, removed again when switched off; stopping leaves the file', async ({ context, extensionId }) => {
  await useOpfsFolderPicker(context);
  const thesis = storedAnchor(THESIS, 300);
  const deploy = storedAnchor(DEPLOY, 200);
  await seedAnchors(context, extensionId, [thesis, deploy]);
  const options = await chooseFolder(context, extensionId);
  const save = await chatSaver(context);
  const perProject = options.getByRole('checkbox', { name: /Also keep one file per project/ });

  await perProject.check();
  await expect.poll(() => folderEntries(options)).toEqual([LOG_FILE, 'Thesis.md', 'Weekend.md']);
  expect(await readFolderFile(options, 'Thesis.md')).toBe(canonical([thesis] as Anchor[]));
  expect(await readFolderFile(options, 'Weekend.md')).toBe(canonical([deploy] as Anchor[]));

  await perProject.uncheck();
  await expect.poll(() => folderEntries(options)).toEqual([LOG_FILE]);

  // Stop keeping the log: the file stays as it is, and later changes leave it alone.
  const kept = await readFolderFile(options);
  await options.getByRole('button', { name: 'Stop keeping the log' }).click();
  await expect(options.getByText('The log is no longer kept in Anchors/. The files there stay as they are.')).toBeVisible();
  await expect(options.getByRole('button', { name: 'Keep the log in a folder…' })).toBeVisible();
  await save({ ...THESIS, name: 'After_Stop' });
  await logKeeperSettled(options);
  expect(await readFolderFile(options)).toBe(kept);
});

test('without the File System Access API (Firefox) the option says so and exports in one click', async ({
  context,
  extensionId,
  downloadsDir,
}) => {
  await context.addInitScript(() => {
    delete (window as unknown as { showDirectoryPicker?: unknown }).showDirectoryPicker;
  });
  await seedAnchors(context, extensionId, [storedAnchor(THESIS, 300)]);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const section = options.getByRole('region', { name: 'Log file' });
  await expect(section).toContainText('This browser cannot keep the log in a folder: it has no File System Access API');
  await expect(section.getByRole('button', { name: 'Keep the log in a folder…' })).toHaveCount(0);
  await section.getByRole('button', { name: 'Export the log' }).click();
  await expect(section).toContainText(/Saved 1 anchor to gpt-anchors-log-.*\.md in your downloads\./);
  expect(await waitForDownload(downloadsDir, /^gpt-anchors-log-.*\.md$/)).toBe(await libraryLog(context, extensionId));
});

test('a folder that already holds a hand-kept log: its entries are offered, not overwritten, and imported', async ({
  context,
  extensionId,
}) => {
  await useOpfsFolderPicker(context);
  const handKept = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/logs/sample-anchors-log.md'), 'utf8');
  const entries = parseAnchorLog(handKept).entries.length;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await writeFolderFile(options, handKept);

  await options.getByRole('button', { name: 'Keep the log in a folder…' }).click();
  const offer = options.getByRole('region', { name: 'Log file' }).getByRole('alert');
  await expect(offer).toHaveText(new RegExp(`^${entries} new in your log file\\.`));
  expect(await readFolderFile(options)).toBe(handKept);
  await offer.getByRole('button', { name: 'Import' }).click();
  await expect(options.getByText(`Imported ${entries} new from your log file; the file was rewritten.`)).toBeVisible();
  expect(await storedAnchors(context, extensionId)).toHaveLength(entries);
  expect(await readFolderFile(options)).toBe(await libraryLog(context, extensionId));
});

test('a settings change (the date format) rewrites the file, even from the options page while the worker sleeps', async ({
  context,
  extensionId,
}) => {
  await useOpfsFolderPicker(context);
  const thesis = storedAnchor(THESIS, 300);
  await seedAnchors(context, extensionId, [thesis]);
  const options = await chooseFolder(context, extensionId);
  await stopServiceWorkers(context, options);
  await options.getByRole('combobox', { name: /Date format/ }).selectOption('iso');
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect
    .poll(() => readFolderFile(options), { timeout: 5_000 })
    .toBe(formatLog([thesis as Anchor], { template: DEFAULT_TEMPLATE, dateFormat: 'iso', allVersions: true }));
});
