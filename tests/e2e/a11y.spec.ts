import type { Page } from '@playwright/test';
import { expectAccessible, inBothThemes } from './support/axe';
import { anchorBar, expect, inPageToast, resumePicker, saveAnchorButton, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { THESIS, anchorReply } from './support/library';
import { seedAnchor, seedAnchors } from './support/seed';
import type { FixtureWindow } from '../fixtures/chatgpt/options';

/*
 * axe-core over everything GPT Anchors shows, in the light and the dark colour scheme: the popup
 * (empty, the library, a row opened with its history and what changed, the edit form, the trash),
 * the options page, and on
 * a ChatGPT page the bar, the Save this anchor buttons and the toast. On ChatGPT's page only our
 * own elements are checked: the page around them is the fixture's.
 */

const CHAT = '88888888-8888-4888-8888-888888888888';

test('the library page, empty and with a board, a card opened and its tags being edited, has no axe violations', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/library.html`);
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
  await inBothThemes(page, (theme) => expectAccessible(page, `the empty library page, ${theme}`));

  const old = new Date(Date.now() - 20 * 24 * 3_600_000).toISOString();
  const v1 = seedAnchor(
    { name: 'Thesis_Ch3_Methods', nextAction: 'Write 3.1', createdAt: old, source: { conversationId: 'c-1', url: 'https://chatgpt.com/c/c-1', chatTitle: 'Thesis' } },
    0,
  );
  await seedAnchors(page, [
    v1,
    seedAnchor(
      {
        name: 'Thesis_Ch3_Methods',
        nextAction: 'Write `3.4` (threats to validity)',
        dependencies: ['✓ Zotero', 'coding_scheme_v2.xlsx'],
        tags: ['thesis'],
        createdAt: new Date(Date.parse(old) + 3_600_000).toISOString(),
        source: { conversationId: 'c-2', url: 'https://chatgpt.com/c/c-2' },
      },
      0,
    ),
    seedAnchor({ name: 'Capstone_Step9_Admin', nextAction: 'Add role editing', dependencies: ['Supabase key'], tags: ['school'] }, 10),
  ]);
  const board = page.getByRole('list', { name: 'Projects' });
  await expect(board.getByRole('article')).toHaveCount(2);
  await expect(board).toContainText('Stale'); // the Thesis card, 20 days idle
  await inBothThemes(page, (theme) => expectAccessible(page, `the board, ${theme}`));

  const thesis = page.getByRole('article', { name: 'Thesis' });
  await thesis.getByRole('button', { name: 'Lineage and tags' }).click();
  await expect(thesis.getByRole('list', { name: 'Lineage of Thesis' })).toBeVisible();
  await thesis.getByRole('button', { name: 'Change tags of Thesis_Ch3_Methods' }).click();
  await thesis.getByRole('button', { name: 'Save tags' }).waitFor();
  await inBothThemes(page, (theme) => expectAccessible(page, `a card opened, its tags being edited, ${theme}`));
});

test('the popup, empty and with a library, has no axe violations', async ({ openPopup }) => {
  const popup = await openPopup();
  await expect(popup.getByRole('heading', { name: 'No anchors yet' })).toBeVisible();
  await inBothThemes(popup, (theme) => expectAccessible(popup, `the empty popup, ${theme}`));

  await seedAnchors(popup, [
    seedAnchor({ name: 'Thesis_Ch3_Methods', context: 'Survey done.', nextAction: 'Write 3.1', dependencies: ['Zotero'] }, 90),
    seedAnchor(
      {
        name: 'Thesis_Ch3_Methods',
        context: 'Survey done.\nCoding scheme **v2** agreed.',
        nextAction: 'Write `3.4` (threats to validity)',
        dependencies: ['Zotero', 'coding_scheme_v2.xlsx'],
        source: { url: 'https://chatgpt.com/c/11111111-1111-4111-8111-111111111111', chatTitle: 'Thesis chapter 3' },
      },
      30,
    ),
    seedAnchor({ name: 'Capstone_Step9_Admin', nextAction: 'Add role editing' }, 10),
  ]);
  const list = popup.getByRole('list', { name: 'Anchors' });
  await expect(list).toBeVisible();
  await list.getByRole('button', { name: /^Capstone_Step9_Admin/ }).hover(); // shows the row's Resume
  await expect(list.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
  await inBothThemes(popup, (theme) => expectAccessible(popup, `the library, ${theme}`));

  await list.getByRole('button', { name: /^Thesis_Ch3_Methods/ }).click();
  await expect(popup.getByRole('region', { name: 'What changed' })).toBeVisible();
  await inBothThemes(popup, (theme) => expectAccessible(popup, `the library with a row open, ${theme}`));

  await popup.getByRole('region', { name: 'Thesis_Ch3_Methods, details' }).getByRole('button', { name: 'Edit' }).click();
  await expect(popup.getByRole('form', { name: 'Edit Thesis_Ch3_Methods' })).toBeVisible();
  await inBothThemes(popup, (theme) => expectAccessible(popup, `the edit form, ${theme}`));
  await popup.getByRole('button', { name: 'Cancel' }).click();

  await popup.getByRole('button', { name: /^Trash/ }).click();
  await expect(popup.getByRole('heading', { name: 'Trash' })).toBeVisible();
  await inBothThemes(popup, (theme) => expectAccessible(popup, `the trash, ${theme}`));
});

test('the options page has no axe violations', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('button', { name: 'Save settings' })).toBeVisible();
  await inBothThemes(options, (theme) => expectAccessible(options, `the options page, ${theme}`));

  await options.getByRole('textbox', { name: 'Anchor request template' }).fill('No placeholder');
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByRole('alert')).toBeVisible();
  await inBothThemes(options, (theme) => expectAccessible(options, `the options page showing an error, ${theme}`));
});

async function setChatTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((value) => (window as unknown as FixtureWindow).__chatgpt.setTheme(value), theme);
  await expect(page.locator('#gpt-anchors-host')).toHaveAttribute('data-theme', theme);
}

test('the in-page bar, Save this anchor and the toast have no axe violations', async ({ context, serviceWorker }) => {
  await serveChatGPT(context, {
    conversations: {
      [CHAT]: {
        title: 'Thesis chapter 3',
        turns: [
          { role: 'user', markdown: 'Anchor this' },
          { role: 'assistant', markdown: anchorReply(THESIS) },
        ],
      },
    },
  });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await expect(anchorBar(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save this anchor' })).toBeVisible();
  const ours = { include: '#gpt-anchors-host' };
  const saveThis = { include: '[data-gpt-anchors-message]' };
  const apply = (theme: 'light' | 'dark') => setChatTheme(page, theme);

  await inBothThemes(
    page,
    async (theme) => {
      await expectAccessible(page, `the bar, ${theme}`, ours);
      await expectAccessible(page, `Save this anchor, ${theme}`, saveThis);
    },
    apply,
  );

  await saveAnchorButton(page).click();
  const toast = inPageToast(page);
  await expect(toast).toContainText('Saved anchor [Thesis_Ch3_Methods]');
  await toast.hover(); // keeps the toast up while it is checked
  await inBothThemes(page, (theme) => expectAccessible(page, `the Saved toast, ${theme}`, ours), apply);

  await toast.getByRole('button', { name: 'Rename' }).click();
  await toast.getByRole('textbox', { name: 'New name' }).fill('');
  await toast.getByRole('button', { name: 'Save name' }).click();
  await expect(toast.getByRole('alert')).toBeVisible();
  await inBothThemes(page, (theme) => expectAccessible(page, `the toast renaming, with an error, ${theme}`, ours), apply);

  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toBeHidden();
  // An error toast: "Save selection as anchor" with nothing selected, as the menu item sends it.
  await serviceWorker.evaluate(async () => {
    type Tabs = { query(q: object): Promise<{ id: number }[]>; sendMessage(id: number, message: unknown): Promise<unknown> };
    const { tabs } = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome;
    const [tab] = await tabs.query({ url: 'https://chatgpt.com/*' });
    await tabs.sendMessage(tab!.id, { type: 'runCommand', payload: { command: 'saveSelection', selectionText: '' } });
  });
  await expect(toast).toContainText('Select some text in the chat first.');
  await toast.hover();
  await inBothThemes(page, (theme) => expectAccessible(page, `an error toast, ${theme}`, ours), apply);
});

test('the Resume anchor picker has no axe violations, and shows a field’s markdown without its marks', async ({
  context,
  openPopup,
}) => {
  await serveChatGPT(context, {});
  await seedAnchors(await openPopup(), [
    seedAnchor({ name: 'Thesis_Ch3_Methods', nextAction: 'Write **3.4** and send `draft.md`' }, 30),
    seedAnchor({ name: 'Capstone_Step9_Admin', nextAction: 'Add role editing' }, 10),
  ]);
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await expect(anchorBar(page)).toBeVisible();
  const frame = { include: 'iframe[title="Resume anchor"]' };
  // The picker takes ChatGPT's theme when it opens: open it afresh in each.
  await inBothThemes(
    page,
    async (theme) => {
      await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
      const row = resumePicker(page).getByRole('option', { name: /Thesis_Ch3_Methods/ });
      await expect(row).toBeVisible();
      await expectAccessible(page, `the picker, ${theme}`, frame);
      await page.keyboard.press('Escape');
      await expect(resumePicker(page)).toBeHidden();
    },
    (theme) => setChatTheme(page, theme),
  );

  await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
  const row = resumePicker(page).getByRole('option', { name: /Thesis_Ch3_Methods/ });
  await expect(row).toContainText('Write 3.4 and send draft.md');
  await expect(row.locator('strong')).toHaveText('3.4');
  await expect(row.locator('code')).toHaveText('draft.md');
});
