/**
 * How long a chat may get, and how full the open one is. Pure: values in, values out.
 *
 * ChatGPT stops a chat with "You've reached the maximum length for this conversation" at a size
 * OpenAI does not publish, and it differs by plan and model. So the limit is learned: each time
 * the notice appears, the chat's size at that moment is kept (`LimitHit`), and the user's limit
 * becomes what their chats actually reached. Until one has, the setting is used.
 */

/**
 * The setting's default, in o200k tokens. An estimate, not a published number: 128K tokens is the
 * largest context window OpenAI lists for the GPT-4o and GPT-5 Instant models in ChatGPT's plans
 * (Pro and Enterprise; Plus is listed at 32K). Beyond its window a model stops seeing the oldest
 * messages, and the hard stop comes later still; the first limit the user meets replaces this guess.
 */
export const DEFAULT_CHAT_LIMIT_TOKENS = 128_000;
export const CHAT_LIMIT_BOUNDS = { min: 1_000, max: 2_000_000 } as const;

/** The nudge's default threshold: a fifth of the room left, while the chat still remembers its start. */
export const DEFAULT_NUDGE_PERCENT = 80;
export const NUDGE_PERCENT_BOUNDS = { min: 50, max: 99 } as const;

/** A chat that hit ChatGPT's maximum length: its size then, and when. */
export type LimitHit = { tokens: number; at: string };

/** How many of the latest hits the learned limit is taken from. */
export const LEARN_FROM_LATEST = 5;

/**
 * The limit the user's own chats show: the median size of the latest hits (a chat that carried
 * files or images ChatGPT counted, but the page does not show, does not drag it down alone).
 * Null until a chat has hit the limit.
 */
export function learnedLimit(hits: readonly LimitHit[]): number | null {
  const latest = [...hits].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, LEARN_FROM_LATEST);
  if (latest.length === 0) return null;
  const sizes = latest.map((hit) => hit.tokens).sort((a, b) => a - b);
  const middle = Math.floor(sizes.length / 2);
  return sizes.length % 2 === 1 ? sizes[middle]! : Math.round((sizes[middle - 1]! + sizes[middle]!) / 2);
}

export type ChatLimit = { tokens: number; learned: boolean };

/** The learned limit when there is one, otherwise the setting. */
export function chatLimit(setting: number, hits: readonly LimitHit[]): ChatLimit {
  const learned = learnedLimit(hits);
  return learned === null ? { tokens: setting, learned: false } : { tokens: learned, learned: true };
}

/** The share of the limit a chat of `tokens` takes, in whole percent (it can pass 100). */
export function percentOf(tokens: number, limit: number): number {
  return limit > 0 ? Math.floor((tokens / limit) * 100) : 0;
}
