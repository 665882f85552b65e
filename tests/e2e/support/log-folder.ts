import type { BrowserContext, Page, Worker } from '@playwright/test';

/**
 * Test shims for the log file kept in a folder: nothing here is in the product.
 *
 * - The folder picker: in extension pages `showDirectoryPicker` returns the folder `Anchors` of
 *   the extension origin's Origin Private File System, a real directory handle. The extension
 *   stores it in IndexedDB and writes through it as it would through a folder on disk; the test
 *   reads the files back from the same OPFS.
 * - Permission prompts: OPFS handles are always granted, so withdrawing permission (as the
 *   browser does after a restart) is simulated by patching FileSystemHandle.prototype in the
 *   service worker (queryPermission answers 'prompt', createWritable is refused) and in pages
 *   (requestPermission answers what the test says and records that it was asked).
 */

export const FOLDER = 'Anchors';
export const LOG_FILE = 'GPT Anchors Log.md';

/** Installs the OPFS picker and the permission prompt in every extension page opened after this. */
export async function useOpfsFolderPicker(context: BrowserContext, { promptAnswer = 'granted' } = {}): Promise<void> {
  await context.addInitScript(
    ({ folder, answer }) => {
      if (location.protocol !== 'chrome-extension:') return;
      const page = window as unknown as Record<string, unknown>;
      page.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true });
      page.__permissionRequests = 0;
      (FileSystemHandle.prototype as unknown as Record<string, unknown>).requestPermission = async () => {
        page.__permissionRequests = (page.__permissionRequests as number) + 1;
        return answer;
      };
    },
    { folder: FOLDER, answer: promptAnswer },
  );
}

/** How often a page asked the browser for permission (its prompt shim above). */
export function permissionRequests(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __permissionRequests: number }).__permissionRequests);
}

/** A file of the stand-in folder, read from any extension page; null when there is none. */
export function readFolderFile(page: Page, name = LOG_FILE): Promise<string | null> {
  return page.evaluate(
    async ({ folder, name }) => {
      try {
        const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
        return await (await (await dir.getFileHandle(name)).getFile()).text();
      } catch {
        return null;
      }
    },
    { folder: FOLDER, name },
  );
}

/** The names in the stand-in folder (swap files included, were any left behind). */
export function folderEntries(page: Page): Promise<string[]> {
  return page.evaluate(async (folder) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
    const names: string[] = [];
    for await (const name of dir.keys()) names.push(name);
    return names.sort();
  }, FOLDER);
}

/** Writes a file into the stand-in folder, as another program (a sync client, Obsidian) would. */
export function writeFolderFile(page: Page, text: string, name = LOG_FILE): Promise<void> {
  return page.evaluate(
    async ({ folder, name, text }) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true });
      const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await writable.write(text);
      await writable.close();
    },
    { folder: FOLDER, name, text },
  );
}

/** Deletes the whole stand-in folder, as if it was moved or deleted on disk. */
export function removeFolder(page: Page): Promise<void> {
  return page.evaluate((folder) => navigator.storage.getDirectory().then((root) => root.removeEntry(folder, { recursive: true })), FOLDER);
}

/**
 * The browser takes back write permission, in the service worker where the log is written:
 * queryPermission answers 'prompt' and createWritable is refused, until `restorePermission`.
 */
export async function withdrawPermission(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    type Patched = Record<string, unknown> & { __original?: Record<string, unknown> };
    const handle = FileSystemHandle.prototype as unknown as Patched;
    const file = FileSystemFileHandle.prototype as unknown as Patched;
    handle.__original = { queryPermission: handle.queryPermission };
    file.__original = { createWritable: file.createWritable };
    handle.queryPermission = async () => 'prompt';
    file.createWritable = async () => {
      throw new DOMException('The request is not allowed by the user agent.', 'NotAllowedError');
    };
  });
}

export async function restorePermission(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    type Patched = Record<string, unknown> & { __original?: Record<string, unknown> };
    for (const proto of [FileSystemHandle.prototype, FileSystemFileHandle.prototype] as unknown as Patched[]) {
      Object.assign(proto, proto.__original ?? {});
      delete proto.__original;
    }
  });
}

/** Counts the service worker's writes of `name` from now on (each write opens one writable stream). */
export async function countWrites(worker: Worker, name = LOG_FILE): Promise<() => Promise<number>> {
  await worker.evaluate((name) => {
    const scope = globalThis as unknown as { __writes: number };
    scope.__writes = 0;
    const proto = FileSystemFileHandle.prototype;
    const original = proto.createWritable;
    proto.createWritable = function (this: FileSystemFileHandle, ...args: Parameters<typeof original>) {
      if (this.name === name) scope.__writes += 1;
      return original.apply(this, args);
    };
  }, name);
  return () => worker.evaluate(() => (globalThis as unknown as { __writes: number }).__writes);
}

/**
 * Waits until the background's log keeper has done everything due: asks it for the check a page
 * asks for when it opens (lib/log-file/keeper.ts), which runs after any write under way and in
 * place of a write still waiting for its quiet moment. When it answers, nothing is left to write.
 */
export async function logKeeperSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome;
    await runtime.sendMessage({ type: 'checkLogFile', payload: {} });
  });
}

/** Opens the options page and keeps the log in the stand-in folder, as a person would. */
export async function chooseFolder(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('button', { name: 'Keep the log in a folder…' }).click();
  await options.getByText(/^Log kept in Anchors\/ · written /).waitFor();
  return options;
}
