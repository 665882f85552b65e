import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Anchor } from '../../lib/model/anchor';
import { ROLLING_REPLY_MS } from '../../lib/background/lineage';
import { answerBackgroundMessages } from '../../lib/background/handlers';
import {
  addAnchor,
  closeAnchorsDb,
  getSettings,
  listAllAnchors,
  listResumes,
  saveSettings,
  setPendingResume,
  setTags,
  trashAnchors,
} from '../../lib/storage/db';
import { formatResumeText } from '../../lib/log/format';
import { HANDSHAKE_REQUEST } from '../../lib/log/rolling';

/**
 * Lineage as the content script drives it: a resume in a tab, the report that its chat started
 * (after the first send), Save anchor's request in that chat (rolling), the save of the reply,
 * and the handshake. The sender's address is the chat the browser says the tab shows.
 */

const tabAt = (id: number, path: string): Browser.runtime.MessageSender => ({
  id: 'test-extension-id',
  url: `https://chatgpt.com${path}`,
  tab: { id } as Browser.tabs.Tab,
  frameId: 0,
});
type Answer = { ok: boolean; value?: unknown; error?: string };

function send(type: string, payload: unknown, sender: Browser.runtime.MessageSender): Promise<Answer> {
  return new Promise((resolve) => {
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    void trigger({ type, payload }, sender, resolve);
  });
}

async function value<T>(type: string, payload: unknown, sender: Browser.runtime.MessageSender): Promise<T> {
  const answer = await send(type, payload, sender);
  if (!answer.ok) throw new Error(answer.error);
  return answer.value as T;
}

const X: Anchor = {
  id: 'x-v1',
  name: 'Thesis_Ch3_Methods',
  context: 'Survey of 41 papers done.',
  milestone: 'Sections 3.1–3.3 written.',
  nextAction: 'Write 3.4 (threats to validity) and send it to the supervisor.',
  dependencies: ['Zotero export', 'supervisor slot (Fri)'],
  createdAt: '2026-03-01T10:00:00.000Z',
  timeKnown: true,
  source: { conversationId: 'chat-1', url: 'https://chatgpt.com/c/chat-1', chatTitle: 'Thesis chapter 3' },
  origin: 'requested',
  resumeCount: 0,
};
const NEW_CHAT = '/';
const CHAT_2 = '/c/chat-2';

/** Resume X in tab 7 (on a new chat), then the page's report once the first message gave the chat its id. */
async function resumeAndStart(conversation = 'chat-2') {
  await value('recordResume', { id: X.id }, tabAt(7, NEW_CHAT));
  return value<{ name: string; handshake: boolean } | null>('chatStarted', { conversationId: conversation }, tabAt(7, `/c/${conversation}`));
}

/** ChatGPT's reply as the page reads it (the background parses it). */
const reply = (name: string, nextAction: string) => ({
  text: formatResumeText({ name, context: 'Survey done; coding agreed.', milestone: '3.1–3.4 written.', nextAction, dependencies: ['supervisor slot (Fri)'] }),
  origin: 'requested',
  source: { url: 'https://chatgpt.com/c/chat-2', conversationId: 'chat-2', chatTitle: 'Resume Thesis' },
});

beforeEach(async () => {
  fakeBrowser.reset();
  await closeAnchorsDb();
  globalThis.indexedDB = new IDBFactory();
  answerBackgroundMessages();
  await addAnchor(X);
});
afterEach(() => vi.useRealTimers());

