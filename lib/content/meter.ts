import { chatMessages, maxLengthNoticeShown, messageId, messageText } from '../chatgpt/chat-messages';
import { chatTitle } from '../chatgpt/page';
import { conversationIdFromPath } from '../chatgpt/urls';
import type { BackgroundPayloads } from '../messages';
import type { ChatMeterReading } from '../meter/reading';

/**
 * The chat length meter's page side. It never counts: at a reply's end (the page tick after the
 * stop control is gone) and on a route change, it sends the background the chat's message ids,
 * with the text of the messages the background has not counted yet (a new reply, and the prompt
 * before it), never anything per streamed token. The background answers the size and what to show.
 */

type Measure = BackgroundPayloads['measureChat'];
type Send = (payload: Measure) => Promise<ChatMeterReading>;

/** The last messages are read again each time: a reply re-rendered after its end, an edited prompt. */
const ALWAYS_READ = 2;

/** Which chat the page shows: its conversation id (the same before and after C's `WEB:`), or the path. */
function chatKey(): string {
  const id = conversationIdFromPath(location.pathname)?.replace(/^WEB:/, '');
  return id ?? `path:${location.pathname}`;
}

export function createChatMeter(send: Send, show: (reading: ChatMeterReading | null) => void) {
  let key = '';
  let seen = '';
  /** Per message id, the length of the text the background counted. */
  let counted = new Map<string, number>();
  let running = false;
  let again = false;

  function payload(messages: HTMLElement[], texts: ReadonlySet<string>, notice: boolean): { measure: Measure; sentTexts: Map<string, number> } {
    const sentTexts = new Map<string, number>();
    const list = messages.map((message, index) => {
      const id = messageId(message) ?? `@${index}`;
      const recent = index >= messages.length - ALWAYS_READ;
      if (!texts.has(id) && counted.has(id) && !recent) return { id };
      const text = messageText(message);
      if (!texts.has(id) && counted.get(id) === text.length) return { id };
      sentTexts.set(id, text.length);
      return { id, text };
    });
    const conversationId = conversationIdFromPath(location.pathname);
    const title = chatTitle();
    return {
      measure: {
        url: location.href.slice(0, 2048),
        ...(conversationId ? { conversationId: conversationId.slice(0, 200) } : {}),
        ...(title ? { title: title.slice(0, 500) } : {}),
        messages: list,
        notice,
      },
      sentTexts,
    };
  }

  async function measure(): Promise<void> {
    const forKey = key;
    const messages = chatMessages();
    if (messages.length === 0) return show(null);
    const notice = maxLengthNoticeShown();
    const ask = async (resend: ReadonlySet<string>) => {
      const { measure: request, sentTexts } = payload(messages, resend, notice);
      const answer = await send(request);
      // What the background counted, it keeps (it answers `missing` for anything it forgot).
      if (forKey === key) for (const [id, length] of sentTexts) counted.set(id, length);
      return answer;
    };
    let reading = await ask(new Set());
    // The background was restarted and forgot: send those texts again, once.
    if (reading.missing.length > 0) reading = await ask(new Set(reading.missing));
    if (forKey === key) show(reading); // else the person moved to another chat meanwhile
  }

  /** Runs one measure at a time; a change meanwhile measures again once it is done. */
  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await measure().catch(() => show(null));
      } while (again);
    } finally {
      running = false;
    }
  }

  return {
    /**
     * Called on the page's tick (never while a reply streams): measures when the chat, its count
     * of messages, its last message or ChatGPT's maximum-length notice changed.
     */
    tick(streaming: boolean): void {
      if (streaming) return;
      const now = chatKey();
      if (now !== key) {
        key = now;
        counted = new Map();
        show(null);
      }
      const messages = chatMessages();
      const last = messages.at(-1);
      const state = `${key}|${messages.length}|${last ? messageId(last) : ''}|${maxLengthNoticeShown()}`;
      if (state === seen) return;
      seen = state;
      void run();
    },
  };
}

export type ChatMeter = ReturnType<typeof createChatMeter>;
