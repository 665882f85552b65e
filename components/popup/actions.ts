import { browser } from 'wxt/browser';
import { sameDraft, type Anchor, type AnchorDraft } from '../../lib/anchor';
import { LONG_RESUME_CHARS } from '../../lib/content/resume';
import {
  EditConflict,
  addAnchor,
  addVersionIfUnchanged,
  deleteDraft,
  getAnchor,
  getDraft,
  getSettings,
  latestDraft,
  listAllAnchors,
  listVersions,
  purgeAnchors,
  putDraft,
  restoreAnchors,
  trashAnchors,
  type EditDraft,
} from '../../lib/db';
import { formatLogEntry, formatResumeText } from '../../lib/format';
import { wakeBackgroundOnWrites } from '../../lib/log-file/wake-background';
import { sendToBackground } from '../../lib/protocol';

/**
 * The popup's heavy half, loaded lazily (see lazy.ts): writes go through lib/db.ts, which
 * validates with zod and tells every open page that the library changed.
 */

// Every write of the popup goes through this chunk: each one also reaches the background (asleep
// or not), which rewrites the log file.
wakeBackgroundOnWrites();

export { EditForm } from './EditForm';
export { listAllAnchors, purgeAnchors, restoreAnchors, trashAnchors, LONG_RESUME_CHARS };
export { EditConflict, deleteDraft, getDraft, putDraft, type EditDraft };

export async function copyAsMarkdown(anchor: Anchor): Promise<void> {
  const { dateFormat } = await getSettings();
  await navigator.clipboard.writeText(formatLogEntry(anchor, { dateFormat }));
}

export async function copyResumeText(anchor: Anchor): Promise<void> {
  await navigator.clipboard.writeText(formatResumeText(anchor));
}

export function resumeTextLength(anchor: Anchor): number {
  return formatResumeText(anchor).length;
}

export function resumeInNewTab(id: string) {
  return sendToBackground('resumeInNewTab', { id });
}

export function exportLog(format: 'markdown' | 'json') {
  return sendToBackground('exportLog', { format });
}

export function importLog(fileName: string, text: string) {
  return sendToBackground('importLog', { fileName, text });
}

export function openSettings(): Promise<void> {
  return browser.runtime.openOptionsPage();
}

/** The newest live version of the anchor's name: an edit that began there conflicts with any later save. */
export async function latestVersionId(anchor: Anchor): Promise<string> {
  const [latest] = await listVersions(anchor.name);
  return latest?.id ?? anchor.id;
}

/** The unsaved edit to reopen when the popup opens, if its anchor is still in the library. */
export async function draftToReopen(): Promise<{ anchor: Anchor; draft: EditDraft } | null> {
  const draft = await latestDraft();
  if (!draft) return null;
  const anchor = await getAnchor(draft.anchorId);
  if (anchor && !anchor.deletedAt) return { anchor, draft };
  await deleteDraft(draft.anchorId); // its anchor is gone: nothing to edit any more
  return null;
}

/**
 * An edit never overwrites history: it is stored as a new version (new id and time, origin
 * 'manual', the same source). Returns null when nothing changed. With `latestAtStart`, a version
 * of the name saved after the edit began (another popup, another window) refuses the save with
 * EditConflict; without it the edit is saved as a new version regardless.
 */
export async function saveEditedVersion(original: Anchor, draft: AnchorDraft, latestAtStart?: string): Promise<Anchor | null> {
  if (sameDraft(original, draft)) return null;
  const version: Anchor = {
    ...draft,
    id: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    timeKnown: true,
    source: original.source,
    origin: 'manual',
    resumeCount: 0,
    // Still about the same chat: its size and, for a rescue, the full chat.
    ...(original.chatTokens !== undefined ? { chatTokens: original.chatTokens } : {}),
    ...(original.rescuedFrom ? { rescuedFrom: original.rescuedFrom } : {}),
  };
  return latestAtStart === undefined ? addAnchor(version) : addVersionIfUnchanged(version, original.name, latestAtStart);
}
