import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../tests/e2e/support/extension';
import { serveChatGPT } from '../tests/e2e/support/chatgpt-fixture';
import { THESIS, anchorReply, seedAnchors, storedAnchor } from '../tests/e2e/support/library';
import { REPO_ROOT } from '../tests/e2e/support/paths';
import type { Theme } from '../tests/fixtures/chatgpt/options';

/**
 * `npm run screenshots`: the store screenshots (1280×800, the size both stores take), made from
 * the ChatGPT fixture with the built Chrome extension, in light and dark:
 * bar-, toast-, picker- and popup-<theme>.png in SCREENSHOTS_DIR (default .output/screenshots).
 * The README's two pictures are also written to docs/screenshots/.
 *
 * Everything is found by role and visible name, as a person would (role locators pierce the
 * in-page UI's shadow root), and the picker is looked for in the page and in any frame, so the
 * script does not depend on how the UI is built.
 */

const SIZE = { width: 1280, height: 800 };
const OUT_DIR = path.resolve(REPO_ROOT, process.env.SCREENSHOTS_DIR ?? path.join(process.env.WXT_OUT_DIR ?? '.output', 'screenshots'));
const README_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const README_PICTURES = new Set(['toast-light.png', 'popup-dark.png']);

/** THESIS without its emoji: Debian's Chromium here has no emoji font, and a box would show. */
const ANCHOR = { ...THESIS, dependencies: ['Zotero library export', 'coding_scheme_v2.xlsx', 'Supervisor review slot (Fri)'] };

const CHAT = '7b6f0a52-3c1e-4d7a-9a41-2f5e8c9d0b13';
const conversations = {
  [CHAT]: {
    title: 'Thesis chapter 3',
    turns: [
      { role: 'user' as const, markdown: 'We are done for today. Anchor this as chat [Thesis_Ch3_Methods] with next action + dependencies.' },
      { role: 'assistant' as const, markdown: anchorReply(ANCHOR, 'Here is your anchor for the next chat:') },
    ],
  },
  'c3a1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b': {
    title: 'Weekend bot deploy',
    turns: [{ role: 'user' as const, markdown: 'hi' }],
  },
  'd4b2f3a5-6c7e-4f80-9b1c-1d2e3f4a5b6c': {
    title: 'Capstone: admin panel',
    turns: [{ role: 'user' as const, markdown: 'hi' }],
  },
};

/** A small library besides the anchor the screenshots save, so the picker and the popup have a list. */
const LIBRARY = [
  storedAnchor(
    {
      name: 'Capstone_Step9_Admin',
      context: 'Next.js app with Supabase auth; the admin panel is scaffolded.',
      milestone: 'Users table with search and paging',
      nextAction: 'Add role editing to the users table.',
      dependencies: ['Supabase service key', 'Figma: admin screens'],
    },
    50,
  ),
  storedAnchor(
    {
      name: 'Weekend_Bot_Deploy',
      context: 'Telegram bot on Fly.io; polling works, the webhook returns 502.',
      milestone: 'Bot answers /start and /help',
      nextAction: 'Switch to the webhook and check the TLS certificate.',
      dependencies: ['Fly.io token', 'BotFather token'],
    },
    26 * 60,
  ),
  storedAnchor(
    {
      name: 'Spanish_B2_Plan',
      context: 'Six-week plan; weeks 1–2 done (subjunctive, por/para).',
      milestone: 'Week 3 vocabulary deck made',
      nextAction: 'Write the week 3 essay prompt list.',
      dependencies: ['Anki deck "B2 week 3"'],
    },
    3 * 24 * 60,
  ),
];

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(OUT_DIR, name);
  const png = await page.screenshot({ path: file });
  expect(png.readUInt32BE(16), `${name} width`).toBe(SIZE.width);
  expect(png.readUInt32BE(20), `${name} height`).toBe(SIZE.height);
  if (README_PICTURES.has(name)) await page.screenshot({ path: path.join(README_DIR, name) });
}

