import type { Page } from '@playwright/test';
import { expect, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { seedAnchor, seedAnchors } from './support/seed';

/*
 * What a row of the popup offers at a glance: the fields' markdown shown as formatting (not as
 * marks), a one-click Resume on every row (hover, keyboard focus, and the R key), and in the
 * details the chat an anchor came from, as a link.
 */

const CHAT_URL = 'https://chatgpt.com/c/12121212-1212-4121-8121-121212121212';

const older = seedAnchor(
  {
    name: 'Thesis_Ch3_Methods',
    context: 'Survey of 41 papers done.',
    nextAction: 'Write 3.1',
    dependencies: ['Zotero library export'],
  },
  120,
);
const latest = seedAnchor(
  {
    name: 'Thesis_Ch3_Methods',
    context: 'Survey **done**; coding scheme *v2* agreed.\nSee [the plan](https://example.com/plan) and `<img src=x onerror=alert(1)>`.',
    nextAction: 'Write **3.4** in `methods.md`',
    dependencies: ['Zotero library export', '`coding_scheme_v2.xlsx`'],
    source: { url: CHAT_URL, chatTitle: 'Thesis chapter 3', conversationId: '12121212-1212-4121-8121-121212121212' },
  },
  30,
);
const capstone = seedAnchor(
  { name: 'Capstone_Step9_Admin', nextAction: 'Add role editing', source: { url: 'https://example.com/not-chatgpt', chatTitle: 'Elsewhere' } },
  10,
);

async function openLibrary(openPopup: () => Promise<Page>): Promise<Page> {
  const popup = await openPopup();
  await seedAnchors(popup, [older, latest, capstone], false);
  await popup.reload();
  await expect(list(popup)).toBeVisible();
  return popup;
}

const list = (page: Page) => page.getByRole('list', { name: 'Anchors' });
const row = (page: Page, name: string) => list(page).getByRole('button', { name: new RegExp(`^${name}\\b`) });
/** A row's own Resume: named Resume, described by the anchor's name, in the row's list item. */
const rowResume = (page: Page, name: string) =>
  list(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: new RegExp(`^${name}\\b`) }) })
    .getByRole('button', { name: 'Resume', exact: true });
const details = (page: Page, name: string) => page.getByRole('region', { name: `${name}, details` });

test('shows bold, italic and code in rows, details and the diff, without their marks', async ({ openPopup }) => {
  const popup = await openLibrary(openPopup);
  const thesis = row(popup, 'Thesis_Ch3_Methods');
  await expect(thesis).toContainText('Write 3.4 in methods.md');
  await expect(thesis).not.toContainText('**');
  await expect(thesis.locator('strong')).toHaveText('3.4');
  await expect(thesis.locator('code')).toHaveText('methods.md');

  await thesis.click();
  const open = details(popup, 'Thesis_Ch3_Methods');
  const fields = open.getByRole('region', { name: 'Latest version' });
  await expect(fields).toContainText('Survey done; coding scheme v2 agreed.');
  await expect(fields).toContainText('See [the plan](https://example.com/plan) and <img src=x onerror=alert(1)>.');
  await expect(fields.locator('strong')).toHaveText(['done', '3.4']);
  await expect(fields.locator('em')).toHaveText(['v2']);
  await expect(fields.locator('code')).toHaveText(['<img src=x onerror=alert(1)>', 'methods.md', 'coding_scheme_v2.xlsx']);
  // A link in a field stays as written: nothing in a field becomes a link.
  await expect(fields.getByRole('link', { name: /plan/ })).toHaveCount(0);

  const changes = open.getByRole('region', { name: 'What changed' });
  await expect(changes.getByRole('insertion')).toContainText(['+ Write 3.4 in methods.md', '+ coding_scheme_v2.xlsx']);
  await expect(changes.getByRole('insertion').locator('strong')).toContainText(['done', '3.4']);
  await expect(changes).not.toContainText('**');
  await expect(changes).not.toContainText('`');

  expect(await popup.getByRole('img').count()).toBe(0);
  expect(await popup.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('every row has a Resume shown on hover and keyboard focus, and R resumes from the keyboard', async ({
  context,
  openPopup,
}) => {
  await serveChatGPT(context);
  const popup = await openLibrary(openPopup);
  const capstoneResume = rowResume(popup, 'Capstone_Step9_Admin');
  await expect(capstoneResume).toBeHidden();

  await row(popup, 'Capstone_Step9_Admin').hover();
  await expect(capstoneResume).toBeVisible();
  const [tab] = await Promise.all([context.waitForEvent('page'), capstoneResume.click()]);
  await expect(tab).toHaveURL(/^https:\/\/chatgpt\.com\//);
  await expect(popup.getByRole('status').first()).toContainText('Resuming [Capstone_Step9_Admin] in a new ChatGPT tab');
  await tab.close();

  // From the keyboard: the focused row shows its Resume, next in the tab order; R does the same.
  await popup.mouse.move(0, 0);
  await popup.getByRole('searchbox', { name: 'Search anchors' }).focus();
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('ArrowDown');
  const thesis = row(popup, 'Thesis_Ch3_Methods');
  await expect(thesis).toBeFocused();
  await expect(thesis).toHaveAttribute('title', /R: resume/);
  await expect(rowResume(popup, 'Thesis_Ch3_Methods')).toBeVisible();
  await expect(rowResume(popup, 'Thesis_Ch3_Methods')).toHaveAccessibleDescription('Thesis_Ch3_Methods');
  await expect(capstoneResume).toBeHidden();
  await popup.keyboard.press('Tab');
  await expect(rowResume(popup, 'Thesis_Ch3_Methods')).toBeFocused();
  await popup.keyboard.press('Shift+Tab');
  await expect(thesis).toBeFocused();
  const [byKey] = await Promise.all([context.waitForEvent('page'), popup.keyboard.press('r')]);
  await expect(byKey).toHaveURL(/^https:\/\/chatgpt\.com\//);
  await expect(popup.getByRole('status').first()).toContainText('Resuming [Thesis_Ch3_Methods] in a new ChatGPT tab');
});

test('the details link to the ChatGPT chat an anchor came from, and to nothing else', async ({ context, openPopup }) => {
  await serveChatGPT(context);
  const popup = await openLibrary(openPopup);
  await row(popup, 'Thesis_Ch3_Methods').click();
  const open = details(popup, 'Thesis_Ch3_Methods');
  const source = open.getByRole('link', { name: 'Thesis chapter 3' });
  await expect(source).toHaveAttribute('href', CHAT_URL);
  const [chat] = await Promise.all([context.waitForEvent('page'), source.click()]);
  await expect(chat).toHaveURL(CHAT_URL);

  // The older version has no source; a source that is not ChatGPT is not offered as a link.
  await open.getByRole('region', { name: 'History' }).getByRole('button', { name: 'Version 1', exact: true }).click();
  await expect(open.getByRole('link')).toHaveCount(0);
  await row(popup, 'Capstone_Step9_Admin').click();
  await expect(details(popup, 'Capstone_Step9_Admin').getByRole('link')).toHaveCount(0);
});
