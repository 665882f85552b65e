import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerBackgroundMessages } from '../../lib/background/handlers';
import type { AnchorDraft, Source } from '../../lib/model/anchor';
import { closeAnchorsDb, listAnchors, saveSettings, takePendingResume } from '../../lib/storage/db';
import { formatResumeText } from '../../lib/log/format';
import { MessageError, sendToBackground } from '../../lib/messaging/protocol';
import { DEFAULT_SETTINGS } from '../../lib/model/settings';

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

/** Save anchor as the page does it: the reply's text goes to the background, which parses and saves it. */
async function saveText(anchor: AnchorDraft, source: Source = {}, origin: 'captured' | 'requested' = 'captured') {
  const result = await sendToBackground('saveText', { text: formatResumeText(anchor), origin, source });
  if ('notAnchor' in result) throw new Error(result.notAnchor);
  return result;
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
    const first = await saveText(draft, source);
    expect(first.duplicate).toBe(false);
    expect(first.anchor).toMatchObject({ ...draft, origin: 'captured', source, resumeCount: 0, timeKnown: true });
    const again = await saveText(draft, source);
    expect(again).toMatchObject({ duplicate: true, anchor: { id: first.anchor.id } });
    expect(await listAnchors()).toHaveLength(1);
  });

  it('knows a message saved again after a rename: still one anchor', async () => {
    const source = { messageId: 'msg-9' };
    const { anchor, receipt } = await saveText(draft, source);
    await sendToBackground('renameAnchor', { receipt, name: 'Capstone_Renamed' });
    const again = await saveText(draft, source);
    expect(again).toMatchObject({ duplicate: true, anchor: { id: anchor.id, name: 'Capstone_Renamed' } });
    expect(await listAnchors()).toHaveLength(1);
  });

  it('makes a new version when the same name is saved with new text', async () => {
    await saveText(draft);
    await saveText({ ...draft, nextAction: 'Ship it.' });
    const versions = await listAnchors();
    expect(versions.map((a) => a.nextAction).sort()).toEqual(['Build the user table.', 'Ship it.']);
  });

  it.each([
    ['a missing text', { origin: 'captured', source: {} }, /^Invalid saveText: text: /],
    ['a text over the reading limit', { text: 'x'.repeat(2_000_001), origin: 'captured', source: {} }, /^Invalid saveText: text: Too big/],
    ['an unknown origin', { text: formatResumeText(draft), origin: 'telepathy', source: {} }, /^Invalid saveText: origin: /],
    [
      'an anchor with an oversized field',
      { text: formatResumeText({ ...draft, context: 'x'.repeat(20_001) }), origin: 'captured', source: {} },
      'The anchor “Capstone_Step9_Admin” cannot be saved: Context is too long (20001 characters; the limit is 20000). Nothing was saved.',
    ],
    ['a selection too long for a Context', { text: 'y'.repeat(20_001), origin: 'selection', source: {} }, 'The selection is too long (20001 characters; the limit is 20000).'],
  ])('answers %s with an error and stores nothing', async (_label, payload, message) => {
    const answer: unknown = await browser.runtime.sendMessage({ type: 'saveText', payload });
    expect(answer).toMatchObject({ ok: false });
    expect((answer as { error: string }).error).toMatch(message);
    expect(await listAnchors()).toEqual([]);
  });

  it('answers a reply that is not an anchor with the parser’s reason, and stores nothing', async () => {
    const answer = await sendToBackground('saveText', { text: 'Start with a **route** guarded by a role check.', origin: 'captured', source: {} });
    expect(answer).toEqual({ notAnchor: 'No anchor name found (expected a line like “Resume from anchor: [NAME]”).' });
    expect(await listAnchors()).toEqual([]);
  });

  it('saves a selection that is not an anchor as the Context of a new one named from the chat', async () => {
    const source = { url: 'https://chatgpt.com/c/abc', chatTitle: 'Capstone Step 9 – Admin' };
    const saved = await sendToBackground('saveText', { text: '  Use magic links for admins.  ', origin: 'selection', source });
    expect(saved).toMatchObject({
      duplicate: false,
      anchor: { name: 'Capstone_Step9_Admin', context: 'Use magic links for admins.', origin: 'selection', source },
    });
    const anchorSelection = await sendToBackground('saveText', { text: formatResumeText(draft), origin: 'selection', source });
    expect(anchorSelection).toMatchObject({ anchor: { ...draft, origin: 'selection' } });
  });

  it('says what a reply is for its Save this anchor button: none, an anchor, one that breaks a limit, or saved', async () => {
    const check = (text: string, source: Source = {}) => sendToBackground('checkReply', { text, source });
    expect(await check('Just a normal answer.')).toBe('none');
    expect(await check(formatResumeText(draft), { messageId: 'm-1' })).toBe('anchor');
    expect(await check(formatResumeText({ ...draft, context: 'x'.repeat(20_001) }))).toBe('invalid');
    expect(await listAnchors()).toEqual([]);

    const { receipt } = await saveText(draft, { messageId: 'm-1' });
    expect(await check(formatResumeText(draft))).toBe('saved'); // the same text, from wherever
    await sendToBackground('renameAnchor', { receipt, name: 'Capstone_Renamed' });
    expect(await check(formatResumeText(draft), { messageId: 'm-1' })).toBe('saved'); // the same message, renamed since
    expect(await check(formatResumeText(draft), { messageId: 'm-2' })).toBe('anchor');
    await sendToBackground('undoSave', { receipt });
    expect(await check(formatResumeText(draft), { messageId: 'm-1' })).toBe('anchor'); // in the trash: not in the library
  });

  it('knows a masked reply is saved: saving it again brings back no secret', async () => {
    const withKey = { ...draft, dependencies: ['OPENAI_API_KEY=sk-proj-abcDEF1234567890abcdef1234'] };
    const source = { messageId: 'm-key' };
    const first = await saveText(withKey, source);
    const masked = await sendToBackground('maskSecrets', { receipt: first.receipt });
    expect(await sendToBackground('checkReply', { text: formatResumeText(withKey), source })).toBe('saved');
    const again = await saveText(withKey, source);
    expect(again).toMatchObject({ duplicate: true, anchor: { id: masked.anchor.id } });
    expect((await listAnchors()).map((a) => a.dependencies)).toEqual([['OPENAI_API_KEY=••••1234']]);
  });

  it('answers the anchor request: the template with a name from the chat’s title, and the reply timeout', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, template: 'Anchor [ANCHOR_NAME] please.', replyTimeoutSeconds: 42 });
    expect(await sendToBackground('anchorRequest', { chatTitle: 'Thesis – chapter 3' })).toEqual({
      text: 'Anchor [Thesis_chapter3] please.',
      replyTimeoutMs: 42_000,
      rolling: null,
    });
    const dated = await sendToBackground('anchorRequest', { chatTitle: '' });
    expect(dated.text).toMatch(/^Anchor \[Chat_\d{4}-\d\d-\d\d\] please\.$/);
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
    const { receipt } = await saveText(draft);
    // The rule's own sentence, shown next to the toast's name field.
    await expect(sendToBackground('renameAnchor', { receipt, name: 'two\nlines' })).rejects.toThrow(
      new MessageError('The name must fit on one line.'),
    );
    await expect(sendToBackground('renameAnchor', { receipt, name: '   ' })).rejects.toThrow(new MessageError('The name is empty.'));
    const renamed = await sendToBackground('renameAnchor', { receipt, name: 'Capstone_Admin' });
    expect(renamed.name).toBe('Capstone_Admin');
  });

  it('keeps a resume for the ChatGPT tab that reloads into a new chat; refuses it from anything but a tab', async () => {
    const { anchor } = await saveText(draft);
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
