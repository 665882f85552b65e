import { chatMessages, maxLengthNoticeShown, messageId, messageIds, messageText, repliesAmong } from '../chatgpt/chat-messages';
import { messageSource } from '../chatgpt/page';
import { conversationIdFromPath } from '../chatgpt/urls';
import type { BackgroundPayloads } from '../messaging/messages';
import type { ChatMeterReading } from '../meter/reading';

/**
 * The chat length meter's page side. It never counts: at a reply's end (the page tick after the
 * stop control is gone) and on a route change, it sends the background the chat's message ids,
 * with the text of the messages the background has not counted yet (a new reply, and the prompt
 * before it), never anything per streamed token. The background answers the size and what to show.
 */

type Send = (payload: BackgroundPayloads['measureChat']) => Promise<ChatMeterReading>;

/** The last messages are read again each time: a reply re-rendered after its end, an edited prompt. */
const ALWAYS_READ = 2;

export function createChatMeter(send: Send, show: (reading: ChatMeterReading | null) => void) {
  /** Which chat the page shows: its conversation id (the same before and after C's `WEB:`), or the path. */
  let key = '';
  /** What the last look saw: the chat, its count of messages, its last message, ChatGPT's notice. */
  let seen = '';
  /** A reply streamed since (a refused send streams too, then ChatGPT's maximum-length notice shows): look again. */
  let due = false;
  /** Per message id, the length of the text the background counted. */
  let counted = new Map<string, number>();
  /** The chat's message ids as the background last counted them, in order. */
  let order: string[] = [];
  /** One measure at a time, in order. */
  let queue = Promise.resolve();

  /**
   * How many of the first messages are the ones the background counted (at most `limit`). A chat
   * changes at its end, or from an edited message on (every message after it is new): when the
   * last of those still has its id, so have the ones before, and a long chat's thousand ids are
   * not read on every measure. Otherwise they are compared one by one.
   */
  function countedPrefix(messages: readonly HTMLElement[], limit: number): number {
    const end = Math.min(order.length, limit);
    if (end <= 0) return 0;
    const idAt = (index: number) => messageId(messages[index]!) ?? `@${index}`;
    if (idAt(end - 1) === order[end - 1]) return end;
    let start = 0;
    while (start < end && idAt(start) === order[start]) start += 1;
    return start;
  }

  /**
   * Sends the messages after the ones the background counted last time (`before`), each with its
   * text only when it is new or changed. `full`: the background did not know what the page
   * thought it did (its worker was stopped and forgot): every message with its text, once.
   */
  async function measure(
    forKey: string,
    full = false,
    messages: readonly HTMLElement[] = chatMessages(),
    notice = maxLengthNoticeShown(),
  ): Promise<void> {
    if (messages.length === 0) return show(null);
    const recent = messages.length - ALWAYS_READ;
    const start = full ? 0 : countedPrefix(messages, recent);
    const ids = [...order.slice(0, start), ...messageIds(messages.slice(start)).map((id, k) => id ?? `@${start + k}`)];
    const sent = new Map<string, number>();
    const list = ids.slice(start).map((id, k) => {
      if (!full && counted.has(id) && start + k < recent) return { id };
      const text = messageText(messages[start + k]!);
      if (!full && counted.get(id) === text.length) return { id };
      sent.set(id, text.length);
      return { id, text };
    });
    const { url, conversationId, chatTitle: title } = messageSource(null);
    const before = start > 0 ? { before: { count: start, last: ids[start - 1]! } } : {};
    const reading = await send({ url: url ?? '', conversationId, title, messages: list, ...before, notice });
    if (forKey !== key) return; // the person moved to another chat meanwhile
    if (reading.missing.length > 0) {
      counted = new Map();
      order = [];
      if (!full) return measure(forKey, true, messages, notice);
    } else {
      for (const [id, length] of sent) counted.set(id, length);
      order = ids;
    }
    show(reading);
  }

  return {
    /**
     * Called on the page's tick: measures when the chat, its count of replies, its last reply or
     * ChatGPT's maximum-length notice changed, or a reply streamed since the last look. Never while
     * a reply streams (nothing on the page is looked at then). A prompt is counted with the reply
     * that follows it: the look stays this cheap on a long chat's every tick. `replies` and
     * `messages`: the chat's replies and all its messages, when the tick has them already (its
     * message list, createMessageList); otherwise they are looked up here.
     */
    tick(streaming: boolean, replies?: readonly HTMLElement[], messages?: readonly HTMLElement[]): void {
      if (streaming) {
        due = true;
        return;
      }
      const now = conversationIdFromPath(location.pathname)?.replace(/^WEB:/, '') ?? location.pathname;
      if (now !== key) {
        key = now;
        counted = new Map();
        order = [];
        show(null);
      }
      const all = messages ?? chatMessages();
      const shown = replies ?? repliesAmong(all);
      const last = shown.at(-1);
      const notice = maxLengthNoticeShown(document, all);
      const state = `${key}|${shown.length}|${last ? messageId(last) : ''}|${notice}`;
      if (state === seen && !due) return;
      seen = state;
      due = false;
      queue = queue.then(() => measure(key, false, all, notice).catch(() => show(null)));
    },
  };
}

export type ChatMeter = ReturnType<typeof createChatMeter>;
