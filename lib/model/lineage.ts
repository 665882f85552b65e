import { z } from 'zod/mini';
import { LIMITS } from './anchor-check';

/**
 * Lineage: which anchor was resumed when, and into which chat. One record per resume (database
 * v5, store `resumes`); with each anchor's own source chat, it gives a project's chain of chats:
 * chat → anchor v1 → resumed into chat → anchor v2 → … (lib/library/timeline.ts draws it).
 *
 * A record is made when a ChatGPT tab resumes an anchor, keyed to that tab until the page reports
 * the conversation id its new chat got after the first send; then the tab is forgotten and the
 * chat is known. Only ids, times and the chat's address are kept: never chat text.
 */

const isoTime = z.iso.datetime({ offset: true, error: 'Not an ISO date-time.' });
const id = z.string().check(z.minLength(1), z.maxLength(LIMITS.id));

/** `asked`: the resume text asked ChatGPT to restate the next action; then what its reply showed. */
export const HandshakeSchema = z.enum(['asked', 'matched', 'differed', 'unclear']);
export type Handshake = z.infer<typeof HandshakeSchema>;

export const ResumeRecordSchema = z.object({
  id,
  /** The version resumed. */
  anchorId: id,
  /** Its name when it was resumed (the project, should the anchor be renamed or trashed later). */
  name: z.string().check(z.minLength(1), z.maxLength(LIMITS.name)),
  resumedAt: isoTime,
  /** The tab it was resumed in, until its chat is known (never exported). */
  tabId: z.optional(z.number().check(z.int(), z.minimum(0))),
  /** The chat it went into, once the page reported it after the first send. */
  conversationId: z.optional(id),
  url: z.optional(z.string().check(z.maxLength(LIMITS.url))),
  chatStartedAt: z.optional(isoTime),
  handshake: z.optional(HandshakeSchema),
  /** Save anchor in that chat asked ChatGPT to update this anchor (a rolling request): its reply becomes the next version. */
  rollingAskedAt: z.optional(isoTime),
});
export type ResumeRecord = z.infer<typeof ResumeRecordSchema>;

/** What a backup keeps of a record: the tab and a request in flight mean nothing elsewhere. */
export function forBackup({ tabId: _tab, rollingAskedAt: _asked, ...kept }: ResumeRecord): ResumeRecord {
  return kept;
}
