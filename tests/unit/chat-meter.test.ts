import { IDBFactory } from 'fake-indexeddb';
import ranks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Anchor } from '../../lib/model/anchor';
import { formatResumeText } from '../../lib/log/format';
import { chatIdOf, useTokenCounter } from '../../lib/background/chat-meter';
import { answerBackgroundMessages } from '../../lib/background/handlers';
import { clearLimitHits, closeAnchorsDb, getChatRecord, listLimitHits, saveSettings } from '../../lib/storage/db';
import type { ChatMeterReading } from '../../lib/meter/reading';
import { DEFAULT_SETTINGS } from '../../lib/model/settings';
import { o200kCounter } from '../../lib/meter/tokenizer';

/**
 * The chat length meter's background side, through the messages a ChatGPT tab sends: sizes kept
 * per chat, one nudge per chat, the limit learned from ChatGPT's maximum-length notice, and the
 * chat's size stored with an anchor saved from it.
 */

const tab = (id = 7): Browser.runtime.MessageSender => ({
  id: 'test-extension-id',
  url: 'https://chatgpt.com/c/abc',
  tab: { id } as Browser.tabs.Tab,
  frameId: 0,
});

async function send<T>(type: string, payload: unknown): Promise<T> {
  const answer = await new Promise<{ ok: boolean; value?: unknown; error?: string }>((resolve) => {
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    void trigger({ type, payload }, tab(), resolve);
  });
  if (!answer.ok) throw new Error(answer.error);
  return answer.value as T;
}

/** `n` messages of about 100 tokens each (the word " word" is one o200k token). */
const messages = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ id: `m${from + i}`, text: `word${' word'.repeat(95)}` }));
const CHAT = '6b000000-0000-4000-8000-000000000001';
const measure = (extra: Record<string, unknown>) =>
  send<ChatMeterReading>('measureChat', { conversationId: CHAT, url: `https://chatgpt.com/c/${CHAT}`, title: 'Capstone', notice: false, messages: [], ...extra });

beforeEach(async () => {
  fakeBrowser.reset();
  await closeAnchorsDb();
  globalThis.indexedDB = new IDBFactory();
  useTokenCounter(() => o200kCounter(async () => ranks));
  answerBackgroundMessages();
  await saveSettings({ ...DEFAULT_SETTINGS, chatLimitTokens: 1_000, nudgePercent: 80 });
});

describe('measuring the open chat', () => {
  it('counts the chat, keeps its size, and answers its share of the limit', async () => {
    const reading = await measure({ messages: messages(3) });
    expect(reading).toEqual({ tokens: 300, limit: 1_000, learned: false, percent: 30, nudgeAt: 80, nudge: false, full: false, missing: [] });
    expect(await getChatRecord(CHAT)).toMatchObject({ id: CHAT, tokens: 300 });
  });

  it('after a reply, needs only the new messages’ text', async () => {
    await measure({ messages: messages(3) });
    const reading = await measure({ messages: [...messages(3).map(({ id }) => ({ id })), ...messages(2, 3)] });
    expect(reading.tokens).toBe(500);
  });

  it('asks for the text of messages it forgot (a stopped worker), and keeps nothing meanwhile', async () => {
    const reading = await measure({ messages: [{ id: 'never-sent' }, ...messages(1)] });
    expect(reading).toMatchObject({ tokens: 100, missing: ['never-sent'], nudge: false });
    expect(await getChatRecord(CHAT)).toBeUndefined();
  });

  it('nudges once per chat, when the chat crosses the threshold', async () => {
    expect((await measure({ messages: messages(7) })).nudge).toBe(false); // 70 %
    expect(await measure({ messages: messages(8) })).toMatchObject({ percent: 80, nudge: true });
    expect((await measure({ messages: messages(9) })).nudge).toBe(false);
    // A new page load of the same chat: still nudged already.
    fakeBrowser.reset();
    answerBackgroundMessages();
    expect((await measure({ messages: messages(9) })).nudge).toBe(false);
    // Another chat gets its own.
    const other = await send<ChatMeterReading>('measureChat', { conversationId: 'other', url: 'https://chatgpt.com/c/other', notice: false, messages: messages(9) });
    expect(other.nudge).toBe(true);
  });

  it('learns the limit from ChatGPT’s maximum-length notice, and remembers the chat is full', async () => {
    await measure({ messages: messages(6) });
    const reading = await measure({ messages: messages(6), notice: true });
    expect(reading).toMatchObject({ tokens: 600, limit: 600, learned: true, percent: 100, full: true, nudge: false });
    expect(await listLimitHits()).toEqual([{ id: CHAT, tokens: 600, at: expect.any(String), title: 'Capstone', url: `https://chatgpt.com/c/${CHAT}` }]);
    // Later visits: the notice is gone from the page, the chat is still full; its first hit stays the one.
    expect(await measure({ messages: messages(7) })).toMatchObject({ full: true, limit: 600 });
    await measure({ messages: messages(7), notice: true });
    expect((await listLimitHits()).map((hit) => hit.tokens)).toEqual([600]);
    // A reset forgets what was learned; the chat stays full.
    await clearLimitHits();
    expect(await measure({ messages: messages(7) })).toMatchObject({ limit: 1_000, learned: false, full: true });
  });

  it('keeps nothing for a chat without an id yet, and reads a WEB: id as the chat’s own', async () => {
    const fresh = await send<ChatMeterReading>('measureChat', { url: 'https://chatgpt.com/', notice: false, messages: messages(2) });
    expect(fresh.tokens).toBe(200);
    expect(chatIdOf(`WEB:${CHAT}`)).toBe(CHAT);
    expect(chatIdOf('local-7c2e1f')).toBeUndefined();
  });

  it('refuses the request from anything but a ChatGPT tab', async () => {
    const answer = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
      const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
      void trigger({ type: 'measureChat', payload: { url: '', notice: false, messages: [] } }, { id: 'test-extension-id', url: 'https://evil.example/' }, resolve);
    });
    expect(answer).toEqual({ ok: false, error: 'measureChat is not accepted from this sender.' });
  });
});

describe('saving an anchor from a measured chat', () => {
  const draft = { name: 'Capstone_Step9', context: 'c', milestone: 'm', nextAction: 'n', dependencies: [] };

  it('stores the chat’s size with the anchor', async () => {
    await measure({ messages: messages(4) });
    const saved = await send<{ anchor: Anchor }>('saveText', { text: formatResumeText(draft), origin: 'captured', source: { url: `https://chatgpt.com/c/${CHAT}`, conversationId: CHAT } });
    expect(saved.anchor.chatTokens).toBe(400);
  });

  it('a rescue stores the full chat’s size and the link to it', async () => {
    await measure({ messages: messages(6), notice: true });
    const rescuedFrom = { url: `https://chatgpt.com/c/${CHAT}`, conversationId: CHAT, chatTitle: 'Capstone' };
    const saved = await send<{ anchor: Anchor }>('saveText', { text: formatResumeText(draft), origin: 'rescued', source: { url: 'https://chatgpt.com/c/new', conversationId: 'new' }, rescuedFrom });
    expect(saved.anchor).toMatchObject({ origin: 'rescued', chatTokens: 600, rescuedFrom, source: { conversationId: 'new' } });
  });

  it('stores no size for a chat never measured', async () => {
    const saved = await send<{ anchor: Anchor }>('saveText', { text: formatResumeText(draft), origin: 'captured', source: { conversationId: 'unknown' } });
    expect(saved.anchor.chatTokens).toBeUndefined();
  });
});