describe('a resumed chat is linked to its anchor', () => {
  it('records the resume against the tab, and the chat once the page reports its id', async () => {
    expect(await resumeAndStart()).toEqual({ name: X.name, handshake: false });
    const [record] = await listResumes();
    expect(record).toMatchObject({ anchorId: X.id, name: X.name, conversationId: 'chat-2', url: 'https://chatgpt.com/c/chat-2' });
    expect(record?.tabId).toBeUndefined();
    expect((await listAllAnchors())[0]?.resumeCount).toBe(1);
  });

  it('refuses an id the tab is not showing (the report must come from the chat itself), and a temporary id', async () => {
    await value('recordResume', { id: X.id }, tabAt(7, NEW_CHAT));
    expect(await send('chatStarted', { conversationId: 'chat-2' }, tabAt(7, '/c/other'))).toMatchObject({ ok: false, error: expect.stringMatching(/not showing that chat/) });
    expect(await send('chatStarted', { conversationId: 'WEB:abc' }, tabAt(7, '/c/WEB:abc'))).toMatchObject({ ok: false });
    expect((await listResumes())[0]?.conversationId).toBeUndefined();
  });

  it('reads the chat from the tab’s address: the sender’s url stays where the page was loaded (ChatGPT moves by pushState)', async () => {
    await value('recordResume', { id: X.id }, tabAt(7, NEW_CHAT));
    const moved = { ...tabAt(7, NEW_CHAT), tab: { id: 7, url: 'https://chatgpt.com/c/chat-2' } as Browser.tabs.Tab };
    expect(await value('chatStarted', { conversationId: 'chat-2' }, moved)).toEqual({ name: X.name, handshake: false });
    expect((await listResumes())[0]).toMatchObject({ conversationId: 'chat-2', url: 'https://chatgpt.com/c/chat-2' });
    const request = await value<{ rolling: unknown }>('anchorRequest', { chatTitle: 'Resume Thesis' }, moved);
    expect(request.rolling).toEqual({ name: X.name });
  });

  it('does not link a chat already linked to an earlier resume (an older resumed chat opened again): the new resume keeps waiting', async () => {
    await resumeAndStart();
    await value('recordResume', { id: X.id }, tabAt(7, NEW_CHAT));
    expect(await value('chatStarted', { conversationId: 'chat-2' }, tabAt(7, CHAT_2))).toBeNull();
    const records = await listResumes();
    expect(records.filter((r) => r.conversationId === 'chat-2')).toHaveLength(1);
    expect(records.find((r) => r.conversationId === undefined)).toMatchObject({ tabId: 7 });
    expect(await resumeAndStart('chat-3')).toEqual({ name: X.name, handshake: false });
  });

  it('answers null to a tab with no resume waiting', async () => {
    expect(await value('chatStarted', { conversationId: 'chat-9' }, tabAt(9, '/c/chat-9'))).toBeNull();
  });
});

describe('rolling anchors', () => {
  it('Save anchor in the resumed chat asks ChatGPT to update the anchor, carrying its fields', async () => {
    await resumeAndStart();
    const request = await value<{ text: string; rolling: { name: string } | null }>('anchorRequest', { chatTitle: 'Resume Thesis' }, tabAt(7, CHAT_2));
    expect(request.rolling).toEqual({ name: X.name });
    expect(request.text.split('\n')).toEqual([
      `Update anchor [${X.name}] for the next chat: keep what still holds, mark what is done, and give the new next action.`,
      'Reply with the updated anchor only, under the same name, in this shape:',
      ...formatResumeText(X).split('\n'),
    ]);
    expect(request.text).toContain(`Next action: ${X.nextAction}`);
    expect(request.text).toContain('Dependencies: Zotero export; supervisor slot (Fri)');
  });

  it('the reply becomes the next version of that anchor, with its tags, whatever name ChatGPT gave it', async () => {
    await setTags(X.name, ['thesis']);
    await resumeAndStart();
    await value('anchorRequest', { chatTitle: 'Resume Thesis' }, tabAt(7, CHAT_2));
    const saved = await value<{ anchor: Anchor }>('saveText', reply('Thesis_Ch3_Methods_v2', 'Send 3.4 to the supervisor.'), tabAt(7, CHAT_2));
    expect(saved.anchor).toMatchObject({ name: X.name, nextAction: 'Send 3.4 to the supervisor.', tags: ['thesis'], source: { conversationId: 'chat-2' } });
    expect((await listAllAnchors()).map((a) => a.name)).toEqual([X.name, X.name]);
    // Asked once, answered once: a later save in the chat keeps its own name.
    const later = await value<{ anchor: Anchor }>('saveText', reply('Other_Name', 'Something else.'), tabAt(7, CHAT_2));
    expect(later.anchor.name).toBe('Other_Name');
  });

  it('an anchor reply saved as it stands (not a reply to the request) keeps its name', async () => {
    await resumeAndStart();
    await value('anchorRequest', { chatTitle: 'Resume Thesis' }, tabAt(7, CHAT_2));
    const saved = await value<{ anchor: Anchor }>('saveText', { ...reply('Own_Name', 'x'), origin: 'captured' }, tabAt(7, CHAT_2));
    expect(saved.anchor.name).toBe('Own_Name');
  });

  it('a reply that comes after the request has expired keeps its own name', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-10T10:00:00.000Z') });
    await resumeAndStart();
    await value('anchorRequest', { chatTitle: 'Resume Thesis' }, tabAt(7, CHAT_2));
    vi.setSystemTime(Date.now() + ROLLING_REPLY_MS + 1_000);
    const saved = await value<{ anchor: Anchor }>('saveText', reply('Own_Name', 'x'), tabAt(7, CHAT_2));
    expect(saved.anchor.name).toBe('Own_Name');
  });

  it('in a chat nobody resumed, or with rolling anchors off, the template is sent', async () => {
    const template = (await getSettings()).template;
    const plain = await value<{ text: string; rolling: unknown }>('anchorRequest', { chatTitle: 'Some Chat' }, tabAt(7, '/c/unrelated'));
    expect(plain).toMatchObject({ text: template.replace('[ANCHOR_NAME]', '[Some_Chat]'), rolling: null });

    await resumeAndStart();
    await saveSettings({ ...(await getSettings()), rollingAnchors: false });
    const off = await value<{ text: string; rolling: unknown }>('anchorRequest', { chatTitle: 'Some Chat' }, tabAt(7, CHAT_2));
    expect(off.rolling).toBeNull();
    const saved = await value<{ anchor: Anchor }>('saveText', reply('Some_Chat', 'x'), tabAt(7, CHAT_2));
    expect(saved.anchor.name).toBe('Some_Chat');
  });

  it('updates the newest version of the name when the version resumed has gone to the trash', async () => {
    await addAnchor({ ...X, id: 'x-v2', createdAt: '2026-03-02T10:00:00.000Z', nextAction: 'The v2 next action.' });
    await resumeAndStart();
    await trashAnchors([X.id]);
    const request = await value<{ text: string }>('anchorRequest', { chatTitle: 'S' }, tabAt(7, CHAT_2));
    expect(request.text).toContain('Next action: The v2 next action.');
  });
});

