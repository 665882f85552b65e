import type { Worker } from '@playwright/test';
import { expect, inPageToast as toast, resumePicker, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { THESIS, anchorReply, storedAnchors } from './support/library';

/*
 * Headless Chromium has no browser window, so its keyboard shortcuts (extension commands) and
 * native context menus cannot be pressed from a test. The background's side — which tab gets
 * which message — is unit-tested in tests/unit/commands.test.ts; here the service worker sends
 * the very message it sends on the save and resume shortcuts or the menu click, and the page must act.
 */

const CHAT = '66666666-6666-4666-8666-666666666666';
const conversations = {
  [CHAT]: {
    title: 'Weekend bot',
    turns: [
      { role: 'user' as const, markdown: 'Anchor please' },
      { role: 'assistant' as const, markdown: anchorReply({ ...THESIS, name: 'Weekend_Bot_Deploy' }) },
      { role: 'user' as const, markdown: 'And some notes' },
      { role: 'assistant' as const, markdown: 'The webhook needs the fixed certificate.\n\nThen restart the tunnel.' },
    ],
  },
};

/** Sends `runCommand` to the ChatGPT tab from the background, as a command or menu click does. */
async function runCommand(worker: Worker, command: string, selectionText?: string) {
  const answer = await worker.evaluate(
    async ({ command, selectionText }) => {
      type Chrome = {
        tabs: {
          query(q: object): Promise<{ id: number }[]>;
          sendMessage(id: number, message: unknown): Promise<unknown>;
        };
      };
      const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
      const [tab] = await chrome.tabs.query({ url: 'https://chatgpt.com/*' });
      return chrome.tabs.sendMessage(tab!.id, { type: 'runCommand', payload: { command, selectionText } });
    },
    { command, selectionText },
  );
  expect(answer).toEqual({ ok: true, value: null });
}

test('the save and resume commands act in the ChatGPT tab', async ({ context, extensionId, serviceWorker }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await expect(page.getByRole('button', { name: 'Save anchor', exact: true })).toBeVisible();
  await page.evaluate(() => (window as unknown as { __chatgpt: { queueReply(m: string): void } }).__chatgpt.queueReply(
    '**Resume from anchor:** [Weekend_bot]\n\n**Context:** Bot on webhook.\n\n**Next action:** Restart the tunnel.',
  ));
  await runCommand(serviceWorker, 'save');
  await expect(toast(page)).toContainText('Saved anchor [Weekend_bot]', { timeout: 20_000 });
  expect((await storedAnchors(context, extensionId)).map((a) => a.name)).toEqual(['Weekend_bot']);

  // The command acts in the active tab; reading the database above opened the options page in front.
  await page.bringToFront();
  await runCommand(serviceWorker, 'resume');
  await expect(resumePicker(page)).toBeVisible();
  await expect(resumePicker(page).getByRole('searchbox', { name: 'Search anchors' })).toBeFocused();
});

test('Save selection as anchor parses a selected anchor', async ({ context, extensionId, serviceWorker }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  const first = page.locator('[data-message-author-role="assistant"] .markdown').first();
  await first.selectText();
  await runCommand(serviceWorker, 'saveSelection', 'flattened copy of the selection');
  await expect(toast(page)).toContainText('Saved anchor [Weekend_Bot_Deploy]');
  const [stored] = await storedAnchors(context, extensionId);
  expect(stored).toMatchObject({ name: 'Weekend_Bot_Deploy', origin: 'selection', dependencies: THESIS.dependencies });
});

test('a selection that is not an anchor becomes the Context of a new one named from the chat', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await page.locator('[data-message-author-role="assistant"] .markdown').last().selectText();
  await runCommand(serviceWorker, 'saveSelection', '');
  await expect(toast(page)).toContainText('Saved anchor [Weekend_bot]');
  const [stored] = await storedAnchors(context, extensionId);
  expect(stored).toMatchObject({ name: 'Weekend_bot', origin: 'selection', nextAction: '', dependencies: [] });
  expect(stored!.context).toContain('The webhook needs the fixed certificate.');
  expect(stored!.context).toContain('Then restart the tunnel.');
});
