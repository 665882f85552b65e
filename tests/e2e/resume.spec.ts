import type { Page } from '@playwright/test';
import { anchorBar, expect, inPageToast, resumePicker as picker, stopServiceWorkers, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { THESIS, seedAnchors, setSettings, storedAnchor, storedAnchors } from './support/library';
import type { FixtureWindow } from '../fixtures/chatgpt/options';

const CHAT = '55555555-5555-4555-8555-555555555555';
const conversations = {
  [CHAT]: {
    title: 'Old chat',
    turns: [
      { role: 'user' as const, markdown: 'Hello' },
      { role: 'assistant' as const, markdown: 'Hi! How can I help?' },
    ],
  },
};

/** The resume text of THESIS, one line per composer paragraph. */
const THESIS_LINES = [
  'Resume from anchor: [Thesis_Ch3_Methods]',
  `Context: ${THESIS.context}`,
  `Current milestone: ${THESIS.milestone}`,
  `Next action: ${THESIS.nextAction}`,
  `Dependencies: ${THESIS.dependencies.join('; ')}`,
];

const fixture = (page: Page) => ({
  paragraphs: () => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.editorParagraphs()),
  sent: () => page.evaluate(() => [...(window as unknown as FixtureWindow).__chatgpt.sent]),
  route: () => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.route()),
  loads: () => page.evaluate(() => (window as unknown as FixtureWindow).__chatgpt.loads),
});

async function openPickerByKeyboard(page: Page) {
  await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).focus();
  await page.keyboard.press('Enter');
  await expect(picker(page)).toBeVisible();
  await expect(picker(page).getByRole('searchbox', { name: 'Search anchors' })).toBeFocused();
}

test('the picker works by keyboard alone and resumes into a new chat', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  await seedAnchors(context, extensionId, [
    storedAnchor(THESIS, 120),
    storedAnchor({ ...THESIS, name: 'Weekend_Bot_Deploy', context: 'Telegram bot; webhook fails.', nextAction: 'Switch to webhook.' }, 30),
    storedAnchor({ ...THESIS, name: 'Capstone_Admin', context: 'Admin panel', nextAction: 'Build the user table.' }, 10),
  ]);
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await openPickerByKeyboard(page);

  const options = picker(page).getByRole('option');
  await expect(options).toHaveCount(3);
  await expect(options.first()).toContainText('Capstone_Admin'); // newest first
  await expect(options.first()).toContainText('10 min ago');

  // Search matches every field: "webhook" is only in Weekend_Bot_Deploy's context and next action.
  await page.keyboard.type('coding scheme');
  await expect(options).toHaveCount(3);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('webhook');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('thesis');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect(options).toHaveCount(3);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  await expect(picker(page)).toHaveCount(0);
  await expect.poll(() => fixture(page).route()).toBe('/');
  await expect.poll(() => fixture(page).paragraphs()).toEqual(THESIS_LINES);
  expect(await fixture(page).loads()).toBe(1); // a route change, not a reload
  expect(await fixture(page).sent()).toEqual([]); // waits for the user to press send
  await expect(page.getByRole('status')).toContainText('Resumed [Thesis_Ch3_Methods]');

  const thesis = (await storedAnchors(context, extensionId)).find((a) => a.name === 'Thesis_Ch3_Methods');
  expect(thesis?.resumeCount).toBe(1);
  expect(thesis?.lastResumedAt).toBeTruthy();

  // Memory of use shows in the picker.
  await openPickerByKeyboard(page);
  await expect(picker(page).getByRole('option').filter({ hasText: 'Thesis_Ch3_Methods' })).toContainText('resumed 1×');
  await page.keyboard.press('Escape');
  await expect(picker(page)).toHaveCount(0);
});

test('from an empty chat it fills the composer right there; multi-line fields and Unicode survive', async ({
  context,
  extensionId,
}) => {
  const multiLine = {
    name: 'Résumé_Ω',
    context: 'Line one → ✓\nLine two: κ = 0.81 🚀\n  indented third',
    milestone: '3.1–3.3 written',
    nextAction: 'Write 3.4',
    dependencies: ['a; with semicolon', 'b'],
  };
  await serveChatGPT(context, { conversations });
  await seedAnchors(context, extensionId, [storedAnchor(multiLine)]);
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await openPickerByKeyboard(page);
  await page.keyboard.press('Enter');
  await expect.poll(() => fixture(page).paragraphs()).toEqual([
    'Resume from anchor: [Résumé_Ω]',
    'Context: Line one → ✓',
    'Line two: κ = 0.81 🚀',
    '  indented third',
    'Current milestone: 3.1–3.3 written',
    'Next action: Write 3.4',
    'Dependencies:',
    '- a; with semicolon',
    '- b',
  ]);
  expect(await fixture(page).route()).toBe('/');
});

