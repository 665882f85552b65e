import { sameDraft, type Anchor, type AnchorDraft } from '../../lib/model/anchor';
import { addAnchor, addVersionIfUnchanged, listVersions } from '../../lib/storage/db';
import { newAnchor } from '../../lib/model/new-anchor';

/** Saving an edit from the popup: what EditForm needs, apart from the rest of the popup's actions. */

/** The newest live version of the anchor's name: an edit that began there conflicts with any later save. */
export async function latestVersionId(anchor: Anchor): Promise<string> {
  const [latest] = await listVersions(anchor.name);
  return latest?.id ?? anchor.id;
}

/**
 * An edit never overwrites history: it is stored as a new version (new id and time, origin
 * 'manual', the same source). Returns null when nothing changed. With `latestAtStart`, a version
 * of the name saved after the edit began (another popup, another window) refuses the save with
 * EditConflict; without it the edit is saved as a new version regardless.
 */
export async function saveEditedVersion(original: Anchor, draft: AnchorDraft, latestAtStart?: string): Promise<Anchor | null> {
  if (sameDraft(original, draft)) return null;
  // Still about the same chat: its size and, for a rescue, the full chat go with the edit.
  const version = newAnchor({
    draft,
    origin: 'manual',
    source: original.source,
    tags: original.tags,
    chatTokens: original.chatTokens,
    rescuedFrom: original.rescuedFrom,
  });
  return latestAtStart === undefined ? addAnchor(version) : addVersionIfUnchanged(version, original.name, latestAtStart);
}
