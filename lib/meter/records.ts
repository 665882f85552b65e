import { z } from 'zod/mini';
import { LIMITS } from '../model/anchor-check';
import { ChatTokensSchema } from '../model/anchor';

/**
 * What the chat length meter keeps (database v6), checked with zod on every write and read like
 * everything else stored. No text of a chat: its size, when it was measured, whether it was
 * nudged, whether it hit ChatGPT's maximum length, and the title and address the options page
 * shows next to a hit.
 */

const isoTime = z.iso.datetime({ offset: true, error: 'Not an ISO date-time.' });
const conversationId = z.string().check(z.minLength(1), z.maxLength(LIMITS.id));

export const ChatRecordSchema = z.object({
  /** The conversation id from ChatGPT's URL. */
  id: conversationId,
  tokens: ChatTokensSchema,
  measuredAt: isoTime,
  /** When Save anchor was highlighted for this chat: once per chat. */
  nudgedAt: z.optional(isoTime),
  /** When ChatGPT said this chat reached its maximum length: Rescue is offered from then on. */
  fullAt: z.optional(isoTime),
});
export type ChatRecord = z.infer<typeof ChatRecordSchema>;

/** A chat that hit the limit, as the options page lists it (one per chat: its first notice). */
export const LimitHitRecordSchema = z.object({
  id: conversationId,
  tokens: ChatTokensSchema,
  at: isoTime,
  title: z.optional(z.string().check(z.maxLength(LIMITS.title))),
  url: z.optional(z.string().check(z.maxLength(LIMITS.url))),
});
export type LimitHitRecord = z.infer<typeof LimitHitRecordSchema>;

/** How many chats' sizes are kept: the oldest measured go first. */
export const KEEP_CHATS = 1_000;
