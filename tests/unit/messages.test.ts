import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerBackgroundMessages } from '../../lib/background/handlers';
import { closeAnchorsDb, listAnchors, takePendingResume } from '../../lib/db';
import { MessageError, sendToBackground } from '../../lib/protocol';

const draft = {
  name: 'Capstone_Step9_Admin',
  context: 'Admin panel half done.',
  milestone: 'Login works.',
  nextAction: 'Build the user table.',
  dependencies: ['ADMIN_KEY', 'Figma'],
};

/** GPT Anchors' content script in a ChatGPT tab, as the browser describes it to the background. */
const chatgptTab = { id: 'test-extension-id', url: 'https://chatgpt.com/c/abc', tab: { id: 7 }, frameId: 0 };

/**
 * runtime.sendMessage as the browsers deliver it: every listener gets `sendResponse`; one that
 * returns `true` answers through it later, one that returns a promise answers with its value
 * (the fake browser only knows the second way). Every message comes from `sender`.
 */
function deliverLikeBrowsers(sender: object = chatgptTab) {
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(
    (message: unknown) =>
      new Promise((resolve) => {
        let answered = false;
        const sendResponse = (response: unknown) => {
          if (answered) return;
          answered = true;
          resolve(response);
        };
        // The fake's trigger passes every argument on, though its type names only two.
        const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
        void trigger(message, sender, sendResponse).then((results) => {
          if (!results.includes(true)) sendResponse(results.find((result) => result !== undefined));
        });
      }) as never,
  );
}

beforeEach(async () => {
  fakeBrowser.reset();
  deliverLikeBrowsers();
  await closeAnchorsDb();
  globalThis.indexedDB = new IDBFactory();
  answerBackgroundMessages();
});

describe('the background protocol', () => {
  it('saves a valid anchor and reports a second save of the same text as a duplicate', async () => {
    const source = { url: 'https://chatgpt.com/c/abc', messageId: 'msg-1' };
    const first = await sendToBackground('saveAnchor', { draft, origin: 'captured', source });
    expect(first.duplicate).toBe(false);
    expect(first.anchor).toMatchObject({ ...draft, origin: 'captured', source, resumeCount: 0, timeKnown: true });
    const again = await sendToBackground('saveAnchor', { draft, origin: 'captured', source });
    expect(again).toMatchObject({ duplicate: true, anchor: { id: first.anchor.id } });
    expect(await listAnchors()).toHaveLength(1);
  });

  it('knows a message saved again after a rename: still one anchor', async () => {
    const source = { messageId: 'msg-9' };
    const { anchor, receipt } = await sendToBackground('saveAnchor', { draft, origin: 'captured', source });
    await sendToBackground('renameAnchor', { receipt, name: 'Capstone_Renamed' });
    const again = await sendToBackground('saveAnchor', { draft, origin: 'captured', source });
    expect(again).toMatchObject({ duplicate: true, anchor: { id: anchor.id, name: 'Capstone_Renamed' } });
    expect(await listAnchors()).toHaveLength(1);
  });

  it('makes a new version when the same name is saved with new text', async () => {
    await sendToBackground('saveAnchor', { draft, origin: 'captured', source: {} });
    await sendToBackground('saveAnchor', { draft: { ...draft, nextAction: 'Ship it.' }, origin: 'captured', source: {} });
    const versions = await listAnchors();
    expect(versions.map((a) => a.nextAction).sort()).toEqual(['Build the user table.', 'Ship it.']);
  });

  it.each([
    ['a missing draft', { origin: 'captured', source: {} }, /^Invalid saveAnchor: draft: /],
    ['an empty name', { draft: { ...draft, name: '' }, origin: 'captured', source: {} }, 'Invalid saveAnchor: draft.name: The name is empty.'],
    ['an unknown origin', { draft, origin: 'telepathy', source: {} }, /^Invalid saveAnchor: origin: /],
    ['an oversized field', { draft: { ...draft, context: 'x'.repeat(20_001) }, origin: 'captured', source: {} }, /Context is too long/],
  ])('answers %s with an error and stores nothing', async (_label, payload, message) => {
    const answer: unknown = await browser.runtime.sendMessage({ type: 'saveAnchor', payload });
    expect(answer).toMatchObject({ ok: false });
    expect((answer as { error: string }).error).toMatch(message);
    expect(await listAnchors()).toEqual([]);
  });

  it('turns a failing handler into an error answer the sender sees', async () => {
    await expect(sendToBackground('renameAnchor', { receipt: 'missing', name: 'X' })).rejects.toThrow(
      new MessageError('This anchor can no longer be changed from the page. Open the GPT Anchors popup to change it.'),
    );
  });

  it('leaves messages of other types to other listeners', async () => {
    let heard: unknown;
    browser.runtime.onMessage.addListener((message: unknown) => {
      heard = message;
      return undefined;
    });
    const answer: unknown = await browser.runtime.sendMessage({ type: 'somethingElse', payload: {} });
    expect(answer).toBeUndefined();
    expect(heard).toEqual({ type: 'somethingElse', payload: {} });
  });

  it('renames through the protocol, validating the new name', async () => {
    const { receipt } = await sendToBackground('saveAnchor', { draft, origin: 'captured', source: {} });
    await expect(sendToBackground('renameAnchor', { receipt, name: 'two\nlines' })).rejects.toThrow(
      'Invalid renameAnchor: name: The name must fit on one line.',
    );
    const renamed = await sendToBackground('renameAnchor', { receipt, name: 'Capstone_Admin' });
    expect(renamed.name).toBe('Capstone_Admin');
  });

  it('keeps a resume for the ChatGPT tab that reloads into a new chat; refuses it from anything but a tab', async () => {
    const { anchor } = await sendToBackground('saveAnchor', { draft, origin: 'captured', source: {} });
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    const answer = await new Promise((resolve) => {
      void trigger({ type: 'resumeAfterReload', payload: { id: anchor.id } }, { ...chatgptTab, tab: { id: 42 } }, resolve);
    });
    expect(answer).toEqual({ ok: true, value: null });
    expect(await takePendingResume(41)).toBeUndefined();
    expect(await takePendingResume(42)).toBe(anchor.id);
    // An extension page (here the options page) has no ChatGPT tab to reload.
    deliverLikeBrowsers({ id: 'test-extension-id', url: 'chrome-extension://test-extension-id/options.html' });
    await expect(sendToBackground('resumeAfterReload', { id: anchor.id })).rejects.toThrow(
      'resumeAfterReload is not accepted from an extension page.',
    );
  });

  it("opens the options page's page check for the bar's notice", async () => {
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({ id: 3 } as never);
    expect(await sendToBackground('openPageCheck', {})).toBeNull();
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/options\.html#page-check$/), active: true });
  });
});
