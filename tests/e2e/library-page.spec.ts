import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { seedAnchors, seedResumes, storedAnchors } from './support/library';
import { seedAnchor } from './support/seed';
import type { FixtureWindow } from '../fixtures/chatgpt/options';

/**
 * The full-page library (entrypoints/library/): one card per project with where it stands, stale
 * after the setting by the page's clock (Playwright's clock stands in for time passing: nothing in
 * the extension can be told the time), one-click Resume, lineage and tags.
 */

const DAY = 24 * 60 * 60_000;
const T0 = Date.parse('2026-03-10T12:00:00.000Z');
const daysBefore = (days: number) => new Date(T0 - days * DAY).toISOString();

const CAPSTONE_9 = seedAnchor({
  name: 'Capstone_Step9_Admin',
  nextAction: 'Add role editing',
  dependencies: ['Supabase service key'],
  createdAt: daysBefore(5),
});
const CAPSTONE_10 = seedAnchor({
  name: 'Capstone_Step10_API',
  context: 'Admin panel done.',
  nextAction: 'Write the **API** tests',
  dependencies: ['✅ DB schema', 'Staging URL', 'Postman collection (done)'],
  createdAt: daysBefore(2),
  lastResumedAt: daysBefore(1),
  resumeCount: 1,
});
const THESIS = seedAnchor({ name: 'Thesis_Ch3', nextAction: 'Write 3.4 and send it to the supervisor', dependencies: ['Zotero export'], createdAt: daysBefore(3) });
const TRASHED = seedAnchor({ name: 'Bot_MVP', nextAction: 'Deploy', createdAt: daysBefore(1), deletedAt: daysBefore(0.5) });
const LIBRARY = [CAPSTONE_9, CAPSTONE_10, THESIS, TRASHED];

const libraryUrl = (extensionId: string) => `chrome-extension://${extensionId}/library.html`;
const board = (page: Page) => page.getByRole('list', { name: 'Projects' });
const card = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });

/** The library page, its clock at T0 and moving on (Playwright's clock; `clock: false` for the real one). */
async function openLibraryPage(context: BrowserContext, extensionId: string, { clock = true } = {}): Promise<Page> {
  const page = await context.newPage();
  if (clock) await page.clock.install({ time: T0 });
  await page.goto(libraryUrl(extensionId));
  return page;
}

test('one card per project: the newest next action, open dependencies, last saved and resumed, idle days', async ({ context, extensionId }) => {
  await seedAnchors(context, extensionId, LIBRARY);
  const page = await openLibraryPage(context, extensionId);

  // Most recently active first: Capstone was resumed a day ago; the trashed Bot has no card.
  await expect(board(page).getByRole('article')).toHaveCount(2);
  await expect(board(page).getByRole('heading', { level: 2 })).toHaveText(['Capstone', 'Thesis']);
  const capstone = card(page, 'Capstone');
  await expect(capstone.getByRole('definition').first()).toHaveText('Write the API tests'); // bold shown, not its marks
  await expect(capstone.getByRole('definition').first().locator('strong')).toHaveText('API');
  await expect(capstone.getByRole('definition').nth(1).getByRole('listitem')).toHaveText(['Staging URL']); // the done ones left out
  await expect(capstone).toContainText('From [Capstone_Step10_API] · saved 2 d ago · resumed 1 d ago · 2 anchors, 2 versions');
  await expect(capstone).toContainText('1 day idle');
  await expect(card(page, 'Thesis')).toContainText('3 days idle');
  await expect(card(page, 'Thesis')).toContainText('never resumed');
  await expect(page.getByText('2 projects', { exact: true })).toBeVisible();
});

