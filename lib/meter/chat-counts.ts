import { messageTokens, type TokenCounter } from './tokenizer';

/**
 * The background's memory of what it has counted: per chat, each message's tokens by the
 * message's id. The page sends a message's text once (when it is new, or changed); afterwards
 * only its id, so a reply's end costs the count of that reply alone. A service worker that was
 * stopped has forgotten everything: the ids it no longer knows come back as `missing`, and the
 * page sends their text again. No text is kept, only counts.
 */

/** One message as the page sends it: `text` only when the background has not counted it yet. */
export type MeasuredMessage = { id: string; text?: string };

/**
 * The page's first `count` messages are the first `count` the background counted last time for
 * this chat, the last of them `last`: only the messages after them are listed (a long chat's
 * reply end then sends a few ids, not a thousand).
 */
export type CountedBefore = { count: number; last: string };

export type ChatCount = { tokens: number; missing: string[] };

/** How many chats are remembered: a few tabs' worth; the least recently measured is forgotten. */
const KEEP_CHATS_IN_MEMORY = 24;

export class ChatCounts {
  private readonly chats = new Map<string, Map<string, number>>();

  constructor(private readonly keep = KEEP_CHATS_IN_MEMORY) {}

  /**
   * Counts what is new, and sums the chat as the page lists it now (messages gone are dropped).
   * A `before` the background cannot match (it was restarted, or the chat changed) is answered
   * `missing` with its last id, and the page sends the whole chat again.
   */
  count(chatKey: string, messages: readonly MeasuredMessage[], counter: TokenCounter, before?: CountedBefore): ChatCount {
    const known = this.chats.get(chatKey) ?? new Map<string, number>();
    this.chats.delete(chatKey);
    this.chats.set(chatKey, known); // most recently used last
    for (const oldest of [...this.chats.keys()].slice(0, Math.max(0, this.chats.size - this.keep))) this.chats.delete(oldest);

    const now = new Map<string, number>();
    const missing: string[] = [];
    let tokens = 0;
    if (before) {
      // Maps keep their order: the first entries are the chat's first messages, as last counted.
      const prefix = [...known].slice(0, before.count);
      if (prefix.length < before.count || prefix.at(-1)?.[0] !== before.last) return { tokens: 0, missing: [before.last] };
      for (const [id, counted] of prefix) {
        now.set(id, counted);
        tokens += counted;
      }
    }
    for (const { id, text } of messages) {
      const counted = text === undefined ? (now.get(id) ?? known.get(id)) : messageTokens(counter, text);
      if (counted === undefined) {
        missing.push(id);
        continue;
      }
      now.set(id, counted);
      tokens += counted;
    }
    // Only what is on the page now is remembered: an edited message's old branch is forgotten.
    this.chats.set(chatKey, now);
    return { tokens, missing };
  }

  /** The chat's messages as last counted, by id (for tests and the bench). */
  known(chatKey: string): ReadonlyMap<string, number> | undefined {
    return this.chats.get(chatKey);
  }
}
