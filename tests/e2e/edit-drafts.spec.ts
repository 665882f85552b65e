import type { Page } from '@playwright/test';
import { expect, test } from './support/extension';
import { readAnchors, seedAnchor, seedAnchors } from './support/seed';
import { DB_VERSION } from '../../lib/storage/db-schema';

/**
 * "Nothing lost by a sequence of clicks", in the popup: a popup closes as soon as it loses focus,
 * so what was typed in the editor is kept as a draft and comes back; and two editors of the same
 * version cannot silently outdo each other.
 */

const admin = seedAnchor(
  { name: 'Capstone_Step9_Admin', context: 'Admin panel scaffolded.', nextAction: 'Add role editing', dependencies: ['Supabase service key'] },
  30,
);

const list = (page: Page) => page.getByRole('list', { name: 'Anchors' });
const editForm = (page: Page) => page.getByRole('form', { name: 'Edit Capstone_Step9_Admin' });

/** The draft kept for a version (raw IndexedDB: the store lib/storage/db.ts made in v3). */
function storedDraft(page: Page, anchorId: string): Promise<{ values: Record<string, string> } | null> {
  return page.evaluate(
    ({ id, version }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('gpt-anchors', version);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('drafts').objectStore('drafts').get(id);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result ?? null);
          };
        };
      }),
    { id: anchorId, version: DB_VERSION },
  );
}

async function openEditor(popup: Page) {
  await list(popup).getByRole('button', { name: /^Capstone_Step9_Admin\b/ }).click();
  await popup.getByRole('region', { name: 'Capstone_Step9_Admin, details' }).getByRole('button', { name: 'Edit' }).click();
  await expect(editForm(popup)).toBeVisible();
}

test('an edit in progress survives the popup closing and comes back when it opens again', async ({ openPopup }) => {
  const popup = await openPopup();
  await seedAnchors(popup, [admin], false);
  await popup.reload();
  await openEditor(popup);
  await editForm(popup).getByLabel('Next action').fill('Ship role editing, then the audit log');
  await editForm(popup).getByLabel('Dependencies').fill('Supabase service key\nAudit table');
  // The draft is written once typing pauses.
  await expect.poll(async () => (await storedDraft(popup, admin.id))?.values.dependencies).toBe('Supabase service key\nAudit table');
  await popup.close();

  const again = await openPopup();
  await expect(editForm(again)).toBeVisible();
  await expect(editForm(again).getByRole('status')).toContainText('Restored your unsaved edit');
  await expect(editForm(again).getByLabel('Next action')).toHaveValue('Ship role editing, then the audit log');
  await expect(editForm(again).getByLabel('Dependencies')).toHaveValue('Supabase service key\nAudit table');
  await editForm(again).getByRole('button', { name: 'Save as new version' }).click();
  await expect(editForm(again)).toBeHidden();
  const stored = await readAnchors(again);
  expect(stored.map((a) => a.nextAction).sort()).toEqual(['Add role editing', 'Ship role editing, then the audit log']);

  // Saved: the draft is gone, the next popup opens on the list.
  await again.close();
  const third = await openPopup();
  await expect(list(third)).toBeVisible();
  await expect(editForm(third)).toHaveCount(0);
});

test('Cancel discards the draft', async ({ openPopup }) => {
  const popup = await openPopup();
  await seedAnchors(popup, [admin], false);
  await popup.reload();
  await openEditor(popup);
  await editForm(popup).getByLabel('Context').fill('Half a thought');
  await expect.poll(async () => (await storedDraft(popup, admin.id))?.values.context).toBe('Half a thought');
  await editForm(popup).getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => storedDraft(popup, admin.id)).toBeNull();
  await popup.close();
  const again = await openPopup();
  await expect(list(again)).toBeVisible();
  await expect(editForm(again)).toHaveCount(0);
  await openEditor(again);
  await expect(editForm(again).getByLabel('Context')).toHaveValue('Admin panel scaffolded.');
});

test('two editors of the same version: the second save says it changed meanwhile and can save as a new version', async ({
  openPopup,
}) => {
  const first = await openPopup();
  await seedAnchors(first, [admin], false);
  await first.reload();
  const second = await openPopup();
  await openEditor(first);
  await openEditor(second);

  await editForm(first).getByLabel('Next action').fill('First editor’s step');
  await editForm(first).getByRole('button', { name: 'Save as new version' }).click();
  await expect(editForm(first)).toBeHidden();

  await editForm(second).getByLabel('Next action').fill('Second editor’s step');
  await editForm(second).getByRole('button', { name: 'Save as new version' }).click();
  const alert = editForm(second).getByRole('alert');
  await expect(alert).toContainText('[Capstone_Step9_Admin] changed while you were editing: a newer version was saved meanwhile.');
  expect((await readAnchors(second)).map((a) => a.nextAction).sort()).toEqual(['Add role editing', 'First editor’s step']);
  await expect(editForm(second).getByLabel('Next action')).toHaveValue('Second editor’s step'); // nothing typed is lost

  await alert.getByRole('button', { name: 'Save as a new version anyway' }).click();
  await expect(editForm(second)).toBeHidden();
  expect((await readAnchors(second)).map((a) => a.nextAction).sort()).toEqual(['Add role editing', 'First editor’s step', 'Second editor’s step']);
});
