import { sameDraft, type Anchor, type AnchorDraft, type Origin, type Source } from '../model/anchor';
import { addAnchor, listNewest, listVersions } from './db';
import { describeSecrets } from '../model/secrets';
import { newAnchor } from '../model/new-anchor';

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
 * Saves an anchor as a new version of its name, with the tags its latest version has. Saving an
 * anchor already in the library (see `findSaved`) returns the stored one instead of making a
 * duplicate.
 */
export async function saveAnchorVersion(
  request: SaveRequest,
  now = new Date(),
): Promise<{ anchor: Anchor; duplicate: boolean; secrets: string[] }> {
  const secrets = describeSecrets(request.draft);
  const existing = await findSaved(request);
  if (existing) return { anchor: existing, duplicate: true, secrets: describeSecrets(existing) };
  const [latest] = await listVersions(request.draft.name);
  const anchor = await addAnchor(
    newAnchor({
      draft: request.draft,
      origin: request.origin,
      source: request.source,
      createdAt: now.toISOString(),
      tags: latest?.tags,
      chatTokens: request.chatTokens,
      rescuedFrom: request.rescuedFrom,
    }),
  );
  return { anchor, duplicate: false, secrets };
}

/**
 * The anchor in the library that a reply already is: a live version of its name with the same
 * text, or a live anchor saved from the same message (renamed, masked or edited since, it is still
 * that reply: saving it again would bring back what the person changed). A second save of a
 * message comes soon after the first, so the newest anchors are searched for a renamed one (and
 * a big library stays fast).
 */
export async function findSaved({ draft, source }: Pick<SaveRequest, 'draft' | 'source'>): Promise<Anchor | undefined> {
  const { messageId } = source;
  const fromMessage = (anchor: Anchor) => messageId !== undefined && !anchor.deletedAt && anchor.source.messageId === messageId;
  const versions = await listVersions(draft.name);
  const found = versions.find((anchor) => sameDraft(anchor, draft)) ?? versions.find(fromMessage);
  if (found || messageId === undefined) return found;
  return (await listNewest(RECENT_FOR_DUPLICATES)).find(fromMessage);
}