describe('Resume in a new tab', () => {
  const popup = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
  afterEach(() => vi.restoreAllMocks());

  it('opens the tab straight at a new ChatGPT chat, in one navigation', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const update = vi.spyOn(fakeBrowser.tabs, 'update');
    const { tabId } = await value<{ tabId: number }>('resumeInNewTab', { id: X.id }, popup());
    expect(create.mock.calls).toEqual([[{ url: 'https://chatgpt.com/', active: true }]]);
    expect(update).not.toHaveBeenCalled();
    const order = await value<{ text: string }>('claimPendingResume', {}, tabAt(tabId, NEW_CHAT));
    expect(order.text).toBe(formatResumeText(X));
  });

  it('gives the new page its resume even when the page asks before the order is stored', async () => {
    const create = fakeBrowser.tabs.create.bind(fakeBrowser.tabs);
    let asked: Promise<Answer> | undefined;
    vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async (properties) => {
      const tab = await create(properties);
      asked = send('claimPendingResume', {}, tabAt(tab.id!, NEW_CHAT)); // the page loads at once
      return tab;
    });
    await value('resumeInNewTab', { id: X.id }, popup());
    expect(await asked).toMatchObject({ ok: true, value: { text: formatResumeText(X) } });
  });
});

describe('the resume handshake', () => {
  it('is off by default: the resume text is the anchor alone', async () => {
    await setPendingResume(7, X.id);
    const order = await value<{ text: string }>('claimPendingResume', {}, tabAt(7, NEW_CHAT));
    expect(order.text).toBe(formatResumeText(X));
  });

  it('when on, the resume text asks for the next action, and the reply is compared with the anchor’s', async () => {
    await saveSettings({ ...(await getSettings()), resumeHandshake: true });
    await setPendingResume(7, X.id);
    const order = await value<{ text: string }>('claimPendingResume', {}, tabAt(7, NEW_CHAT));
    expect(order.text).toBe(`${formatResumeText(X)}\n${HANDSHAKE_REQUEST}`);
    expect(await resumeAndStart()).toEqual({ name: X.name, handshake: true });

    const matched = await value('checkHandshake', { reply: 'Got it.\n**Next action:** Write section 3.4 on threats to validity, then send it to the supervisor.' }, tabAt(7, CHAT_2));
    expect(matched).toEqual({
      verdict: 'matched',
      restated: 'Write section 3.4 on threats to validity, then send it to the supervisor.',
      expected: X.nextAction,
      name: X.name,
      text: `Handshake OK: ChatGPT restated the next action of [${X.name}] as the anchor has it: “Write section 3.4 on threats to validity, then send it to the supervisor.”`,
    });
    expect((await listResumes())[0]?.handshake).toBe('matched');
  });

  it('flags a different next action', async () => {
    await saveSettings({ ...(await getSettings()), resumeHandshake: true });
    await resumeAndStart();
    const differed = await value<{ verdict: string }>('checkHandshake', { reply: 'Next action: Start the literature review for chapter 2.' }, tabAt(7, CHAT_2));
    expect(differed.verdict).toBe('differed');
    expect((await listResumes())[0]?.handshake).toBe('differed');
  });

  it('is refused in a chat that was not resumed with one', async () => {
    await resumeAndStart();
    expect(await send('checkHandshake', { reply: 'Next action: x' }, tabAt(7, CHAT_2))).toMatchObject({ ok: false, error: 'This chat was not resumed with a handshake.' });
  });
});