test('send automatically sends exactly one message with the resume text', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
  await setSettings(context, extensionId, { autoSend: true });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await openPickerByKeyboard(page);
  await page.keyboard.press('Enter');
  // The resume is recorded once it has ended (written, sent): nothing of it is left to send then.
  await expect.poll(async () => (await storedAnchors(context, extensionId))[0]?.resumeCount).toBe(1);
  expect(await fixture(page).sent()).toEqual([THESIS_LINES.join('\n')]);
});

test('nothing is inserted twice when the composer re-renders during insertion', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  // As React would: rebuild the composer (keeping its document) right after the first line lands.
  await page.evaluate(() => {
    const api = (window as unknown as FixtureWindow).__chatgpt;
    const flags = window as unknown as { rerenderedMidway?: string };
    const observer = new MutationObserver(() => {
      const text = api.editorText();
      if (text.startsWith('Resume from anchor') && !text.includes('Dependencies')) {
        flags.rerenderedMidway = text;
        observer.disconnect();
        api.rerenderComposer();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await openPickerByKeyboard(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Resumed [Thesis_Ch3_Methods]');
  const midway = await page.evaluate(() => (window as unknown as { rerenderedMidway?: string }).rerenderedMidway);
  expect(midway, 'the composer was re-rendered while only part of the text was in').toBeTruthy();
  expect(await fixture(page).paragraphs()).toEqual(THESIS_LINES);
});

test('a very long anchor asks before inserting', async ({ context, extensionId }) => {
  const long = { ...THESIS, name: 'Long_One', context: 'x'.repeat(13_000) };
  await serveChatGPT(context, { conversations });
  await seedAnchors(context, extensionId, [storedAnchor(long)]);
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await openPickerByKeyboard(page);
  await page.keyboard.press('Enter');
  await expect(picker(page).getByRole('alert')).toContainText('more than ChatGPT comfortably takes in one message');
  expect(await fixture(page).paragraphs()).toEqual(['']);
  await picker(page).getByRole('button', { name: 'Insert anyway' }).click({ noWaitAfter: true });
  await expect.poll(async () => (await fixture(page).paragraphs())[1]?.length).toBe('Context: '.length + 13_000);
});

test('an empty library says how to save the first anchor', async ({ context }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await openPickerByKeyboard(page);
  await expect(picker(page)).toContainText('No anchors yet');
  await expect(picker(page)).toContainText('Save anchor');
});

test('Resume from the popup opens a new ChatGPT tab and fills it, even after the worker slept', async ({
  context,
  extensionId,
  openPopup,
}) => {
  await serveChatGPT(context, { conversations });
  const [seed] = [storedAnchor(THESIS)];
  await seedAnchors(context, extensionId, [seed!]);
  const popup = await openPopup();
  const row = popup.getByRole('list', { name: 'Anchors' }).getByRole('button', { name: /^Thesis_Ch3_Methods\b/ });
  await row.click();
  await stopServiceWorkers(context, popup);
  const opened = context.waitForEvent('page');
  await popup.getByRole('region', { name: 'Thesis_Ch3_Methods, details' }).getByRole('button', { name: 'Resume', exact: true }).click();
  const tab = await opened;
  await tab.waitForURL('https://chatgpt.com/');
  await expect.poll(() => fixture(tab).paragraphs(), { timeout: 15_000 }).toEqual(THESIS_LINES);
  expect(await fixture(tab).sent()).toEqual([]);
  await expect(inPageToast(tab)).toContainText('Resumed [Thesis_Ch3_Methods]');
  // The popup shows the memory of use.
  await expect(row).toContainText('resumed 1×');
});

test('a resume waiting for the new chat can be cancelled: its button says Cancel, and nothing is written', async ({
  context,
  extensionId,
}) => {
  await serveChatGPT(context, { conversations });
  await seedAnchors(context, extensionId, [storedAnchor(THESIS)]);
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  // A draft in the new chat's composer: the resume waits for an empty one (it never writes over a draft).
  await page.locator('#prompt-textarea').click();
  await page.keyboard.type('my own draft');
  await anchorBar(page).getByRole('button', { name: 'Resume anchor' }).click();
  await picker(page).getByRole('option').filter({ hasText: THESIS.name }).click();
  const cancel = anchorBar(page).getByRole('button', { name: 'Cancel resuming anchor' });
  await expect(cancel).toContainText('Resuming…');
  await expect(anchorBar(page).getByRole('button', { name: 'Save anchor' })).toBeDisabled();
  await cancel.click();
  await expect(inPageToast(page)).toContainText('Cancelled. The resume text was not sent.');
  await expect(anchorBar(page).getByRole('button', { name: 'Resume anchor' })).toBeEnabled();
  expect(await fixture(page).paragraphs()).toEqual(['my own draft']);
  expect(await fixture(page).sent()).toEqual([]);
  const [stored] = await storedAnchors(context, extensionId);
  expect(stored!.resumeCount).toBe(0);
});
