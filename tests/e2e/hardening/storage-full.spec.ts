import { expect, test } from './guard';
import { inPageToast as toast, saveAnchorButton } from '../support/extension';
import { serveChatGPT } from '../support/chatgpt-fixture';
import { THESIS, anchorReply, seedAnchors, storedAnchor, storedAnchors } from '../support/library';

/**
 * When the browser refuses a write (quota), the user is told plainly and nothing stored is
 * touched. The background owns the writes from pages and imports, so its IndexedDB is made to
 * refuse every add/put (as Chrome does when the origin is over quota) while the worker runs.
 */

const CHAT = 'c0000000-0000-4000-8000-000000000001';
const NEW_ONE = { ...THESIS, name: 'Quota_New_Anchor', nextAction: 'Would not fit' };
const conversations = {
  [CHAT]: { title: 'Quota', turns: [{ role: 'user' as const, markdown: 'anchor' }, { role: 'assistant' as const, markdown: anchorReply(NEW_ONE) }] },
};
const FULL = 'The browser refused to store more data (storage is full). Nothing was changed.';

test('a full disk: Save anchor and an import say storage is full, and the library is untouched', async ({
  context,
  serviceWorker,
  extensionId,
  openPopup,
}) => {
  const earlier = [storedAnchor(THESIS, 120), storedAnchor({ ...THESIS, name: 'Weekend_Bot_Deploy', nextAction: 'Webhook' }, 60)];
  await seedAnchors(context, extensionId, earlier);
  await serviceWorker.evaluate(() => {
    const refuse = () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.add = refuse;
    IDBObjectStore.prototype.put = refuse;
  });

  await serveChatGPT(context, { conversations });
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/${CHAT}`);
  await saveAnchorButton(page).click();
  await expect(toast(page)).toContainText(FULL);
  await expect(toast(page)).not.toContainText('Saved anchor');

  const popup = await openPopup();
  const log = ['**10:00 03/14/2026**', '', 'Resume from anchor: [Imported_Anchor]', '', 'Context: c', '', 'Next action: n', ''].join('\n');
  await popup.getByLabel('Import').setInputFiles({ name: 'log.md', mimeType: 'text/markdown', buffer: Buffer.from(log) });
  await expect(popup.getByRole('alert')).toContainText(FULL);

  expect(await storedAnchors(context, extensionId)).toEqual(earlier);
  await expect(popup.getByRole('list', { name: 'Anchors' }).getByRole('button')).toHaveCount(2);
});