test('a project turns stale after the setting (7 days by default), as the clock moves on', async ({ context, extensionId }) => {
  await seedAnchors(context, extensionId, LIBRARY);
  const page = await openLibraryPage(context, extensionId);
  const thesis = card(page, 'Thesis');
  await expect(thesis).toContainText('3 days idle');
  await expect(thesis).not.toContainText('Stale');

  await page.clock.fastForward(5 * DAY); // the board reads the clock every minute
  await expect(thesis).toContainText('Stale · 8 days idle');
  await expect(card(page, 'Capstone')).toContainText('6 days idle');
  await expect(card(page, 'Capstone')).not.toContainText('Stale');
  await expect(page.getByText('2 projects, 1 stale (nothing saved or resumed for 7 days or more)')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Stale only' }).check();
  await expect(board(page).getByRole('heading', { level: 2 })).toHaveText(['Thesis']);
  await page.getByRole('checkbox', { name: 'Stale only' }).uncheck();

  // The setting, changed on the options page, reaches the open board.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('spinbutton', { name: /stale after/ }).fill('10');
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(thesis).toContainText('8 days idle');
  await expect(thesis).not.toContainText('Stale');
  await page.clock.fastForward(2 * DAY);
  await expect(thesis).toContainText('Stale · 10 days idle');
});

test('Resume on a card opens a new ChatGPT tab with the project’s newest anchor', async ({ context, extensionId }) => {
  await serveChatGPT(context);
  await seedAnchors(context, extensionId, LIBRARY);
  // The real clock: Playwright's would run in the new ChatGPT tab too, which this test does not need.
  const page = await openLibraryPage(context, extensionId, { clock: false });
  const opened = context.waitForEvent('page');
  await card(page, 'Capstone').getByRole('button', { name: 'Resume Capstone_Step10_API' }).click();
  await expect(page.getByRole('status')).toContainText('Resuming [Capstone_Step10_API] in a new ChatGPT tab…');
  const chat = await opened;
  // The tab starts blank and then loads ChatGPT: read its composer once it is there.
  await chat.waitForURL(/^https:\/\/chatgpt\.com\//);
  await expect
    .poll(() => chat.evaluate(() => (window as unknown as FixtureWindow).__chatgpt?.editorParagraphs() ?? []), { timeout: 20_000 })
    .toEqual([
      'Resume from anchor: [Capstone_Step10_API]',
      'Context: Admin panel done.',
      'Current milestone:',
      'Next action: Write the **API** tests',
      'Dependencies: ✅ DB schema; Staging URL; Postman collection (done)',
    ]);
  await expect.poll(async () => (await storedAnchors(context, extensionId)).find((a) => a.id === CAPSTONE_10.id)?.resumeCount).toBe(2);
  // The resume shows on the board: resumed just now.
  await expect(card(page, 'Capstone')).toContainText('resumed just now');
});

test('lineage: the chats a project went through, each a link that opens it', async ({ context, extensionId }) => {
  const v1 = seedAnchor({
    name: 'Thesis_Ch3',
    nextAction: 'Write 3.4',
    origin: 'requested',
    createdAt: daysBefore(4),
    source: { conversationId: 'chat-one', url: 'https://chatgpt.com/c/chat-one', chatTitle: 'Thesis chapter 3' },
  });
  const v2 = seedAnchor({
    name: 'Thesis_Ch3',
    nextAction: 'Send 3.4 to the supervisor',
    origin: 'requested',
    createdAt: daysBefore(2),
    source: { conversationId: 'chat-two', url: 'https://chatgpt.com/c/chat-two', chatTitle: 'Resume Thesis' },
  });
  await seedAnchors(context, extensionId, [v1, v2]);
  await seedResumes(context, extensionId, [
    { id: 'r1', anchorId: v1.id, name: 'Thesis_Ch3', resumedAt: daysBefore(3), conversationId: 'chat-two', url: 'https://chatgpt.com/c/chat-two', chatStartedAt: daysBefore(3), handshake: 'matched' },
  ]);
  const page = await openLibraryPage(context, extensionId);
  const thesis = card(page, 'Thesis');
  await thesis.getByRole('button', { name: 'Lineage and tags' }).click();
  const lineage = thesis.getByRole('list', { name: 'Lineage of Thesis' });
  await expect(lineage.getByRole('listitem')).toHaveText([
    /^💬\s*Started in chat “Thesis chapter 3”/,
    /^⚓\s*\[Thesis_Ch3\] v1 asked for · /,
    /^↪\s*Resumed \[Thesis_Ch3\] v1 into chat “Resume Thesis” · .* · ChatGPT restated the same next action/,
    /^⚓\s*\[Thesis_Ch3\] v2 asked for in that chat · /,
  ]);
  await expect(lineage.getByRole('link', { name: 'chat “Thesis chapter 3”' })).toHaveAttribute('href', 'https://chatgpt.com/c/chat-one');
  await expect(lineage.getByRole('link', { name: 'chat “Resume Thesis”' })).toHaveAttribute('href', 'https://chatgpt.com/c/chat-two');
  await expect(lineage.getByRole('link').first()).toHaveAttribute('target', '_blank');
});

test('tags: set in the popup’s details and on the board, filtered in both, and a card per tag', async ({ context, extensionId, openPopup }) => {
  await seedAnchors(context, extensionId, LIBRARY);
  const page = await openLibraryPage(context, extensionId);
  await expect(board(page).getByRole('article')).toHaveCount(2);

  const popup = await openPopup();
  await popup.getByRole('list', { name: 'Anchors' }).getByRole('button', { name: /^Thesis_Ch3\b/ }).click();
  await popup.getByRole('button', { name: 'Change tags of Thesis_Ch3' }).click();
  await popup.getByRole('textbox', { name: 'Tags for Thesis_Ch3' }).fill('school, #Writing, school');
  await popup.getByRole('button', { name: 'Save tags' }).click();
  await expect(popup.getByRole('status')).toContainText('Tagged [Thesis_Ch3]: school, Writing.');
  await expect(popup.getByLabel('Tags of Thesis_Ch3', { exact: true })).toHaveText('schoolWriting');
  await popup.getByRole('combobox', { name: 'Tag' }).selectOption('Writing');
  await expect(popup.getByRole('list', { name: 'Anchors' }).getByRole('button', { name: /^Thesis_Ch3\b/ })).toBeVisible();
  await expect(popup.getByRole('list', { name: 'Anchors' }).getByRole('button', { name: /^Capstone/ })).toHaveCount(0);

  // The open board hears of it, and tags go on from there.
  await expect(card(page, 'Thesis').getByLabel('Tags', { exact: true })).toHaveText('schoolWriting');
  const capstone = card(page, 'Capstone');
  await capstone.getByRole('button', { name: 'Lineage and tags' }).click();
  await capstone.getByRole('button', { name: 'Change tags of Capstone_Step10_API' }).click();
  await capstone.getByRole('textbox', { name: 'Tags for Capstone_Step10_API' }).fill('school');
  await capstone.getByRole('textbox', { name: 'Tags for Capstone_Step10_API' }).press('Enter');
  await expect(capstone.getByLabel('Tags', { exact: true })).toHaveText('school');

  await page.getByRole('combobox', { name: 'Tag' }).selectOption('Writing');
  await expect(board(page).getByRole('heading', { level: 2 })).toHaveText(['Thesis']);
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('');
  await page.getByRole('combobox', { name: 'Group by' }).selectOption('tag');
  const tags = page.getByRole('list', { name: 'Tags' });
  await expect(tags.getByRole('heading', { level: 2 })).toHaveText(['#school', '#Writing']);
  await expect(card(page, '#school')).toContainText('Write the API tests'); // the newest next action among its names
  await expect(card(page, '#Writing')).toContainText('Write 3.4 and send it to the supervisor');

  // A bad tag is refused with a reason, and nothing changes.
  await card(page, '#school').getByRole('button', { name: 'Lineage and tags' }).click();
  await card(page, '#school').getByRole('button', { name: 'Change tags of Thesis_Ch3' }).click();
  await card(page, '#school').getByRole('textbox', { name: 'Tags for Thesis_Ch3' }).fill('x'.repeat(41));
  await card(page, '#school').getByRole('button', { name: 'Save tags' }).click();
  await expect(card(page, '#school').getByRole('alert')).toContainText('is longer than 40 characters');
  const stored = (await storedAnchors(context, extensionId)).filter((a) => a.name === 'Thesis_Ch3');
  expect(stored.map((a) => a.tags)).toEqual([['school', 'Writing']]);
});

test('the popup and the options page open the library', async ({ context, extensionId, openPopup }) => {
  await seedAnchors(context, extensionId, LIBRARY);
  const popup = await openPopup();
  const fromPopup = context.waitForEvent('page');
  await popup.getByRole('link', { name: 'Open library' }).click();
  const library = await fromPopup;
  await expect(library).toHaveURL(libraryUrl(extensionId));
  await expect(board(library).getByRole('article')).toHaveCount(2);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const fromOptions = context.waitForEvent('page');
  await options.getByRole('link', { name: 'Open the library' }).click();
  await expect(await fromOptions).toHaveURL(libraryUrl(extensionId));
});

test('an empty library says how to start', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(libraryUrl(extensionId));
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
  await expect(page.getByText('Save an anchor in a ChatGPT chat')).toBeVisible();
});
