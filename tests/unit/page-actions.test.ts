import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Anchor } from '../../lib/model/anchor';
import { answerBackgroundMessages } from '../../lib/background/handlers';
import { RECEIPT_TTL_MS, addAnchor, closeAnchorsDb, listAllAnchors } from '../../lib/storage/db';
import { formatResumeText } from '../../lib/log/format';

/**
 * "Nothing lost by a sequence of clicks": what the in-page toast's Undo, Mask, Rename and
 * "Delete the unmasked version" do, sent as the content script sends them.
 */

const tab = (id: number): Browser.runtime.MessageSender => ({
  id: 'test-extension-id',
  url: 'https://chatgpt.com/c/abc',
  tab: { id } as Browser.tabs.Tab,
  frameId: 0,
});
type Answer = { ok: boolean; value?: unknown; error?: string };

function send(type: string, payload: unknown, sender: Browser.runtime.MessageSender = tab(7)): Promise<Answer> {
  return new Promise((resolve) => {
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    void trigger({ type, payload }, sender, resolve);
  });
}

async function value<T>(type: string, payload: unknown, sender?: Browser.runtime.MessageSender): Promise<T> {
  const answer = await send(type, payload, sender);
  if (!answer.ok) throw new Error(answer.error);
  return answer.value as T;
}

const KEY = 'sk-proj-abcDEF1234567890abcdef1234';
const draft = { name: 'Bot_Deploy', context: 'Webhook.', milestone: 'Tunnel up.', nextAction: 'Restart.', dependencies: [`OPENAI_API_KEY=${KEY}`] };
const existing: Anchor = {
  ...draft,
  id: 'existing-1',
  createdAt: '2026-01-05T10:00:00.000Z',
  timeKnown: true,
  source: { url: 'https://chatgpt.com/c/old' },
  origin: 'captured',
  resumeCount: 3,
};

type Saved = { anchor: Anchor; duplicate: boolean; secrets: string[]; receipt: string };
/** Save anchor as the page sends it: the reply's text, parsed and saved by the background. */
const saveText = (anchor: typeof draft) => value<Saved>('saveText', { text: formatResumeText(anchor), origin: 'captured', source: {} });
const save = () => saveText(draft);
const byId = async () => new Map((await listAllAnchors()).map((a) => [a.id, a]));

beforeEach(async () => {
  fakeBrowser.reset();
  await closeAnchorsDb();
  globalThis.indexedDB = new IDBFactory();
  answerBackgroundMessages();
});
afterEach(() => vi.useRealTimers());

describe('Already saved → Mask → Undo', () => {
  it('never destroys the anchor that existed before', async () => {
    await addAnchor(existing);
    const saved = await save();
    expect(saved).toMatchObject({ duplicate: true, anchor: { id: existing.id } });

    const masked = await value<{ anchor: Anchor; receipt: string }>('maskSecrets', { receipt: saved.receipt });
    expect(masked.anchor.id).not.toBe(existing.id);
    expect(masked.anchor.dependencies).toEqual(['OPENAI_API_KEY=••••1234']);

    const undone = await value<{ restored: Anchor | null }>('undoSave', { receipt: masked.receipt });
    expect(undone.restored).toMatchObject({ ...existing });
    const after = await byId();
    expect(after.get(existing.id)).toEqual(existing); // back, unchanged, not in the trash
    expect(after.get(masked.anchor.id)?.deletedAt).toEqual(expect.any(String)); // the mask's version, in the trash
  });

  it('Undo of the duplicate save itself touches nothing', async () => {
    await addAnchor(existing);
    const saved = await save();
    const answer = await send('undoSave', { receipt: saved.receipt });
    expect(answer).toEqual({ ok: false, error: 'This anchor was already in the library before: Undo leaves it there.' });
    expect(await listAllAnchors()).toEqual([existing]);
  });
});

describe('Undo of a save', () => {
  it('moves what that save created to the trash, and only that', async () => {
    await addAnchor({ ...existing, name: 'Other_Anchor' });
    const saved = await save();
    expect(saved.duplicate).toBe(false);
    await value('undoSave', { receipt: saved.receipt });
    const after = await byId();
    expect(after.size).toBe(2); // nothing purged
    expect(after.get(saved.anchor.id)).toMatchObject({ ...saved.anchor, deletedAt: expect.any(String) });
    expect(after.get(existing.id)?.deletedAt).toBeUndefined();
  });

  it('is refused for a receipt another tab holds, and for an unknown or expired one', async () => {
    const saved = await save();
    expect(await send('undoSave', { receipt: saved.receipt }, tab(8))).toMatchObject({ ok: false, error: /can no longer be changed from the page/ });
    expect(await send('undoSave', { receipt: 'made-up' })).toMatchObject({ ok: false, error: /can no longer be changed from the page/ });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + RECEIPT_TTL_MS + 60_000 });
    expect(await send('undoSave', { receipt: saved.receipt })).toMatchObject({ ok: false, error: /can no longer be changed from the page/ });
    vi.useRealTimers();
    expect((await listAllAnchors())[0]?.deletedAt).toBeUndefined();
  });
});

describe('Mask', () => {
  it('saves a masked new version and moves the unmasked one to the trash, until deleted for good', async () => {
    const saved = await save();
    const masked = await value<{ anchor: Anchor; receipt: string }>('maskSecrets', { receipt: saved.receipt });
    let after = await byId();
    expect(after.size).toBe(2);
    expect(after.get(saved.anchor.id)).toMatchObject({ dependencies: draft.dependencies, deletedAt: expect.any(String) });
    expect(after.get(masked.anchor.id)).toMatchObject({ name: 'Bot_Deploy', dependencies: ['OPENAI_API_KEY=••••1234'] });
    expect(after.get(masked.anchor.id)?.deletedAt).toBeUndefined();

    await value('deleteUnmasked', { receipt: masked.receipt });
    after = await byId();
    expect([...after.keys()]).toEqual([masked.anchor.id]);
    expect(await send('undoSave', { receipt: masked.receipt })).toMatchObject({
      ok: false,
      error: 'The unmasked version was deleted for good, so the mask cannot be undone.',
    });
  });

  it('"delete the unmasked version" is refused for a save receipt and after an Undo', async () => {
    const saved = await save();
    expect(await send('deleteUnmasked', { receipt: saved.receipt })).toMatchObject({ ok: false, error: 'There is no unmasked version to delete.' });
    const masked = await value<{ receipt: string }>('maskSecrets', { receipt: saved.receipt });
    await value('undoSave', { receipt: masked.receipt });
    expect(await send('deleteUnmasked', { receipt: masked.receipt })).toMatchObject({ ok: false, error: /back in the library/ });
    expect((await listAllAnchors()).find((a) => a.id === saved.anchor.id)?.deletedAt).toBeUndefined();
  });

  it('says so when there is nothing to mask', async () => {
    const saved = await saveText({ ...draft, dependencies: ['certbot'] });
    expect(await send('maskSecrets', { receipt: saved.receipt })).toEqual({ ok: false, error: 'Nothing to mask in [Bot_Deploy].' });
    expect(await listAllAnchors()).toHaveLength(1);
  });
});

describe('Rename', () => {
  it('renames what the save stored, by its receipt', async () => {
    const saved = await save();
    const renamed = await value<Anchor>('renameAnchor', { receipt: saved.receipt, name: 'Bot_Live' });
    expect(renamed).toMatchObject({ id: saved.anchor.id, name: 'Bot_Live' });
  });
});
