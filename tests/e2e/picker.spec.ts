import type { Locator, Page, Worker } from '@playwright/test';
import { anchorBar, expect, resumePicker as picker, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { THESIS, seedAnchors, storedAnchor } from './support/library';
import type { FixtureWindow } from '../fixtures/chatgpt/options';

/**
 * The picker as a person uses it: an extension page in a frame over ChatGPT's page. The keyboard
 * (rows stay in view, Tab stays inside, Esc closes, focus goes back), the highlight's contrast in
 * both themes, more than 50 results, and the library changing while it is open.
 */

const many = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    storedAnchor({ ...THESIS, name: `Project_Step${String(i).padStart(3, '0')}`, nextAction: `Do step ${i}` }, i + 1),
  );

const resumeButton = (page: Page) => anchorBar(page).getByRole('button', { name: 'Resume anchor' });
const options = (page: Page) => picker(page).getByRole('option');
const highlighted = (page: Page) => picker(page).getByRole('option', { selected: true });
const searchbox = (page: Page) => picker(page).getByRole('searchbox', { name: 'Search anchors' });

async function openByKeyboard(page: Page) {
  await resumeButton(page).focus();
  await page.keyboard.press('Enter');
  await expect(searchbox(page)).toBeFocused();
}

/** Whether the row is wholly inside the list's visible area. */
function inView(row: Locator): Promise<boolean> {
  return row.evaluate((element) => {
    const list = element.closest('[role="listbox"]')!.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
  });
}

type Rgb = [number, number, number];
const rgb = (css: string): Rgb => {
  const [r, g, b] = css.match(/[\d.]+/g)!.map(Number);
  return [r!, g!, b!];
};
const luminance = ([r, g, b]: Rgb) => {
  const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

/** Sends the keyboard command's message to the tab, as Alt+Shift+R does (headless has no shortcuts). */
async function resumeCommand(worker: Worker) {
  await worker.evaluate(async () => {
    type Chrome = { tabs: { query(q: object): Promise<{ id: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> } };
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = await chrome.tabs.query({ url: 'https://chatgpt.com/*' });
    await chrome.tabs.sendMessage(tab!.id, { type: 'runCommand', payload: { command: 'resume' } });
  });
}

test('arrow keys keep the highlighted row in view; past 50 it says how many more and the arrows reach them', async ({
  context,
  extensionId,
}) => {
  await serveChatGPT(context, {});
  await seedAnchors(context, extensionId, many(75));
  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 600 });
  await page.goto('https://chatgpt.com/');
  await openByKeyboard(page);

  await expect(options(page)).toHaveCount(50);
  await expect(picker(page)).toContainText('25 more anchors match.');
  await expect(picker(page).getByRole('button', { name: 'Show 25 more' })).toBeVisible();
  for (let i = 1; i <= 49; i += 1) {
    await page.keyboard.press('ArrowDown');
    if (i % 12 === 0) expect(await inView(highlighted(page)), `row ${i + 1} in view`).toBe(true);
  }
  await expect(highlighted(page)).toContainText('Project_Step049');
  expect(await inView(highlighted(page))).toBe(true);

  await page.keyboard.press('ArrowDown'); // past the 50th: the rest come
  await expect(options(page)).toHaveCount(75);
  await expect(highlighted(page)).toContainText('Project_Step050');
  expect(await inView(highlighted(page))).toBe(true);
  await expect(picker(page)).not.toContainText('more anchors match');

  for (let i = 0; i < 30; i += 1) await page.keyboard.press('ArrowUp');
  await expect(highlighted(page)).toContainText('Project_Step020');
  expect(await inView(highlighted(page))).toBe(true);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the highlighted row stands out from the list (at least 3:1) in the ${theme} theme`, async ({ context, extensionId }) => {
    await serveChatGPT(context, { theme });
    await seedAnchors(context, extensionId, many(3));
    const page = await context.newPage();
    await page.goto('https://chatgpt.com/');
    await openByKeyboard(page);
    await page.keyboard.press('ArrowDown');
    const colours = await highlighted(page).evaluate((row) => {
      const list = row.closest('[role="listbox"]')!;
      return {
        theme: document.documentElement.dataset.theme,
        list: getComputedStyle(list).backgroundColor,
        row: getComputedStyle(row).backgroundColor,
        name: getComputedStyle(row.querySelector('.option-name')!).color,
        next: getComputedStyle(row.querySelector('.option-next')!).color,
      };
    });
    expect(colours.theme).toBe(theme);
    expect(contrast(colours.row, colours.list), `${colours.row} against ${colours.list}`).toBeGreaterThanOrEqual(3);
    expect(contrast(colours.name, colours.row)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.next, colours.row)).toBeGreaterThanOrEqual(4.5);
  });
}

test('Tab stays in the picker, Esc closes from anywhere in it, and focus goes back where it was', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  await serveChatGPT(context, {});
  await seedAnchors(context, extensionId, many(60));
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await openByKeyboard(page);

  const focusedInPicker = picker(page).locator(':focus');
  const seen: string[] = [];
  for (let i = 0; i < 7; i += 1) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    await expect(focusedInPicker).toHaveCount(1);
    seen.push((await focusedInPicker.getAttribute('aria-label')) ?? (await focusedInPicker.textContent()) ?? '');
  }
  expect(new Set(seen)).toEqual(new Set(['Close', 'Show 10 more', '']));
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME'); // ChatGPT's page never got focus

  await picker(page).getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Escape');
  await expect(picker(page)).toHaveCount(0);
  await expect(resumeButton(page)).toBeFocused();

  // Opened by the keyboard command while typing in the composer: Esc puts the caret back there.
  await page.locator('#prompt-textarea').click();
  await resumeCommand(serviceWorker);
  await expect(searchbox(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(picker(page)).toHaveCount(0);
  await expect(page.locator('#prompt-textarea')).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorText())).toBe('');
});

test('the open picker follows the library: an anchor saved meanwhile shows up', async ({ context, extensionId }) => {
  await serveChatGPT(context, {});
  await seedAnchors(context, extensionId, many(2));
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await openByKeyboard(page);
  await expect(options(page)).toHaveCount(2);
  await page.keyboard.type('fresh');
  await expect(picker(page)).toContainText('No anchor matches “fresh”.');
  await seedAnchors(context, extensionId, [storedAnchor({ ...THESIS, name: 'Fresh_Anchor' }, 0)]);
  await expect(options(page)).toHaveText([/^Fresh_Anchor/]);
  expect(await picker(page).evaluate(() => document.documentElement.dataset.librarySource)).toBe('background');
});

test.describe('when the browser allows storage in frames from other sites', () => {
  test.use({ thirdPartyStorage: true });

  test('the picker reads the library itself, follows it, and resumes', async ({ context, extensionId }) => {
    await serveChatGPT(context, {});
    await seedAnchors(context, extensionId, many(3));
    const page = await context.newPage();
    await page.goto('https://chatgpt.com/');
    await openByKeyboard(page);
    await expect(options(page)).toHaveCount(3);
    expect(await picker(page).evaluate(() => document.documentElement.dataset.librarySource)).toBe('indexeddb');
    await seedAnchors(context, extensionId, [storedAnchor({ ...THESIS, name: 'Fresh_Anchor' }, 0)]);
    await expect(options(page)).toHaveCount(4);
    await page.keyboard.press('Enter');
    await expect(picker(page)).toHaveCount(0);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorParagraphs()[0]))
      .toBe('Resume from anchor: [Fresh_Anchor]');
  });
});
