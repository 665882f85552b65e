import { browser } from 'wxt/browser';
import type { Anchor } from '../../lib/model/anchor';
import { LONG_RESUME_CHARS } from '../../lib/content/resume';
import {
  EditConflict,
  deleteDraft,
  getAnchor,
  getDraft,
  getSettings,
  latestDraft,
  listAllAnchors,
  purgeAnchors,
  putDraft,
  restoreAnchors,
  setTags,
  trashAnchors,
  type EditDraft,
} from '../../lib/storage/db';
import { formatLogEntry, formatResumeText } from '../../lib/log/format';
import { wakeBackgroundOnWrites } from '../../lib/log-file/wake-background';
import { sendToBackground } from '../../lib/messaging/protocol';

/**
 * The popup's heavy half, loaded lazily (see lazy.ts): writes go through lib/storage/db.ts, which
 * validates with zod and tells every open page that the library changed.
 */

// Every write of the popup goes through this chunk: each one also reaches the background (asleep
// or not), which rewrites the log file.
wakeBackgroundOnWrites();

export { EditForm } from './EditForm';
export { latestVersionId, saveEditedVersion } from './edits';
export { listAllAnchors, purgeAnchors, restoreAnchors, setTags, trashAnchors, LONG_RESUME_CHARS };
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

/** The unsaved edit to reopen when the popup opens, if its anchor is still in the library. */
export async function draftToReopen(): Promise<{ anchor: Anchor; draft: EditDraft } | null> {
  const draft = await latestDraft();
  if (!draft) return null;
  const anchor = await getAnchor(draft.anchorId);
  if (anchor && !anchor.deletedAt) return { anchor, draft };
  await deleteDraft(draft.anchorId); // its anchor is gone: nothing to edit any more
  return null;
}
