import { expect, test } from './guard';
import { inPageToast as toast, saveAnchorButton } from '../support/extension';
import { serveChatGPT } from '../support/chatgpt-fixture';
import { anchorReply, seedAnchors, storedAnchor, storedAnchors } from '../support/library';

/**
 * Nothing is lost by a sequence of clicks on the in-page toast: Undo only ever touches what its
 * own save made, Mask saves a new version, and only an explicit step deletes anything for good.
 */

const CHAT = 'a8888888-0000-4000-8000-000000000001';
const WITH_KEY = {
  name: 'Bot_Deploy',
  context: 'Telegram bot on a webhook.',
  milestone: 'Tunnel up',
  nextAction: 'Restart the tunnel',
  dependencies: ['OPENAI_API_KEY=sk-proj-abcDEF1234567890abcdef1234', 'certbot'],
};
const conversations = {
  [CHAT]: { title: 'Bot', turns: [{ role: 'user' as const, markdown: 'anchor' }, { role: 'assistant' as const, markdown: anchorReply(WITH_KEY) }] },
};

test('Already saved → Mask → Undo leaves the anchor that was there before exactly as it was', async ({ context, extensionId }) => {
  await serveChatGPT(context, { conversations });
  const before = storedAnchor(WITH_KEY, 600);
  await seedAnchors(context, extensionId, [before]);
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);

  await saveAnchorButton(page).click();
  await expect(toast(page)).toContainText('Already saved: anchor [Bot_Deploy]');
  await expect(toast(page).getByRole('button', { name: 'Undo' })).toHaveCount(0); // that save made nothing to undo
  await toast(page).getByRole('button', { name: 'Mask' }).click();
  await expect(toast(page)).toContainText('Masked [Bot_Deploy]: saved as a new version.');
  const [, masked] = await storedAnchors(context, extensionId);
  expect(masked!.dependencies[0]).toBe('OPENAI_API_KEY=••••1234');

  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page)).toContainText('Already saved: anchor [Bot_Deploy]');
  const after = await storedAnchors(context, extensionId);
  expect(after).toHaveLength(2);
  expect(after[0]).toEqual(before); // back in the library, unchanged
  expect(after[1]).toMatchObject({ id: masked!.id, deletedAt: expect.any(String) }); // the mask's version, in the trash
});

test('Undo of a save moves it to the trash, where the popup can restore it', async ({ context, extensionId, openPopup }) => {
  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await saveAnchorButton(page).click();
  await expect(toast(page)).toContainText('Saved anchor [Bot_Deploy]');
  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page)).toContainText("Moved anchor [Bot_Deploy] to the trash. The popup's trash can restore it.");
  const [trashed] = await storedAnchors(context, extensionId);
  expect(trashed).toMatchObject({ name: 'Bot_Deploy', deletedAt: expect.any(String) });

  const popup = await openPopup();
  await popup.getByRole('button', { name: /Trash/ }).click();
  await expect(popup.getByRole('region', { name: 'Trash' })).toContainText('Bot_Deploy');
});
