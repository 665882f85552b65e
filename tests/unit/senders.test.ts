import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerBackgroundMessages } from '../../lib/background/handlers';
import { refusal, senderKind, type Self } from '../../lib/background/senders';
import { closeAnchorsDb, listAllAnchors } from '../../lib/storage/db';
import { backgroundAudience, type BackgroundRequest } from '../../lib/messaging/messages';

/**
 * The background checks who is asking before it reads a payload. Senders are what the browser
 * reports (it fills them in; a page cannot forge them), so fake ones stand in for: our content
 * script on ChatGPT, a content script (of ours) on another site, a frame inside ChatGPT's page,
 * another extension, and our own pages (the popup, and the picker inside ChatGPT's tab).
 */

const ID = 'test-extension-id';
const self: Self = { id: ID, pageOrigins: [`chrome-extension://${ID}`] };
const tabWith = (id: number) => ({ id }) as Browser.tabs.Tab;

const senders = {
  contentScript: { id: ID, url: 'https://chatgpt.com/c/abc', tab: tabWith(7), frameId: 0 },
  contentScriptOpenAI: { id: ID, url: 'https://chat.openai.com/', tab: tabWith(8), frameId: 0 },
  otherSite: { id: ID, url: 'https://evil.example/chatgpt.com/', tab: tabWith(9), frameId: 0 },
  lookalikeHost: { id: ID, url: 'https://chatgpt.com.evil.example/', tab: tabWith(9), frameId: 0 },
  plainHttp: { id: ID, url: 'http://chatgpt.com/', tab: tabWith(9), frameId: 0 },
  subframe: { id: ID, url: 'https://chatgpt.com/embedded', tab: tabWith(7), frameId: 3 },
  otherExtension: { id: 'someone-else', url: 'https://chatgpt.com/', tab: tabWith(7), frameId: 0 },
  otherExtensionPage: { id: 'someone-else', url: 'chrome-extension://someone-else/popup.html' },
  popup: { id: ID, url: `chrome-extension://${ID}/popup.html` },
  pickerFrame: { id: ID, url: `chrome-extension://${ID}/picker.html?theme=dark`, tab: tabWith(7), frameId: 5 },
  noUrl: { id: ID },
} satisfies Record<string, Browser.runtime.MessageSender>;

describe('senderKind', () => {
  it.each([
    ['contentScript', 'chatgptTab'],
    ['contentScriptOpenAI', 'chatgptTab'],
    ['popup', 'extensionPage'],
    ['pickerFrame', 'extensionPage'],
    ['otherSite', null],
    ['lookalikeHost', null],
    ['plainHttp', null],
    ['subframe', null],
    ['otherExtension', null],
    ['otherExtensionPage', null],
    ['noUrl', null],
  ] as const)('%s → %s', (name, kind) => {
    expect(senderKind(senders[name], self)).toBe(kind);
  });
});

const READS_AND_DELETES: BackgroundRequest[] = ['exportLog', 'importLog', 'resumeInNewTab', 'pickerLibrary', 'pickerResume', 'pickerClaim', 'pickerClose'];

describe('what each sender may ask', () => {
  it('a ChatGPT page may not read, list, delete, export or import the library', () => {
    for (const type of READS_AND_DELETES) {
      expect(refusal(type, senders.contentScript, self)).toBe(`${type} is not accepted from a ChatGPT page.`);
    }
  });

  it('an extension page may not act as the content script', () => {
    for (const type of ['saveText', 'checkReply', 'anchorRequest', 'undoSave', 'renameAnchor', 'maskSecrets', 'deleteUnmasked', 'openPicker', 'claimPendingResume', 'chatStarted', 'checkHandshake', 'measureChat'] as const) {
      expect(refusal(type, senders.popup, self)).toBe(`${type} is not accepted from an extension page.`);
    }
  });

  it('nobody else may ask anything', () => {
    const all = Object.keys(backgroundAudience) as BackgroundRequest[];
    for (const sender of [senders.otherSite, senders.lookalikeHost, senders.subframe, senders.otherExtension, senders.otherExtensionPage]) {
      for (const type of all) expect(refusal(type, sender, self)).toBe(`${type} is not accepted from this sender.`);
    }
  });

  it('every request names its audience', () => {
    for (const audience of Object.values(backgroundAudience)) expect(['chatgptTab', 'extensionPage', 'both']).toContain(audience);
    expect(refusal('saveText', senders.contentScript, self)).toBeNull();
    expect(refusal('getShortcuts', senders.contentScript, self)).toBeNull();
    expect(refusal('exportLog', senders.popup, self)).toBeNull();
    expect(refusal('pickerResume', senders.pickerFrame, self)).toBeNull();
  });
});

/** runtime.sendMessage delivered to the background's listener with a given sender. */
function sendAs(sender: Browser.runtime.MessageSender, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    void trigger(message, sender, resolve);
  });
}

const LOG = ['# GPT Anchors Log', '', '**09:12 03/14/2026**', '', 'Resume from anchor: **[Planted_One]**', '', 'Context: planted', ''].join('\n');

describe('the background refuses before it reads or writes', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    await closeAnchorsDb();
    globalThis.indexedDB = new IDBFactory();
    answerBackgroundMessages();
  });

  it('an import from a ChatGPT page writes nothing', async () => {
    const answer = await sendAs(senders.contentScript, { type: 'importLog', payload: { fileName: 'x.md', text: LOG } });
    expect(answer).toEqual({ ok: false, error: 'importLog is not accepted from a ChatGPT page.' });
    expect(await listAllAnchors()).toEqual([]);
  });

  it('an export from a ChatGPT page downloads nothing', async () => {
    const download = vi.spyOn(browser.downloads, 'download');
    const answer = await sendAs(senders.contentScript, { type: 'exportLog', payload: { format: 'json' } });
    expect(answer).toEqual({ ok: false, error: 'exportLog is not accepted from a ChatGPT page.' });
    expect(download).not.toHaveBeenCalled();
  });

  it('a save from a content script on another site stores nothing', async () => {
    const text = 'Resume from anchor: [Planted]\nContext: x\nNext action: y';
    const answer = await sendAs(senders.otherSite, { type: 'saveText', payload: { text, origin: 'captured', source: {} } });
    expect(answer).toEqual({ ok: false, error: 'saveText is not accepted from this sender.' });
    expect(await listAllAnchors()).toEqual([]);
  });

  it('the same import from an extension page goes through', async () => {
    const answer = await sendAs(senders.popup, { type: 'importLog', payload: { fileName: 'x.md', text: LOG } });
    expect(answer).toMatchObject({ ok: true, value: { added: 1 } });
  });
});
