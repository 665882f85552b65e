import { browser } from 'wxt/browser';
import type { Source } from '../model/anchor';
import { addLimitHit, getChatRecord, getSettings, listLimitHits, updateChatRecord } from '../storage/db';
import type { CheckedBackgroundPayloads } from '../messaging/messages';
import { ChatCounts } from '../meter/chat-counts';
import { chatLimit, percentOf } from '../meter/limit';
import type { ChatMeterReading } from '../meter/reading';
import { RANKS_FILE, o200kCounter, type MergeableRanks, type TokenCounter } from '../meter/tokenizer';

/**
 * The chat length meter's background side: counts the open chat's tokens from the messages the
 * page sends at a reply's end (lib/meter/chat-counts.ts), keeps each chat's size, decides the
 * one nudge per chat, and learns the limit from ChatGPT's maximum-length notice. The tokenizer
 * lives here only; the page sends text, never per streamed token.
 */

type MeasureRequest = CheckedBackgroundPayloads['measureChat'];

const counts = new ChatCounts();

async function loadRanks(): Promise<MergeableRanks> {
  const response = await fetch(browser.runtime.getURL(`/${RANKS_FILE}`));
  if (!response.ok) throw new Error(`The token table could not be read (${response.status}).`);
  return (await response.json()) as MergeableRanks;
}

let counter: () => Promise<TokenCounter> = () => o200kCounter(loadRanks);

/** For tests: count with another counter (the real table, loaded from node_modules). */
export function useTokenCounter(make: () => Promise<TokenCounter>): void {
  counter = make;
}

/**
 * The id a chat's size is kept under: the conversation id, without the `WEB:` ChatGPT shows right
 * after a first send. A `local-…` id is not the chat's yet (and no id: a chat not yet sent):
 * counted, but not kept.
 */
export function chatIdOf(conversationId: string | undefined): string | undefined {
  const id = conversationId?.replace(/^WEB:/, '');
  return id && !id.startsWith('local-') ? id : undefined;
}

/** The bench reads this measure in the service worker: how long counting a chat took, off the page. */
const COUNT_MEASURE = 'gpt-anchors:count-chat';

export async function measureChat(request: MeasureRequest, tabId: number, now = new Date()): Promise<ChatMeterReading> {
  const chatId = chatIdOf(request.conversationId);
  const count = await counter();
  const start = performance.now();
  const { tokens, missing } = counts.count(chatId ?? `tab:${tabId}`, request.messages, count, request.before);
  performance.clearMeasures(COUNT_MEASURE);
  performance.measure(COUNT_MEASURE, { start, end: performance.now(), detail: { messages: request.messages.length } });

  const at = now.toISOString();
  const complete = missing.length === 0;
  // The chat's size when ChatGPT stopped it: the limit learns it before the reading is made.
  if (complete && chatId && request.notice && tokens > 0) {
    await addLimitHit({ id: chatId, tokens, at, url: request.url, ...(request.title ? { title: request.title } : {}) });
  }
  const [settings, hits] = await Promise.all([getSettings(), listLimitHits()]);
  const limit = chatLimit(settings.chatLimitTokens, hits);
  const percent = percentOf(tokens, limit.tokens);
  const reading = { tokens, limit: limit.tokens, learned: limit.learned, percent, nudgeAt: settings.nudgePercent, missing };
  // Counted in part (the worker forgot some messages): say so, keep nothing, decide nothing yet.
  if (!complete) return { ...reading, nudge: false, full: false };
  // Nothing to keep for a chat not yet sent, or a page whose messages have not rendered yet.
  if (!chatId || (request.before?.count ?? 0) + request.messages.length === 0) return { ...reading, nudge: false, full: request.notice };

  let nudge = false;
  const record = await updateChatRecord(chatId, (old) => {
    const fullAt = old?.fullAt ?? (request.notice ? at : undefined);
    nudge = !old?.nudgedAt && !fullAt && percent >= settings.nudgePercent;
    const nudgedAt = old?.nudgedAt ?? (nudge ? at : undefined);
    return { id: chatId, tokens, measuredAt: at, ...(nudgedAt ? { nudgedAt } : {}), ...(fullAt ? { fullAt } : {}) };
  });
  return { ...reading, nudge, full: record.fullAt !== undefined };
}

/** The size of the chat an anchor comes from, as last measured (undefined when it never was). */
export async function chatTokensOf(source: Source | undefined): Promise<number | undefined> {
  const chatId = chatIdOf(source?.conversationId);
  return chatId ? (await getChatRecord(chatId))?.tokens : undefined;
}
