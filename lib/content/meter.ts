import { chatMessages, maxLengthNoticeShown, messageId, messageText } from '../chatgpt/chat-messages';
import { messageSource } from '../chatgpt/page';
import { conversationIdFromPath } from '../chatgpt/urls';
import type { BackgroundPayloads } from '../messages';
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
  /** Look on the next tick that is not streaming. */
  let due = true;
  /** Per message id, the length of the text the background counted. */
  let counted = new Map<string, number>();
  /** One measure at a time, in order. */
  let queue = Promise.resolve();

  /** `resend`: ids the background answered `missing` (it was restarted and forgot): their text again, once. */
  async function measure(forKey: string, resend: ReadonlySet<string> = new Set()): Promise<void> {
    const messages = chatMessages();
    if (messages.length === 0) return show(null);
    const sent = new Map<string, number>();
    const list = messages.map((message, index) => {
      const id = messageId(message) ?? `@${index}`;
      const again = resend.has(id);
      if (!again && counted.has(id) && index < messages.length - ALWAYS_READ) return { id };
      const text = messageText(message);
      if (!again && counted.get(id) === text.length) return { id };
      sent.set(id, text.length);
      return { id, text };
    });
    const { url, conversationId, chatTitle: title } = messageSource(null);
    const reading = await send({ url: url ?? '', conversationId, title, messages: list, notice: maxLengthNoticeShown() });
    if (forKey !== key) return; // the person moved to another chat meanwhile
    // What the background counted, it keeps (it answers `missing` for anything it forgot).
    for (const [id, length] of sent) counted.set(id, length);
    if (reading.missing.length > 0 && resend.size === 0) return measure(forKey, new Set(reading.missing));
    show(reading);
  }

  return {
    /**
     * Called on the page's tick. Looks only when a reply has just ended (the tick after one
     * streamed: a refused send streams too, before ChatGPT's maximum-length notice), when the
     * chat changed, or while its messages have not rendered yet; any other tick costs one compare.
     */
    tick(streaming: boolean): void {
      if (streaming) {
        due = true;
        return;
      }
      const now = conversationIdFromPath(location.pathname)?.replace(/^WEB:/, '') ?? location.pathname;
      if (now !== key) {
        key = now;
        counted = new Map();
        show(null);
        due = true;
      }
      if (!due || chatMessages().length === 0) return;
      due = false;
      queue = queue.then(() => measure(key).catch(() => show(null)));
    },
  };
}

export type ChatMeter = ReturnType<typeof createChatMeter>;
