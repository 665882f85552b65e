import type { Anchor, AnchorDraft, Origin, Source } from './anchor';
import { draftOf } from './anchor-fields';

/**
 * A new anchor record: the one place that says what a fresh version holds (its own id, its
 * time, no resumes yet), for every path that makes one (a save, an edit, a mask, an import).
 * The database checks it with zod when it is written. Pure but for the defaults (a new id, now).
 */
export function newAnchor({
  draft,
  origin,
  source = {},
  createdAt = new Date().toISOString(),
  timeKnown = true,
  id = crypto.randomUUID(),
  tags,
  chatTokens,
  rescuedFrom,
}: {
  draft: AnchorDraft;
  origin: Origin;
  source?: Source;
  createdAt?: string;
  /** False for an imported entry whose time was broken or missing: the date is kept. */
  timeKnown?: boolean;
  id?: string;
  /** A new version of a name starts with the tags of the version it follows. */
  tags?: string[];
  /** The size of the chat it came from, in tokens (the chat length meter's count). */
  chatTokens?: number;
  /** A rescued anchor: the full chat whose transcript the new chat was given. */
  rescuedFrom?: Source;
}): Anchor {
  return {
    ...draftOf(draft),
    id,
    createdAt,
    timeKnown,
    source,
    origin,
    resumeCount: 0,
    ...(tags ? { tags } : {}),
    ...(chatTokens !== undefined ? { chatTokens } : {}),
    ...(rescuedFrom ? { rescuedFrom } : {}),
  };
}
