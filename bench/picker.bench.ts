import type { BrowserContext, Frame, Page } from '@playwright/test';
import { CHATGPT_URL, serveChatGPT } from '../tests/e2e/support/chatgpt-fixture';
import { seedGenerated } from '../tests/e2e/support/seed';

/**
 * The Resume anchor picker on a big library. It is an extension page in a frame over the ChatGPT
 * fixture (lib/content/picker-frame.ts); it reads the library once and searches it in memory on
 * every keystroke. Numbers come from marks the picker records (components/popup/perf.ts, in the
 * picker frame): `search-update`, keydown → filtered list in the DOM, and `search-frame`, to the
 * next animation frame; `list-rendered`, the first list in the DOM (the newest anchors), and
 * `library-read`, the whole library in and searchable, since the frame's navigation.
 */

export const PICKER_TARGETS = { keystrokeMs: 50 } as const;

/** Writes `count` generated anchors (ids bench-0 … bench-<count-1>: a bigger seed overwrites a smaller one). */
export async function seedPickerLibrary(context: BrowserContext, extensionId: string, count: number): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await seedGenerated(page, count);
  await page.close();
}

async function pickerFrame(page: Page): Promise<Frame> {
  for (let tries = 0; tries < 200; tries += 1) {
    const frame = page.frames().find((f) => f.url().includes('/picker.html'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('The picker frame did not open');
}

export type PickerOpen = { openToListMs: number; openToLibraryMs: number; clickToListMs: number; source: string };
export type PickerRun = { opens: PickerOpen[]; update: number[]; frame: number[] };

/** Opens the picker on a ChatGPT page and waits for the whole library; returns the open page and its frame. */
async function openPicker(page: Page): Promise<{ frame: Frame; open: PickerOpen }> {
  await page.goto(CHATGPT_URL);
  const button = page.getByRole('group', { name: 'GPT Anchors' }).getByRole('button', { name: 'Resume anchor' });
  await button.waitFor();
  await page.waitForTimeout(300); // the page settles, as a person would look before clicking
  const clicked = Date.now();
  await button.click();
  await page.frameLocator('iframe[title="Resume anchor"]').getByRole('option').first().waitFor({ timeout: 120_000 });
  const clickToListMs = Date.now() - clicked;
  const frame = await pickerFrame(page);
  await frame.waitForFunction(() => performance.getEntriesByName('library-read').length > 0, null, { timeout: 120_000 });
  const marks = await frame.evaluate(() => ({
    source: document.documentElement.dataset.librarySource ?? '?',
    openToListMs: performance.getEntriesByName('list-rendered')[0]?.startTime ?? NaN,
    openToLibraryMs: performance.getEntriesByName('library-read')[0]?.startTime ?? NaN,
  }));
  return { frame, open: { ...marks, clickToListMs } };
}

/** Opens the picker `opens` times (the first one cold), then types each query a key at a time in the last. */
export async function benchPickerKeystrokes(context: BrowserContext, queries: string[], opens = 4): Promise<PickerRun> {
  await serveChatGPT(context, {});
  const page = await context.newPage();
  const runs: PickerOpen[] = [];
  let frame: Frame | undefined;
  for (let run = 0; run < opens; run += 1) {
    const opened = await openPicker(page);
    runs.push(opened.open);
    frame = opened.frame;
  }
  const picker = page.frameLocator('iframe[title="Resume anchor"]');
  const search = picker.getByRole('searchbox', { name: 'Search anchors' });
  await page.waitForTimeout(1_000); // a person reads the list before typing; the search text is built when idle
  const update: number[] = [];
  const frames: number[] = [];
  for (const query of queries) {
    await search.fill('');
    await page.waitForTimeout(100);
    await frame!.evaluate(() => performance.clearMeasures()); // only the typed keys count, not the clearing
    await search.pressSequentially(query, { delay: 60 });
    await page.waitForTimeout(150);
    const measures = await frame!.evaluate(() => ({
      update: performance.getEntriesByName('search-update').map((m) => m.duration),
      frame: performance.getEntriesByName('search-frame').map((m) => m.duration),
    }));
    update.push(...measures.update);
    frames.push(...measures.frame);
  }
  await page.close();
  return { opens: runs, update, frame: frames };
}
