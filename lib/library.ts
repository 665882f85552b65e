import { sameDraft, type Anchor, type AnchorDraft, type Origin, type Source } from './anchor';
import { addAnchor, listNewest, listVersions } from './db';
import { findSecrets } from './secrets';

const RECENT_FOR_DUPLICATES = 200;

export type SaveRequest = {
  draft: AnchorDraft;
  origin: Origin;
  source: Source;
  /** The size of the chat it came from, in tokens, when the chat length meter has measured it. */
  chatTokens?: number;
  /** A rescued anchor: the full chat the new chat was given the transcript of. */
  rescuedFrom?: Source;
};

/**
 * Saves an anchor as a new version of its name. Saving the same text again (the same message
 * twice, or an unchanged anchor) returns the stored one instead of making a duplicate.
 */
export async function saveAnchorVersion(
  request: SaveRequest,
  now = new Date(),
): Promise<{ anchor: Anchor; duplicate: boolean; secrets: string[] }> {
  const secrets = findSecrets(request.draft);
  const existing = await findDuplicate(request);
  if (existing) return { anchor: existing, duplicate: true, secrets: findSecrets(existing) };
  const anchor = await addAnchor({
    ...request.draft,
    id: crypto.randomUUID(),
    createdAt: now.toISOString(),
    timeKnown: true,
    source: request.source,
    origin: request.origin,
    resumeCount: 0,
    ...(request.chatTokens !== undefined ? { chatTokens: request.chatTokens } : {}),
    ...(request.rescuedFrom ? { rescuedFrom: request.rescuedFrom } : {}),
  });
  return { anchor, duplicate: false, secrets };
}

async function findDuplicate({ draft, source }: SaveRequest): Promise<Anchor | undefined> {
  const [latest] = await listVersions(draft.name);
  if (latest && sameDraft(latest, draft)) return latest;
  if (!source.messageId) return undefined;
  // The same message saved again after a rename is still the same anchor. Such a second save
  // comes soon after the first, so the newest anchors are enough (and a big library stays fast).
  const recent = await listNewest(RECENT_FOR_DUPLICATES);
  return recent.find(
    (anchor) => !anchor.deletedAt && anchor.source.messageId === source.messageId && sameDraftExceptName(anchor, draft),
  );
}

function sameDraftExceptName(a: AnchorDraft, b: AnchorDraft): boolean {
  return sameDraft({ ...a, name: b.name }, b);
}