/** The resume picker, wherever the UI puts it: in the page (shadow root included) or in a frame. */
async function resumePicker(page: Page): Promise<Locator> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const frame of page.frames()) {
      const dialog = frame.getByRole('dialog', { name: 'Resume anchor' });
      if (await dialog.isVisible().catch(() => false)) return dialog;
    }
    if (Date.now() > deadline) throw new Error('The Resume anchor picker did not show within 10 s.');
    await page.waitForTimeout(100);
  }
}

for (const theme of ['light', 'dark'] as const satisfies readonly Theme[]) {
  test(`screenshots, ${theme}`, async ({ context, extensionId, openPopup, consoleErrors }) => {
    mkdirSync(OUT_DIR, { recursive: true });
    mkdirSync(README_DIR, { recursive: true });
    await serveChatGPT(context, { conversations, theme });
    await seedAnchors(context, extensionId, LIBRARY);

    const page = await context.newPage();
    await page.setViewportSize(SIZE);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`https://chatgpt.com/c/${CHAT}`);
    const bar = page.getByRole('group', { name: 'GPT Anchors' });
    await expect(bar.getByRole('button', { name: 'Save anchor', exact: true })).toBeVisible();
    await shoot(page, `bar-${theme}.png`);

    await bar.getByRole('button', { name: 'Save anchor', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved anchor [Thesis_Ch3_Methods]' })).toBeVisible();
    await page.mouse.move(0, 0); // no hover highlight in the picture
    await shoot(page, `toast-${theme}.png`);

    await page.getByRole('status').filter({ hasText: 'Saved anchor' }).getByRole('button', { name: 'Dismiss' }).click();
    await bar.getByRole('button', { name: 'Resume anchor' }).click();
    const picker = await resumePicker(page);
    await expect(picker.getByRole('option')).toHaveCount(LIBRARY.length + 1);
    await shoot(page, `picker-${theme}.png`);
    await page.keyboard.press('Escape');
    await expect(picker).toBeHidden();

    const popup = await openPopup();
    await popup.emulateMedia({ colorScheme: theme });
    const list = popup.getByRole('list', { name: 'Anchors' });
    await list.getByRole('button', { name: /^Thesis_Ch3_Methods/ }).click();
    await expect(popup.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
    await popup.mouse.move(0, 0);
    const composite = await context.newPage();
    await composite.setViewportSize(SIZE);
    await composite.setContent(await overlayHtml(page, popup, theme));
    await shoot(composite, `popup-${theme}.png`);

    expect(consoleErrors, 'no errors logged by the page or the extension').toEqual([]);
  });
}

/**
 * The popup as it shows from the toolbar: the popup page (460 px wide, as tall as its content up
 * to 600) over the chat at the top right, where browsers open it. A page of two data: pictures,
 * so nothing is fetched.
 */
async function overlayHtml(chat: Page, popup: Page, theme: Theme): Promise<string> {
  await popup.setViewportSize({ width: 460, height: 600 });
  const height = Math.min(600, await popup.evaluate(() => document.documentElement.scrollHeight));
  const popupPng = (await popup.screenshot({ clip: { x: 0, y: 0, width: 460, height } })).toString('base64');
  const chatPng = (await chat.screenshot()).toString('base64');
  const border = theme === 'dark' ? '#4a4a4a' : '#d0d0d0';
  return `<!DOCTYPE html><html><body style="margin:0;width:${SIZE.width}px;height:${SIZE.height}px;overflow:hidden;position:relative">
<img alt="" src="data:image/png;base64,${chatPng}" style="position:absolute;inset:0;display:block">
<img alt="" src="data:image/png;base64,${popupPng}" style="position:absolute;top:12px;right:16px;display:block;border:1px solid ${border};border-radius:8px;box-shadow:0 12px 40px rgba(0,0,0,.35)">
</body></html>`;
}
